// Private: values a serial loop needs in order, made ahead of it on a second thread.
#pragma once

#include <algorithm>
#include <array>
#include <atomic>
#include <cassert>
#include <cstddef>
#include <exception>
#include <functional>
#include <optional>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace mspcore {
inline namespace v1 {
namespace detail {

/// make(i) for every i < n with wanted[i], taken by take(i) in increasing order of i.
///
/// Values are made a chunk at a time by whichever thread claims the chunk first: a helper
/// thread works up to kRing chunks ahead of the taker, and a taker that reaches a chunk nobody
/// has started makes it itself, so nobody waits for work that nobody does, and without the
/// helper (one core, or few values) this is the plain loop. What make(i) throws is rethrown by
/// take(i). make() runs on two threads at once: it must only read shared state.
template <class T>
class MadeAhead {
 public:
  static constexpr std::size_t kChunk = 256;
  static constexpr std::size_t kRing = 32;  // chunks held at once: the memory is bounded

  MadeAhead(std::size_t n, std::vector<bool> wanted, std::function<T(std::size_t)> make, bool use_helper)
      : n_(n), chunks_((n + kChunk - 1) / kChunk), wanted_(std::move(wanted)), make_(std::move(make)) {
    assert(wanted_.size() == n_);
    for (auto& chunk : ring_) chunk.resize(kChunk);
    if (!use_helper || chunks_ < 2 || std::thread::hardware_concurrency() < 2) return;
    try {
      helper_ = std::thread([this] { help(); });
    } catch (const std::system_error&) {
      // No thread to be had: the taker makes every chunk itself.
    }
  }

  MadeAhead(const MadeAhead&) = delete;
  MadeAhead& operator=(const MadeAhead&) = delete;

  ~MadeAhead() {
    stop_.store(true);
    taking_.fetch_add(1);  // wakes a helper that waits for room
    taking_.notify_all();
    if (helper_.joinable()) helper_.join();
  }

  /// The value made for index i (wanted[i]); each index once, in increasing order.
  T take(std::size_t i) {
    assert(i < n_ && wanted_[i]);
    const std::size_t c = i / kChunk;
    if (c != taking_.load(std::memory_order_relaxed)) {
      taking_.store(c, std::memory_order_release);  // the chunks before c are free again
      taking_.notify_all();
    }
    await(c);
    Slot& slot = ring_[c % kRing][i % kChunk];
    if (slot.failure) std::rethrow_exception(std::exchange(slot.failure, nullptr));
    return std::move(*slot.value);
  }

 private:
  struct Slot {
    std::optional<T> value;
    std::exception_ptr failure;
  };

  // Claims the next chunk nobody has started, if it is below `limit`.
  std::optional<std::size_t> claim(std::size_t limit) {
    std::size_t k = next_.load();
    while (k < chunks_ && k < limit) {
      if (next_.compare_exchange_weak(k, k + 1)) return k;
    }
    return std::nullopt;
  }

  void fill(std::size_t k) {
    std::vector<Slot>& chunk = ring_[k % kRing];
    const std::size_t end = std::min(n_, (k + 1) * kChunk);
    for (std::size_t i = k * kChunk; i < end; ++i) {
      if (!wanted_[i]) continue;
      Slot& slot = chunk[i % kChunk];
      try {
        slot.value.emplace(make_(i));
      } catch (...) {
        slot.failure = std::current_exception();
      }
    }
    ready_[k % kRing].store(k + 1, std::memory_order_release);
    ready_[k % kRing].notify_all();
  }

  // Until chunk c is made: makes the chunks nobody has started, else waits for the helper.
  void await(std::size_t c) {
    std::atomic<std::size_t>& ready = ready_[c % kRing];
    for (std::size_t seen = ready.load(std::memory_order_acquire); seen != c + 1; seen = ready.load(std::memory_order_acquire)) {
      if (const auto k = claim(c + kRing)) {
        fill(*k);
      } else {
        ready.wait(seen, std::memory_order_acquire);
      }
    }
  }

  void help() {
    for (;;) {
      const std::size_t taking = taking_.load(std::memory_order_acquire);
      if (stop_.load()) return;
      if (const auto k = claim(taking + kRing)) {
        fill(*k);
      } else if (next_.load() >= chunks_) {
        return;
      } else {
        taking_.wait(taking, std::memory_order_acquire);  // the ring is full
      }
    }
  }

  const std::size_t n_;
  const std::size_t chunks_;
  const std::vector<bool> wanted_;
  const std::function<T(std::size_t)> make_;
  std::array<std::vector<Slot>, kRing> ring_;               // chunk k lives in ring_[k % kRing]
  std::array<std::atomic<std::size_t>, kRing> ready_{};     // k + 1 once chunk k is made
  std::atomic<std::size_t> next_{0};                        // the first chunk nobody has claimed
  std::atomic<std::size_t> taking_{0};                      // the chunk take() is in
  std::atomic<bool> stop_{false};
  std::thread helper_;
};

}  // namespace detail
}  // namespace v1
}  // namespace mspcore
