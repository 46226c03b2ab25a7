/// @file decimal.hpp
/// @brief Exact decimal numbers on a checked 128-bit integer (no binary floating point).
#pragma once

#include <mspcore/money/rounding.hpp>

#include <boost/multiprecision/cpp_int.hpp>

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace mspcore {
inline namespace v1 {

/// The coefficient of a Decimal: Boost's checked 128-bit integer (overflow throws, never wraps).
using Coefficient = boost::multiprecision::checked_int128_t;

/// An exact decimal `coefficient * 10^-scale` with at most 38 significant digits
/// and 0 <= scale <= 38 (the range of SQL DECIMAL(38)). Every operation is exact
/// or rounds with an explicit RoundingMode; results that do not fit throw
/// Error(ARITHMETIC_OVERFLOW). Equal values compare equal whatever their scale
/// (1.5 == 1.50); the scale is kept, as in Python's decimal module.
class Decimal {
 public:
  static constexpr int kMaxDigits = 38;
  static constexpr int kMaxScale = 38;

  Decimal() = default;
  /// An integer value, scale 0.
  Decimal(std::int64_t value) : coefficient_(value) {}  // NOLINT: implicit like an int literal
  /// `coefficient * 10^-scale`; throws if it has more than 38 digits or the scale is out of range.
  Decimal(const Coefficient& coefficient, int scale);

  /// Parse a plain decimal: optional sign, digits, optional '.' and digits ("-0.01", "1234.5").
  /// Rejects exponents, grouping, spaces, "NaN", "" (Error PARSE_ERROR) and more than 38 digits
  /// (Error ARITHMETIC_OVERFLOW).
  static Decimal parse(std::string_view text);

  /// Plain notation with exactly scale() fraction digits: "-0.01", "10.50", "7".
  std::string to_string() const;

  const Coefficient& coefficient() const noexcept { return coefficient_; }
  int scale() const noexcept { return scale_; }
  int sign() const noexcept { return coefficient_.sign(); }
  bool is_zero() const noexcept { return coefficient_.is_zero(); }

  /// The same value with `scale` fraction digits, rounded by `mode` when digits are dropped.
  Decimal rescale(int scale, RoundingMode mode) const;
  /// The same value with trailing fraction zeros removed (1.500 -> 1.5).
  Decimal normalized() const;

  Decimal operator-() const;
  friend Decimal operator+(const Decimal& a, const Decimal& b);
  friend Decimal operator-(const Decimal& a, const Decimal& b);
  /// Exact product; the scales add (trailing zeros are dropped first if the result would not fit).
  friend Decimal operator*(const Decimal& a, const Decimal& b);
  Decimal& operator+=(const Decimal& other) { return *this = *this + other; }
  Decimal& operator-=(const Decimal& other) { return *this = *this - other; }

  friend bool operator==(const Decimal& a, const Decimal& b);
  friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b);

  /// `a / b` rounded by `mode` to `scale` fraction digits. Throws DIVISION_BY_ZERO for b == 0.
  static Decimal divide(const Decimal& a, const Decimal& b, int scale, RoundingMode mode);

 private:
  Coefficient coefficient_{0};
  int scale_ = 0;
};

}  // namespace v1
}  // namespace mspcore
