// Private: 256-bit intermediates and rounding division shared by Decimal and Money.
#pragma once

#include <mspcore/core/error.hpp>
#include <mspcore/money/decimal.hpp>

#include <boost/multiprecision/cpp_int.hpp>

#include <string>

namespace mspcore {
inline namespace v1 {
namespace detail {

/// Wide enough for any product or aligned sum of two 38-digit coefficients.
using Wide = boost::multiprecision::checked_int256_t;

/// 10^n for 0 <= n <= 76 (every power that fits in Wide).
const Wide& pow10(int n);

/// |v| <= 10^38 - 1.
bool fits_digits(const Wide& v);
bool fits_digits(const Coefficient& v);

/// numerator / denominator rounded by `mode`; `describe()` names the operation for
/// Error(ROUNDING_NECESSARY) under RoundingMode::Unnecessary.
template <class Describe>
Wide divide_rounded(const Wide& numerator, const Wide& denominator, RoundingMode mode,
                    Describe describe) {
  Wide quotient = numerator / denominator;  // truncates toward zero
  Wide remainder = numerator % denominator; // has the numerator's sign
  if (remainder.is_zero()) return quotient;
  const bool negative = (numerator.sign() < 0) != (denominator.sign() < 0);
  const int away = negative ? -1 : 1;
  auto half_compare = [&] {
    return (boost::multiprecision::abs(remainder) * 2).compare(boost::multiprecision::abs(denominator));
  };
  switch (mode) {
    case RoundingMode::Down:
      return quotient;
    case RoundingMode::Up:
      return quotient + away;
    case RoundingMode::Ceiling:
      return negative ? quotient : quotient + 1;
    case RoundingMode::Floor:
      return negative ? quotient - 1 : quotient;
    case RoundingMode::HalfUp:
      return half_compare() >= 0 ? quotient + away : quotient;
    case RoundingMode::HalfDown:
      return half_compare() > 0 ? quotient + away : quotient;
    case RoundingMode::HalfEven: {
      int c = half_compare();
      if (c == 0) return boost::multiprecision::bit_test(boost::multiprecision::abs(quotient), 0) ? quotient + away : quotient;
      return c > 0 ? quotient + away : quotient;
    }
    case RoundingMode::Unnecessary:
      break;
  }
  throw Error(ErrorCode::ROUNDING_NECESSARY, describe() + " is not exact and rounding mode is 'unnecessary'");
}


/// Native 128-bit conversions for kernels and the C ABI (values within 38 digits always fit).
Coefficient from_int128(__int128 value);
__int128 to_int128(const Coefficient& value);

}  // namespace detail
}  // namespace v1
}  // namespace mspcore
