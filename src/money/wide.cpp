#include "money/wide.hpp"

#include <array>
#include <cstdint>
#include <limits>

namespace mspcore {
inline namespace v1 {
namespace detail {

const Wide& pow10(int n) {
  static const std::array<Wide, 77> table = [] {
    std::array<Wide, 77> t;
    t[0] = 1;
    for (std::size_t i = 1; i < t.size(); ++i) t[i] = t[i - 1] * 10;
    return t;
  }();
  if (n < 0 || n >= static_cast<int>(table.size())) {
    throw Error(ErrorCode::ARITHMETIC_OVERFLOW, "10^" + std::to_string(n) + " exceeds 256 bits");
  }
  return table[static_cast<std::size_t>(n)];
}

namespace {
const Coefficient& max_coefficient() {
  static const Coefficient max = static_cast<Coefficient>(pow10(Decimal::kMaxDigits) - 1);
  return max;
}
}  // namespace

bool fits_digits(const Coefficient& v) {
  return boost::multiprecision::abs(v) <= max_coefficient();
}

bool fits_digits(const Wide& v) {
  static const Wide max = pow10(Decimal::kMaxDigits) - 1;
  return boost::multiprecision::abs(v) <= max;
}


Coefficient from_int128(__int128 value) {
  const bool negative = value < 0;
  // Magnitude as unsigned: well defined even for the most negative value.
  unsigned __int128 mag = negative ? -static_cast<unsigned __int128>(value) : static_cast<unsigned __int128>(value);
  Coefficient c = static_cast<std::uint64_t>(mag >> 64);
  c <<= 64;
  c |= static_cast<std::uint64_t>(mag);
  return negative ? Coefficient(-c) : c;
}

__int128 to_int128(const Coefficient& value) {
  // Read the magnitude's limbs directly: this sits on hot paths (sums, the C ABI).
  static_assert(sizeof(boost::multiprecision::limb_type) == 8, "64-bit limbs expected");
  const auto& backend = value.backend();
  const auto* limbs = backend.limbs();
  unsigned __int128 mag = limbs[0];
  if (backend.size() > 1) mag |= static_cast<unsigned __int128>(limbs[1]) << 64;
  // Callers keep values within 38 digits, below 2^127, so the magnitude fits.
  const auto out = static_cast<__int128>(mag);
  return backend.sign() ? -out : out;
}

}  // namespace detail
}  // namespace v1
}  // namespace mspcore
