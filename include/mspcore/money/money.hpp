/// @file money.hpp
/// @brief Money: an exact Decimal amount in one ISO 4217 currency.
#pragma once

#include <mspcore/money/currency.hpp>
#include <mspcore/money/decimal.hpp>

#include <compare>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// An exact amount of money. Arithmetic between two currencies throws
/// Error(CURRENCY_MISMATCH); there is no implicit division (see divide(),
/// allocate()). The amount may carry more digits than the currency's minor
/// units (a unit price of EUR 0.0125); round() brings it to minor units.
class Money {
 public:
  Money(Decimal amount, Currency currency) : amount_(std::move(amount)), currency_(currency) {}

  /// Parse a plain decimal amount in a currency code: Money::parse("-0.01", "EUR").
  static Money parse(std::string_view amount, std::string_view currency);
  /// `minor_units` of the currency's smallest unit (cents for EUR, yen for JPY).
  static Money from_minor_units(std::int64_t minor_units, Currency currency);
  static Money zero(Currency currency) { return Money(Decimal(), currency); }

  const Decimal& amount() const noexcept { return amount_; }
  const Currency& currency() const noexcept { return currency_; }

  /// Rounded to the currency's minor units with `mode`.
  Money round(RoundingMode mode) const;

  Money operator-() const { return Money(-amount_, currency_); }
  friend Money operator+(const Money& a, const Money& b);
  friend Money operator-(const Money& a, const Money& b);
  Money& operator+=(const Money& other) { return *this = *this + other; }
  Money& operator-=(const Money& other) { return *this = *this - other; }
  /// Exact product with a quantity or an exact decimal factor (scales add; round() when done).
  friend Money operator*(const Money& m, const Decimal& factor);
  friend Money operator*(const Decimal& factor, const Money& m) { return m * factor; }

  /// Equal when the currencies match and the amounts are numerically equal (10.0 == 10.00).
  friend bool operator==(const Money& a, const Money& b);
  /// Order of two amounts in the same currency; throws Error(CURRENCY_MISMATCH) otherwise.
  friend std::strong_ordering operator<=>(const Money& a, const Money& b);

  /// "EUR 10.00".
  std::string to_string() const;

 private:
  Decimal amount_;
  Currency currency_;
};

/// `m / divisor` rounded with `mode` to the currency's minor units.
Money divide(const Money& m, const Decimal& divisor, RoundingMode mode);

/// Split `total` by non-negative `ratios` (not all zero) into parts that sum exactly to it.
/// Parts are in minor units (or total's scale if finer); each part first gets its share
/// rounded toward zero, then the leftover units go one each to the parts with the largest
/// remainders, ties to the earlier part: 100.00 by {1, 1, 1} is 33.34, 33.33, 33.33.
std::vector<Money> allocate(const Money& total, std::span<const Decimal> ratios);

/// The same split of a plain decimal into parts with `scale` fraction digits (at least the
/// total's): the rule behind allocate(Money), for shares that are not money (percentage points).
std::vector<Decimal> allocate(const Decimal& total, std::span<const Decimal> ratios, int scale);

/// Exact sum of amounts in one currency (an empty span cannot say its currency: pass it).
Money sum(std::span<const Money> values, Currency currency);

/// Exact sum of a column of minor units (cents for EUR): the fast kernel behind
/// columnar totals. Accumulates in native 128-bit integers, which cannot overflow for
/// fewer than 2^64 values of 64 bits.
Money sum_minor_units(std::span<const std::int64_t> minor_units, Currency currency);

}  // namespace v1
}  // namespace mspcore
