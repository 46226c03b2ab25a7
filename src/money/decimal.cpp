#include <mspcore/core/error.hpp>
#include <mspcore/money/decimal.hpp>
#include "money/wide.hpp"

#include <limits>
#include <string>

namespace mspcore {
inline namespace v1 {

using detail::Wide;

namespace {

[[noreturn]] void throw_overflow(const std::string& what) {
  throw Error(ErrorCode::ARITHMETIC_OVERFLOW,
              what + " exceeds " + std::to_string(Decimal::kMaxDigits) + " significant digits");
}

void check_scale(int scale) {
  if (scale < 0 || scale > Decimal::kMaxScale) {
    throw Error(ErrorCode::OUT_OF_RANGE, "scale " + std::to_string(scale) + " outside 0.." +
                                             std::to_string(Decimal::kMaxScale));
  }
}

// Drops trailing zeros while the value has too many digits or too large a scale, so an
// exact result that can be represented always is; throws only when it truly cannot.
template <class Describe>
Decimal fit(Wide coefficient, int scale, Describe describe) {
  while ((scale > Decimal::kMaxScale || !detail::fits_digits(coefficient)) && scale > 0 &&
         coefficient % 10 == 0) {
    coefficient /= 10;
    --scale;
  }
  if (scale > Decimal::kMaxScale || !detail::fits_digits(coefficient)) throw_overflow(describe());
  return Decimal(static_cast<Coefficient>(coefficient), scale);
}

}  // namespace

Decimal::Decimal(const Coefficient& coefficient, int scale) : coefficient_(coefficient), scale_(scale) {
  check_scale(scale);
  if (!detail::fits_digits(coefficient)) throw_overflow("coefficient " + coefficient.str());
}

Decimal Decimal::parse(std::string_view text) {
  auto fail = [&](const std::string& why) -> Error {
    return Error(ErrorCode::PARSE_ERROR, quoted(text) + " is not a plain decimal number (" + why + ")");
  };
  if (text.empty()) throw fail("empty");
  std::size_t i = 0;
  bool negative = false;
  if (text[0] == '+' || text[0] == '-') {
    negative = text[0] == '-';
    ++i;
  }
  Coefficient coefficient = 0;
  int significant = 0;
  int scale = 0;
  int int_digits = 0;
  bool point = false;
  for (; i < text.size(); ++i) {
    char ch = text[i];
    if (ch == '.' && !point) {
      if (int_digits == 0) throw fail("a digit must come before '.'");
      point = true;
      continue;
    }
    if (ch < '0' || ch > '9') {
      throw fail("unexpected " + quoted(std::string_view(&text[i], 1)) + " at position " +
                 std::to_string(i));
    }
    if (point) {
      ++scale;
    } else {
      ++int_digits;
    }
    if (significant > 0 || ch != '0') ++significant;
    if (significant > kMaxDigits) {
      throw Error(ErrorCode::ARITHMETIC_OVERFLOW,
                  quoted(text) + " has more than " + std::to_string(kMaxDigits) + " significant digits");
    }
    coefficient = coefficient * 10 + (ch - '0');
  }
  if (int_digits == 0) throw fail("no digits");
  if (point && scale == 0) throw fail("a digit must follow '.'");
  if (scale > kMaxScale) {
    throw Error(ErrorCode::OUT_OF_RANGE,
                quoted(text) + " has more than " + std::to_string(kMaxScale) + " fraction digits");
  }
  return Decimal(negative ? Coefficient(-coefficient) : coefficient, scale);
}

std::string Decimal::to_string() const {
  std::string digits = boost::multiprecision::abs(coefficient_).str();
  if (static_cast<int>(digits.size()) <= scale_) {
    digits.insert(0, static_cast<std::size_t>(scale_) + 1 - digits.size(), '0');
  }
  if (scale_ > 0) digits.insert(digits.size() - static_cast<std::size_t>(scale_), 1, '.');
  return sign() < 0 ? "-" + digits : digits;
}

Decimal Decimal::rescale(int scale, RoundingMode mode) const {
  check_scale(scale);
  if (scale == scale_) return *this;
  if (scale > scale_) {
    Wide c = Wide(coefficient_) * detail::pow10(scale - scale_);
    if (!detail::fits_digits(c)) throw_overflow(to_string() + " with " + std::to_string(scale) + " fraction digits");
    return Decimal(static_cast<Coefficient>(c), scale);
  }
  Wide q = detail::divide_rounded(Wide(coefficient_), detail::pow10(scale_ - scale), mode,
                                  [&] { return to_string() + " to " + std::to_string(scale) + " digits"; });
  return Decimal(static_cast<Coefficient>(q), scale);
}

Decimal Decimal::normalized() const {
  Coefficient c = coefficient_;
  int s = scale_;
  while (s > 0 && c % 10 == 0) {
    c /= 10;
    --s;
  }
  return Decimal(c, s);
}

Decimal Decimal::operator-() const {
  Decimal out = *this;
  out.coefficient_ = -coefficient_;
  return out;
}

Decimal operator+(const Decimal& a, const Decimal& b) {
  if (a.scale_ == b.scale_) {
    // Two 38-digit coefficients sum below 2^128: the checked type cannot throw here.
    Coefficient c = a.coefficient_ + b.coefficient_;
    if (!detail::fits_digits(c)) throw_overflow(a.to_string() + " + " + b.to_string());
    Decimal out;
    out.coefficient_ = c;
    out.scale_ = a.scale_;
    return out;
  }
  int scale = std::max(a.scale_, b.scale_);
  Wide sum = Wide(a.coefficient_) * detail::pow10(scale - a.scale_) +
             Wide(b.coefficient_) * detail::pow10(scale - b.scale_);
  return fit(sum, scale, [&] { return a.to_string() + " + " + b.to_string(); });
}

Decimal operator-(const Decimal& a, const Decimal& b) { return a + (-b); }

Decimal operator*(const Decimal& a, const Decimal& b) {
  // Prices times quantities: both coefficients fit in 64 bits, so the product (below 2^126 <
  // 10^38) fits in 38 digits and needs neither 256 bits nor a digit check.
  static const Coefficient smallest = std::numeric_limits<std::int64_t>::min();
  static const Coefficient largest = std::numeric_limits<std::int64_t>::max();
  if (a.scale_ + b.scale_ <= Decimal::kMaxScale && a.coefficient_ >= smallest && a.coefficient_ <= largest &&
      b.coefficient_ >= smallest && b.coefficient_ <= largest) {
    Decimal out;
    out.coefficient_ = static_cast<__int128>(a.coefficient_.convert_to<std::int64_t>()) *
                       b.coefficient_.convert_to<std::int64_t>();
    out.scale_ = a.scale_ + b.scale_;
    return out;
  }
  return fit(Wide(a.coefficient_) * Wide(b.coefficient_), a.scale_ + b.scale_,
             [&] { return a.to_string() + " * " + b.to_string(); });
}

std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
  if (a.scale_ == b.scale_) return a.coefficient_.compare(b.coefficient_) <=> 0;
  int scale = std::max(a.scale_, b.scale_);
  Wide x = Wide(a.coefficient_) * detail::pow10(scale - a.scale_);
  Wide y = Wide(b.coefficient_) * detail::pow10(scale - b.scale_);
  return x.compare(y) <=> 0;
}

bool operator==(const Decimal& a, const Decimal& b) { return (a <=> b) == 0; }

Decimal Decimal::divide(const Decimal& a, const Decimal& b, int scale, RoundingMode mode) {
  check_scale(scale);
  if (b.is_zero()) {
    throw Error(ErrorCode::DIVISION_BY_ZERO, "cannot divide " + a.to_string() + " by zero");
  }
  // a/b at `scale` = a.c * 10^(scale - a.s + b.s) / b.c, computed in 256 bits.
  const int exponent = scale - a.scale_ + b.scale_;
  Wide numerator = Wide(a.coefficient_);
  Wide denominator = Wide(b.coefficient_);
  if (exponent >= 0) {
    numerator *= detail::pow10(exponent);
  } else {
    denominator *= detail::pow10(-exponent);
  }
  auto describe = [&] { return a.to_string() + " / " + b.to_string(); };
  Wide q = detail::divide_rounded(numerator, denominator, mode, describe);
  return fit(q, scale, describe);
}

}  // namespace v1
}  // namespace mspcore
