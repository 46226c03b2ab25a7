// Private: running the parts of a job on threads.
#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace mspcore {
inline namespace v1 {
namespace detail {

/// Parts worth running for n items with at least `min_per_part` each, on at most `threads`
/// (0: one per core).
inline std::size_t parts_for(std::size_t n, std::size_t min_per_part, unsigned threads = 0) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  return std::clamp<std::size_t>(n / min_per_part, 1, threads);
}

/// Runs part(k) for k in [0, parts), part 0 on the calling thread, and rethrows the exception
/// of the lowest k that failed once all have finished.
template <class Part>
void run_parts(std::size_t parts, Part part) {
  std::vector<std::exception_ptr> failures(parts);
  const auto guarded = [&](std::size_t k) {
    try {
      part(k);
    } catch (...) {
      failures[k] = std::current_exception();
    }
  };
  std::vector<std::thread> workers;
  for (std::size_t k = 1; k < parts; ++k) workers.emplace_back(guarded, k);
  guarded(0);
  for (std::thread& w : workers) w.join();
  for (const std::exception_ptr& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
}

}  // namespace detail
}  // namespace v1
}  // namespace mspcore
