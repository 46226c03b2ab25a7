// Private: msp_money <-> mspcore::Money, shared by the C ABI files that pass money.
#pragma once

#include "capi/boundary.hpp"
#include "money/wide.hpp"

#include <mspcore.h>
#include <mspcore/money/money.hpp>

#include <cstdint>
#include <cstring>
#include <string_view>

namespace mspcore::capi {

/// The Money in `*m`; throws Error(INVALID_ARGUMENT) naming `name` when `m` is NULL.
inline Money to_cpp(const msp_money* m, const char* name) {
  const msp_money& v = deref(m, name);
  const std::string_view code(v.currency, strnlen(v.currency, sizeof v.currency));
  const auto raw = static_cast<__int128>((static_cast<unsigned __int128>(static_cast<std::uint64_t>(v.hi)) << 64) | v.lo);
  return Money(Decimal(detail::from_int128(raw), v.scale), Currency::from_code(code));
}

/// Writes `m` into `*out` (which must not be NULL).
inline void to_c(const Money& m, msp_money* out) {
  const __int128 raw = detail::to_int128(m.amount().coefficient());
  msp_money v{};
  v.lo = static_cast<std::uint64_t>(raw);
  v.hi = static_cast<std::int64_t>(raw >> 64);
  v.scale = m.amount().scale();
  std::memcpy(v.currency, m.currency().code().data(), 3);
  v.currency[3] = '\0';
  *out = v;
}

}  // namespace mspcore::capi
