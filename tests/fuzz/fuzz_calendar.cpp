// Calendar JSON, then the clock on what builds: business time is never negative, never more
// than the wall time, and adding the business time between a and b lands no later than b.
#include "fuzz_check.hpp"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>

namespace {
constexpr std::int64_t k2020 = 1577836800;        // 2020-01-01T00:00:00Z
constexpr std::int64_t kSpan = 10LL * 366 * 86400;  // instants within ten years of it
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const std::int64_t a = k2020 + in.ConsumeIntegralInRange<std::int64_t>(0, kSpan);
  const std::int64_t b = k2020 + in.ConsumeIntegralInRange<std::int64_t>(0, kSpan);
  const std::int64_t pause_start = k2020 + in.ConsumeIntegralInRange<std::int64_t>(0, kSpan);
  const std::int64_t pause_end = pause_start + in.ConsumeIntegralInRange<std::int64_t>(-86400, 30 * 86400);
  const std::string json = in.ConsumeRemainingBytesAsString();

  msp_error err{};
  msp_calendar* calendar = nullptr;
  const msp_status status = msp_calendar_new_from_json(json.c_str(), &calendar, &err);
  fuzz::check(status, err, "msp_calendar_new_from_json");
  if (status != MSP_STATUS_OK) return 0;

  int open = 0;
  err = msp_error{};
  fuzz::check(msp_calendar_is_open(calendar, a, &open, &err), err, "msp_calendar_is_open");
  std::int64_t next = 0;
  err = msp_error{};
  fuzz::check(msp_calendar_next_open(calendar, a, &next, &err), err, "msp_calendar_next_open");

  std::int64_t between = -1;
  err = msp_error{};
  const msp_status s = msp_calendar_business_seconds_between(calendar, a, b, &pause_start, &pause_end, 1, &between, &err);
  fuzz::check(s, err, "msp_calendar_business_seconds_between");
  if (s == MSP_STATUS_OK) {
    if (between < 0 || (b > a && between > b - a) || (b <= a && between != 0)) {
      std::fprintf(stderr, "business seconds %lld in [%lld, %lld)\n", static_cast<long long>(between),
                   static_cast<long long>(a), static_cast<long long>(b));
      std::abort();
    }
    std::int64_t reached = 0;
    err = msp_error{};
    const msp_status added =
        msp_calendar_add_business(calendar, a, between, &pause_start, &pause_end, 1, &reached, &err);
    fuzz::check(added, err, "msp_calendar_add_business");
    if (added == MSP_STATUS_OK && b > a && between > 0 && reached > b) {
      std::fprintf(stderr, "add_business(%lld, %lld) = %lld is past %lld\n", static_cast<long long>(a),
                   static_cast<long long>(between), static_cast<long long>(reached), static_cast<long long>(b));
      std::abort();
    }
  }
  msp_calendar_free(calendar);
  return 0;
}
