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

constexpr std::uint32_t kSub = 64;  // buckets per power of two

/// Midpoint of a bucket's integer range; exact for buckets of width 1.
double representative(std::uint32_t bucket) {
  if (bucket < 2 * kSub) return bucket;
  const unsigned shift = bucket / kSub - 1;
  const std::uint64_t mantissa = bucket - shift * kSub;
  const std::uint64_t width = std::uint64_t{1} << shift;
  return static_cast<double>(mantissa << shift) + static_cast<double>(width - 1) / 2;
}

constexpr char kMagic[] = {'Q', 'S', 1};

// A bucket and its count in one word, the bucket in the top 12 bits so that words sort by
// bucket: half the memory of a (bucket, count) pair. A sketch holds fewer than 2^52 values.
constexpr unsigned kCountBits = 52;
constexpr std::uint64_t kCountMask = (std::uint64_t{1} << kCountBits) - 1;
constexpr std::uint64_t word(std::uint32_t bucket, std::int64_t n) {
  return (std::uint64_t{bucket} << kCountBits) | static_cast<std::uint64_t>(n);
}
constexpr std::uint32_t bucket_in(std::uint64_t word) { return static_cast<std::uint32_t>(word >> kCountBits); }
constexpr std::int64_t count_in(std::uint64_t word) { return static_cast<std::int64_t>(word & kCountMask); }

}  // namespace

constexpr std::uint32_t QuantileSketch::kBuckets = bucket_of(INT64_MAX) + 1;

void QuantileSketch::check_count(std::int64_t count) {
  if (count > kMaxCount) throw Error(ErrorCode::OUT_OF_RANGE, "a quantile sketch holds fewer than 2^52 values");
}

void QuantileSketch::add_and_fold(std::int64_t value) {
  if (value < 0) throw Error(ErrorCode::OUT_OF_RANGE, "a duration must not be negative, got " + std::to_string(value));
  check_count(++count_);  // add() appends while exact: here the sketch has buckets, or is turning to them
  if (!values_.empty()) to_buckets();
  pending_.push_back(bucket_of(value));
  if (pending_.size() >= fold_at()) compact();
}

void QuantileSketch::merge(const QuantileSketch& other) {
  check_count(count_ + other.count_);
  count_ += other.count_;
  if (exact()) {
    compact();
    other.compact();
    const auto middle = values_.insert(values_.end(), other.values_.begin(), other.values_.end());
    std::inplace_merge(values_.begin(), middle, values_.end());
    return;
  }
  if (!values_.empty()) to_buckets();
  for (std::int64_t v : other.values_) pending_.push_back(bucket_of(v));
  other.compact();
  compact();
  std::vector<std::uint64_t> merged;
  merged.reserve(buckets_.size() + other.buckets_.size());
  auto a = buckets_.begin();
  auto b = other.buckets_.begin();
  while (a != buckets_.end() || b != other.buckets_.end()) {
    if (b == other.buckets_.end() || (a != buckets_.end() && bucket_in(*a) < bucket_in(*b))) {
      merged.push_back(*a++);
    } else if (a == buckets_.end() || bucket_in(*b) < bucket_in(*a)) {
      merged.push_back(*b++);
    } else {
      merged.push_back(*a++ + static_cast<std::uint64_t>(count_in(*b++)));  // the sum fits: count_ < 2^52
    }
  }
  buckets_ = std::move(merged);
}

void QuantileSketch::shrink_to_fit() {
  compact();
  std::vector<std::uint32_t>().swap(pending_);  // empty now; buckets are reserved exactly
}

void QuantileSketch::to_buckets() {
  pending_.reserve(fold_at());
  for (std::int64_t v : values_) pending_.push_back(bucket_of(v));
  values_.clear();
  values_.shrink_to_fit();
  sorted_ = true;
}

void QuantileSketch::compact() const {
  if (!sorted_) std::sort(values_.begin(), values_.end());
  sorted_ = true;
  if (pending_.empty()) return;
  // Bucket ids are small: counting them in a dense table (zero between calls) and visiting the
  // ids seen through a bitmap is several times faster than sorting them.
  // One layout, declared apart: the header's bucket width and count limit are this file's.
  static_assert(kBuckets <= (std::uint64_t{1} << (64 - kCountBits)), "a bucket fits the top bits of a word");
  static_assert(static_cast<std::uint64_t>(kMaxCount) == kCountMask && kSub == 1u << kSubBits);
  constexpr std::size_t kWords = (kBuckets + 63) / 64;
  thread_local std::vector<std::int64_t> table(kBuckets);
  thread_local std::vector<std::uint64_t> bitmap(kWords);
  std::int64_t* const tally = table.data();
  std::uint64_t* const seen = bitmap.data();
  for (std::uint32_t b : pending_) {
    ++tally[b];
    seen[b / 64] |= std::uint64_t{1} << (b % 64);
  }
  std::size_t distinct = 0;
  for (std::size_t w = 0; w < kWords; ++w) distinct += static_cast<std::size_t>(std::popcount(seen[w]));
  std::vector<std::uint64_t> merged;
  merged.reserve(buckets_.size() + distinct);
  auto a = buckets_.begin();
  for (std::size_t w = 0; w < kWords; ++w) {
    for (std::uint64_t bits = std::exchange(seen[w], 0); bits != 0; bits &= bits - 1) {
      const auto b = static_cast<std::uint32_t>(w * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
      while (a != buckets_.end() && bucket_in(*a) < b) merged.push_back(*a++);
      std::int64_t n = std::exchange(tally[b], 0);
      if (a != buckets_.end() && bucket_in(*a) == b) n += count_in(*a++);
      merged.push_back(word(b, n));
    }
  }
  merged.insert(merged.end(), a, buckets_.end());
  buckets_ = std::move(merged);
  pending_.clear();
}

std::int64_t QuantileSketch::order_statistic(std::int64_t rank) const {
  std::int64_t seen = 0;
  for (std::uint64_t w : buckets_) {
    seen += count_in(w);
    if (rank < seen) return bucket_in(w);
  }
  return bucket_in(buckets_.back());
}

double QuantileSketch::quantile(double q) const {
  if (!(q >= 0 && q <= 1)) throw Error(ErrorCode::OUT_OF_RANGE, "quantile must lie in [0, 1], got " + std::to_string(q));
  if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
  const double h = q * static_cast<double>(count_ - 1);
  const auto lo = static_cast<std::int64_t>(std::floor(h));
  const std::int64_t hi = std::min(lo + 1, count_ - 1);
  double a = 0;
  double b = 0;
  compact();
  if (exact()) {
    a = static_cast<double>(values_[static_cast<std::size_t>(lo)]);
    b = static_cast<double>(values_[static_cast<std::size_t>(hi)]);
  } else {
    a = representative(static_cast<std::uint32_t>(order_statistic(lo)));
    b = representative(static_cast<std::uint32_t>(order_statistic(hi)));
  }
  return a + (h - static_cast<double>(lo)) * (b - a);
}

std::string QuantileSketch::serialize() const {
  std::string out(kMagic, sizeof kMagic);
  put_varint(out, static_cast<std::uint64_t>(count_));
  compact();
  if (exact()) {
    for (std::int64_t v : values_) put_varint(out, static_cast<std::uint64_t>(v));
    return out;
  }
  put_varint(out, buckets_.size());
  std::uint32_t previous = 0;
  for (std::uint64_t w : buckets_) {
    put_varint(out, bucket_in(w) - previous);
    put_varint(out, static_cast<std::uint64_t>(count_in(w)));
    previous = bucket_in(w);
  }
  return out;
}

QuantileSketch QuantileSketch::parse(std::string_view bytes, std::string_view what) {
  VarintReader in{bytes, what, "a quantile sketch"};
  if (bytes.substr(0, sizeof kMagic) != std::string_view(kMagic, sizeof kMagic)) in.fail("lacks the header");
  in.at = sizeof kMagic;
  QuantileSketch s;
  s.count_ = in.count();
  if (s.count_ > kMaxCount) in.fail("holds 2^52 values or more");
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
      bucket += std::min<std::uint64_t>(step, kBuckets);  // no wrap-around
      if ((i > 0 && step == 0) || bucket >= kBuckets || n == 0 || n > s.count_ - total) {
        in.fail("has a bad bucket");
      }
      total += n;
      s.buckets_.push_back(word(static_cast<std::uint32_t>(bucket), n));
    }
    if (total != s.count_) in.fail("has bucket counts that do not add up to its count");
  }
  if (in.at != bytes.size()) in.fail("has trailing bytes");
  return s;
}

bool operator==(const QuantileSketch& a, const QuantileSketch& b) {
  if (a.count_ != b.count_) return false;
  a.compact();
  b.compact();
  return a.exact() ? a.values_ == b.values_ : a.buckets_ == b.buckets_;
}

}  // namespace v1
}  // namespace mspcore
