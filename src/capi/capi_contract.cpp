#include "capi/boundary.hpp"
#include "capi/money_convert.hpp"

#include <mspcore/contract/proration.hpp>

#include <chrono>

using namespace mspcore;
using capi::deref;
using capi::guarded;
using capi::text;
using capi::to_c;
using capi::to_cpp;

namespace {

std::chrono::sys_days day(int32_t days_since_epoch) { return std::chrono::sys_days(std::chrono::days(days_since_epoch)); }

}  // namespace

extern "C" {

msp_status msp_prorate(const msp_money* amount, int32_t period_start, int32_t period_end, int32_t start,
                       int32_t end, const char* convention, msp_rounding rounding, msp_money* out,
                       msp_error* err) {
  return guarded(err, [&] {
    const Money m = to_cpp(amount, "amount");
    const ProrationConvention c = parse_proration_convention(text(convention, "convention"));
    const RoundingMode mode = rounding_mode_from_int(static_cast<int>(rounding));
    deref(out, "out");
    to_c(prorate(m, day(period_start), day(period_end), day(start), day(end), c, mode), out);
  });
}

}  // extern "C"
