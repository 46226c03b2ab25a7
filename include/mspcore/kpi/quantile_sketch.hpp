/// @file quantile_sketch.hpp
/// @brief A mergeable quantile sketch for non-negative integer durations (seconds).
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// Quantiles of non-negative int64 values that merge exactly.
///
/// Up to kExactLimit values are kept as they are and quantiles are exact. Beyond that each
/// value is counted in a log-linear bucket: values below 64 have a bucket each, above that
/// every power of two is cut into 64 equal buckets whose representative is the midpoint, so
/// any order statistic is off by at most 1/128 (0.79 %) of its value. The bucket of a value
/// depends on nothing else, so merging sketches of partitions gives exactly the sketch of the
/// whole data, in any order and grouping (docs/kpi.md).
class QuantileSketch {
 public:
  static constexpr std::size_t kExactLimit = 128;
  static constexpr double kRelativeError = 1.0 / 128;

  /// Add a value; throws Error(OUT_OF_RANGE) for a negative one.
  void add(std::int64_t value) {
    // Inline, the common cases: an append while exact, a bucket key to fold in later after.
    if (value >= 0 && count_ < static_cast<std::int64_t>(kExactLimit)) {
      ++count_;
      sorted_ = sorted_ && (values_.empty() || values_.back() <= value);
      values_.push_back(value);
    } else if (value >= 0 && values_.empty() && count_ < kMaxCount && pending_.size() + 1 < fold_at()) {
      ++count_;
      pending_.push_back(bucket_of(value));
    } else {
      add_and_fold(value);
    }
  }
  void merge(const QuantileSketch& other);
  /// Fold in the values added last and release the room kept for them: for a complete sketch.
  void shrink_to_fit();

  std::int64_t count() const noexcept { return count_; }
  bool exact() const noexcept { return count_ <= static_cast<std::int64_t>(kExactLimit); }
  /// The q-quantile (0 <= q <= 1) with numpy's default linear interpolation between the
  /// order statistics at floor and ceil of q * (count - 1); NaN when empty.
  double quantile(double q) const;

  /// A compact byte string for shipping partial states between processes; `parse` is its inverse
  /// and throws Error(PARSE_ERROR) naming `what` for bytes that are not a sketch.
  std::string serialize() const;
  static QuantileSketch parse(std::string_view bytes, std::string_view what = "sketch");

  friend bool operator==(const QuantileSketch& a, const QuantileSketch& b);

 private:
  static constexpr unsigned kSubBits = 6;  // 64 buckets per power of two
  static constexpr std::int64_t kMaxCount = (std::int64_t{1} << 52) - 1;  // see the bucket words
  static constexpr std::uint32_t bucket_of(std::int64_t value) {
    const auto v = static_cast<std::uint64_t>(value);
    if (v < (1u << kSubBits)) return static_cast<std::uint32_t>(v);
    const unsigned shift = static_cast<unsigned>(std::bit_width(v)) - 1 - kSubBits;
    return (shift << kSubBits) + static_cast<std::uint32_t>(v >> shift);
  }
  /// Pending keys are folded into the buckets when there are this many: twice the buckets keeps
  /// adding O(1), and the keys take at most the memory of the buckets.
  std::size_t fold_at() const noexcept { return std::max(2 * kExactLimit, 2 * buckets_.size()); }
  static const std::uint32_t kBuckets;  // bucket_of(INT64_MAX) + 1
  static void check_count(std::int64_t count);
  void add_and_fold(std::int64_t value);
  void to_buckets();
  void compact() const;
  std::int64_t order_statistic(std::int64_t rank) const;

  std::int64_t count_ = 0;
  // Exact mode: the values, sorted when first read (most sketches fill up and turn to
  // buckets before anything reads them, so adding is an append, not a sorted insert).
  mutable std::vector<std::int64_t> values_;
  mutable bool sorted_ = true;
  // Bucket mode: (bucket << 52 | count) words sorted by bucket, plus bucket keys not yet folded in.
  mutable std::vector<std::uint64_t> buckets_;
  mutable std::vector<std::uint32_t> pending_;
};

}  // namespace v1
}  // namespace mspcore
