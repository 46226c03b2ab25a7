#include <mspcore/core/error.hpp>
#include <mspcore/money/money.hpp>
#include "money/wide.hpp"

#include <algorithm>
#include <numeric>

namespace mspcore {
inline namespace v1 {

using detail::Wide;

namespace {

void require_same_currency(const Money& a, const Money& b, const char* op) {
  if (!(a.currency() == b.currency())) {
    throw Error(ErrorCode::CURRENCY_MISMATCH, "cannot " + std::string(op) + " " + a.to_string() +
                                                  " and " + b.to_string() + ": different currencies");
  }
}

}  // namespace

Money Money::parse(std::string_view amount, std::string_view currency) {
  Currency c = Currency::from_code(currency);
  return Money(Decimal::parse(amount), c);
}

Money Money::from_minor_units(std::int64_t minor_units, Currency currency) {
  return Money(Decimal(Coefficient(minor_units), currency.minor_units()), currency);
}

Money Money::round(RoundingMode mode) const {
  return Money(amount_.rescale(currency_.minor_units(), mode), currency_);
}

Money operator+(const Money& a, const Money& b) {
  require_same_currency(a, b, "add");
  return Money(a.amount_ + b.amount_, a.currency_);
}

Money operator-(const Money& a, const Money& b) {
  require_same_currency(a, b, "subtract");
  return Money(a.amount_ - b.amount_, a.currency_);
}

Money operator*(const Money& m, const Decimal& factor) { return Money(m.amount_ * factor, m.currency_); }

bool operator==(const Money& a, const Money& b) {
  return a.currency_ == b.currency_ && a.amount_ == b.amount_;
}

std::strong_ordering operator<=>(const Money& a, const Money& b) {
  require_same_currency(a, b, "compare");
  return a.amount_ <=> b.amount_;
}

std::string Money::to_string() const { return std::string(currency_.code()) + " " + amount_.to_string(); }

Money divide(const Money& m, const Decimal& divisor, RoundingMode mode) {
  return Money(Decimal::divide(m.amount(), divisor, m.currency().minor_units(), mode), m.currency());
}

std::vector<Money> allocate(const Money& total, std::span<const Decimal> ratios) {
  const int scale = std::max(total.amount().scale(), total.currency().minor_units());
  std::vector<Money> parts;
  parts.reserve(ratios.size());
  for (Decimal& part : allocate(total.amount(), ratios, scale)) parts.emplace_back(std::move(part), total.currency());
  return parts;
}

std::vector<Decimal> allocate(const Decimal& total, std::span<const Decimal> ratios, int scale) {
  if (ratios.empty()) throw Error(ErrorCode::INVALID_ARGUMENT, "allocate needs at least one ratio");
  int ratio_scale = 0;
  for (std::size_t i = 0; i < ratios.size(); ++i) {
    if (ratios[i].sign() < 0) {
      throw Error(ErrorCode::INVALID_ARGUMENT,
                  "ratio " + ratios[i].to_string() + " at index " + std::to_string(i) + " must be >= 0",
                  static_cast<std::int64_t>(i));
    }
    ratio_scale = std::max(ratio_scale, ratios[i].scale());
  }
  // Ratios as integers on a common scale, the total as an integer count of its smallest unit.
  std::vector<Wide> weights;
  weights.reserve(ratios.size());
  for (const Decimal& r : ratios) {
    weights.push_back(Wide(r.coefficient()) * detail::pow10(ratio_scale - r.scale()));
  }
  const Wide weight_sum = std::accumulate(weights.begin(), weights.end(), Wide(0));
  if (weight_sum.is_zero()) throw Error(ErrorCode::INVALID_ARGUMENT, "allocate: the ratios sum to zero");

  const Decimal exact = total.rescale(scale, RoundingMode::Unnecessary);
  const Wide units = boost::multiprecision::abs(Wide(exact.coefficient()));

  std::vector<Wide> shares(weights.size());
  std::vector<Wide> remainders(weights.size());
  Wide given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    Wide product = units * weights[i];
    shares[i] = product / weight_sum;
    remainders[i] = product % weight_sum;
    given += shares[i];
  }
  // Leftover units (fewer than the number of parts) go to the largest remainders, earlier first.
  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return remainders[x] > remainders[y]; });
  const auto leftover = static_cast<std::size_t>(units - given);
  for (std::size_t k = 0; k < leftover; ++k) shares[order[k]] += 1;

  std::vector<Decimal> parts;
  parts.reserve(shares.size());
  const bool negative = exact.sign() < 0;
  for (const Wide& share : shares) {
    auto c = static_cast<Coefficient>(share);
    parts.emplace_back(negative ? Coefficient(-c) : c, scale);
  }
  return parts;
}

Money sum(std::span<const Money> values, Currency currency) {
  // Fast path: amounts of one scale add as native 128-bit integers with an overflow
  // check; anything else (mixed scales, a currency mismatch) takes the general path.
  const int scale = values.empty() ? currency.minor_units() : values.front().amount().scale();
  __int128 total = 0;
  bool fast = true;
  for (const Money& m : values) {
    if (m.amount().scale() != scale || !(m.currency() == currency) ||
        __builtin_add_overflow(total, detail::to_int128(m.amount().coefficient()), &total)) {
      fast = false;
      break;
    }
  }
  if (fast) return Money(Decimal(detail::from_int128(total), scale), currency);
  Money general = Money::zero(currency);
  for (const Money& m : values) general += m;
  return general;
}

namespace {

// The AVX2 clone is picked by an ifunc resolver while the program loads; ThreadSanitizer's
// instrumented resolver runs before its runtime is ready and crashes, so a TSan build keeps
// the portable loop only.
#if defined(__SANITIZE_THREAD__)
#define MSP_VECTOR_CLONES
#else
#define MSP_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#endif

struct HalfSums {
  std::uint64_t low = 0, high = 0, negatives = 0;
};

// Sums each value's unsigned low and high 32-bit halves and its sign bit apart: logical
// shifts and adds only, so the loop vectorises (AVX2 where the CPU has it, chosen at load
// time). For at most 2^31 values none of the three sums can overflow 64 bits.
MSP_VECTOR_CLONES HalfSums sum_halves(const std::int64_t* values, std::size_t n) {
  HalfSums s;
  for (std::size_t i = 0; i < n; ++i) {
    const auto u = static_cast<std::uint64_t>(values[i]);
    s.low += u & 0xFFFFFFFFu;
    s.high += u >> 32;
    s.negatives += u >> 63;
  }
  return s;
}

}  // namespace

Money sum_minor_units(std::span<const std::int64_t> minor_units, Currency currency) {
  constexpr std::size_t kChunk = std::size_t{1} << 31;
  __int128 total = 0;
  for (std::size_t begin = 0; begin < minor_units.size(); begin += kChunk) {
    const HalfSums s = sum_halves(minor_units.data() + begin, std::min(kChunk, minor_units.size() - begin));
    // Recombined exactly: sum = high * 2^32 + low - negatives * 2^64.
    total += (static_cast<__int128>(s.high) << 32) + static_cast<__int128>(s.low) -
             (static_cast<__int128>(s.negatives) << 64);
  }
  return Money(Decimal(detail::from_int128(total), currency.minor_units()), currency);
}

}  // namespace v1
}  // namespace mspcore
