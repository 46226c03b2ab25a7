#include <mspcore/core/error.hpp>
#include <mspcore/kpi/quantile_sketch.hpp>

#include "varint.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

namespace mspcore {
inline namespace v1 {
namespace {
using detail::put_varint;
using detail::VarintReader;

constexpr unsigned kSubBits = 6;  // 64 buckets per power of two
constexpr std::uint32_t kSub = 1u << kSubBits;

std::uint32_t bucket_of(std::int64_t value) {
  const auto v = static_cast<std::uint64_t>(value);
  if (v < kSub) return static_cast<std::uint32_t>(v);
  const unsigned shift = static_cast<unsigned>(std::bit_width(v)) - 1 - kSubBits;
  return shift * kSub + static_cast<std::uint32_t>(v >> shift);
}

/// Midpoint of a bucket's integer range; exact for buckets of width 1.
double representative(std::uint32_t bucket) {
  if (bucket < 2 * kSub) return bucket;
  const unsigned shift = bucket / kSub - 1;
  const std::uint64_t mantissa = bucket - shift * kSub;
  const std::uint64_t width = std::uint64_t{1} << shift;
  return static_cast<double>(mantissa << shift) + static_cast<double>(width - 1) / 2;
}

constexpr char kMagic[] = {'Q', 'S', 1};

}  // namespace

void QuantileSketch::add(std::int64_t value) {
  if (value < 0) throw Error(ErrorCode::OUT_OF_RANGE, "a duration must not be negative, got " + std::to_string(value));
  ++count_;
  if (exact()) {
    values_.insert(std::upper_bound(values_.begin(), values_.end(), value), value);
    return;
  }
  if (!values_.empty()) to_buckets();
  pending_.push_back(bucket_of(value));
  if (pending_.size() >= std::max<std::size_t>(kExactLimit, buckets_.size())) compact();
}

QuantileSketch QuantileSketch::of(std::span<std::int64_t> values) {
  std::sort(values.begin(), values.end());
  if (!values.empty() && values.front() < 0) {
    throw Error(ErrorCode::OUT_OF_RANGE, "a duration must not be negative, got " + std::to_string(values.front()));
  }
  QuantileSketch s;
  s.count_ = static_cast<std::int64_t>(values.size());
  if (s.exact()) {
    s.values_.assign(values.begin(), values.end());
    return s;
  }
  // Sorted values have sorted buckets: run-length encode them directly.
  for (std::int64_t v : values) {
    const std::uint32_t bucket = bucket_of(v);
    if (s.buckets_.empty() || s.buckets_.back().first != bucket) {
      s.buckets_.emplace_back(bucket, 1);
    } else {
      ++s.buckets_.back().second;
    }
  }
  return s;
}

void QuantileSketch::merge(const QuantileSketch& other) {
  count_ += other.count_;
  if (exact()) {
    const auto middle = values_.insert(values_.end(), other.values_.begin(), other.values_.end());
    std::inplace_merge(values_.begin(), middle, values_.end());
    return;
  }
  if (!values_.empty()) to_buckets();
  for (std::int64_t v : other.values_) pending_.push_back(bucket_of(v));
  other.compact();
  compact();
  std::vector<std::pair<std::uint32_t, std::int64_t>> merged;
  merged.reserve(buckets_.size() + other.buckets_.size());
  auto a = buckets_.begin();
  auto b = other.buckets_.begin();
  while (a != buckets_.end() || b != other.buckets_.end()) {
    if (b == other.buckets_.end() || (a != buckets_.end() && a->first < b->first)) {
      merged.push_back(*a++);
    } else if (a == buckets_.end() || b->first < a->first) {
      merged.push_back(*b++);
    } else {
      merged.emplace_back(a->first, a->second + b->second);
      ++a, ++b;
    }
  }
  buckets_ = std::move(merged);
}

void QuantileSketch::to_buckets() {
  for (std::int64_t v : values_) pending_.push_back(bucket_of(v));
  values_.clear();
  values_.shrink_to_fit();
}

void QuantileSketch::compact() const {
  if (pending_.empty()) return;
  std::sort(pending_.begin(), pending_.end());
  std::vector<std::pair<std::uint32_t, std::int64_t>> merged;
  merged.reserve(buckets_.size() + pending_.size());
  auto a = buckets_.begin();
  for (std::size_t i = 0; i < pending_.size();) {
    std::size_t j = i;
    while (j < pending_.size() && pending_[j] == pending_[i]) ++j;
    while (a != buckets_.end() && a->first < pending_[i]) merged.push_back(*a++);
    std::int64_t n = static_cast<std::int64_t>(j - i);
    if (a != buckets_.end() && a->first == pending_[i]) n += (a++)->second;
    merged.emplace_back(pending_[i], n);
    i = j;
  }
  merged.insert(merged.end(), a, buckets_.end());
  buckets_ = std::move(merged);
  pending_.clear();
}

std::int64_t QuantileSketch::order_statistic(std::int64_t rank) const {
  std::int64_t seen = 0;
  for (const auto& [bucket, n] : buckets_) {
    seen += n;
    if (rank < seen) return bucket;
  }
  return buckets_.back().first;
}

double QuantileSketch::quantile(double q) const {
  if (!(q >= 0 && q <= 1)) throw Error(ErrorCode::OUT_OF_RANGE, "quantile must lie in [0, 1], got " + std::to_string(q));
  if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
  const double h = q * static_cast<double>(count_ - 1);
  const auto lo = static_cast<std::int64_t>(std::floor(h));
  const std::int64_t hi = std::min(lo + 1, count_ - 1);
  double a = 0;
  double b = 0;
  if (exact()) {
    a = static_cast<double>(values_[static_cast<std::size_t>(lo)]);
    b = static_cast<double>(values_[static_cast<std::size_t>(hi)]);
  } else {
    compact();
    a = representative(static_cast<std::uint32_t>(order_statistic(lo)));
    b = representative(static_cast<std::uint32_t>(order_statistic(hi)));
  }
  return a + (h - static_cast<double>(lo)) * (b - a);
}

std::string QuantileSketch::serialize() const {
  std::string out(kMagic, sizeof kMagic);
  put_varint(out, static_cast<std::uint64_t>(count_));
  if (exact()) {
    for (std::int64_t v : values_) put_varint(out, static_cast<std::uint64_t>(v));
    return out;
  }
  compact();
  put_varint(out, buckets_.size());
  std::uint32_t previous = 0;
  for (const auto& [bucket, n] : buckets_) {
    put_varint(out, bucket - previous);
    put_varint(out, static_cast<std::uint64_t>(n));
    previous = bucket;
  }
  return out;
}

QuantileSketch QuantileSketch::parse(std::string_view bytes, std::string_view what) {
  VarintReader in{bytes, what, "a quantile sketch"};
  if (bytes.substr(0, sizeof kMagic) != std::string_view(kMagic, sizeof kMagic)) in.fail("lacks the header");
  in.at = sizeof kMagic;
  QuantileSketch s;
  s.count_ = in.count();
  if (s.exact()) {
    for (std::int64_t i = 0; i < s.count_; ++i) s.values_.push_back(in.count());
    std::sort(s.values_.begin(), s.values_.end());
  } else {
    const std::int64_t buckets = in.count();
    std::uint64_t bucket = 0;
    std::int64_t total = 0;
    for (std::int64_t i = 0; i < buckets; ++i) {
      const std::uint64_t step = in.varint();
      const std::int64_t n = in.count();
      bucket += step;
      if ((i > 0 && step == 0) || bucket > bucket_of(INT64_MAX) || n == 0 || n > s.count_ - total) {
        in.fail("has a bad bucket");
      }
      total += n;
      s.buckets_.emplace_back(static_cast<std::uint32_t>(bucket), n);
    }
    if (total != s.count_) in.fail("has bucket counts that do not add up to its count");
  }
  if (in.at != bytes.size()) in.fail("has trailing bytes");
  return s;
}

bool operator==(const QuantileSketch& a, const QuantileSketch& b) {
  if (a.count_ != b.count_) return false;
  if (a.exact()) return a.values_ == b.values_;  // both sorted
  a.compact();
  b.compact();
  return a.buckets_ == b.buckets_;
}

}  // namespace v1
}  // namespace mspcore
