#include "capi/boundary.hpp"
#include "capi/money_convert.hpp"

#include <mspcore/contract/proration.hpp>

#include "contract/trueup_json.hpp"
#include "core/json_util.hpp"

#include <chrono>
#include <cstdlib>
#include <cstring>

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

msp_status msp_trueup_reconcile_json(const char* request_json, char** result_json, msp_error* err) {
  return guarded(err, [&] {
    char*& out = deref(result_json, "result_json");
    out = nullptr;
    const ReconcileResult result = reconcile_json(json_util::parse(text(request_json, "request_json"), "request_json"));
    const std::string doc = result_to_json(result).dump();
    // malloc so that a C caller's allocator mismatch cannot bite; msp_string_free() frees it.
    char* copy = static_cast<char*>(std::malloc(doc.size() + 1));
    if (copy == nullptr) throw std::bad_alloc();
    std::memcpy(copy, doc.c_str(), doc.size() + 1);
    out = copy;
  });
}

void msp_string_free(char* s) { std::free(s); }

}  // extern "C"
