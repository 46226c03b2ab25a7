#include "capi/boundary.hpp"
#include "capi/calendar_handle.hpp"

#include <mspcore/calendar/business_calendar.hpp>

#include <vector>

using namespace mspcore;
using capi::deref;
using capi::guarded;
using capi::text;

namespace {

const BusinessCalendar& cal_of(const msp_calendar* c) {
  return *deref(c, "calendar").calendar;
}

std::vector<Interval> pauses_of(const int64_t* starts, const int64_t* ends, size_t n) {
  std::vector<Interval> out;
  if (n == 0) return out;
  deref(starts, "pause_starts");
  deref(ends, "pause_ends");
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) out.push_back({from_unix_seconds(starts[i]), from_unix_seconds(ends[i])});
  return out;
}

}  // namespace

extern "C" {

msp_status msp_calendar_new_from_json(const char* json, msp_calendar** out, msp_error* err) {
  return guarded(err, [&] {
    deref(out, "out") = nullptr;
    auto handle = std::make_unique<msp_calendar>();
    handle->calendar = BusinessCalendar::from_json(text(json, "json"));
    *out = handle.release();
  });
}

void msp_calendar_free(msp_calendar* calendar) { delete calendar; }

msp_status msp_calendar_is_open(const msp_calendar* calendar, int64_t t, int* out, msp_error* err) {
  return guarded(err, [&] { deref(out, "out") = cal_of(calendar).is_open(from_unix_seconds(t)) ? 1 : 0; });
}

msp_status msp_calendar_next_open(const msp_calendar* calendar, int64_t t, int64_t* out, msp_error* err) {
  return guarded(err, [&] { deref(out, "out") = unix_seconds(cal_of(calendar).next_open(from_unix_seconds(t))); });
}

msp_status msp_calendar_business_seconds_between(const msp_calendar* calendar, int64_t a, int64_t b,
                                                 const int64_t* pause_starts, const int64_t* pause_ends,
                                                 size_t n_pauses, int64_t* out, msp_error* err) {
  return guarded(err, [&] {
    deref(out, "out") =
        cal_of(calendar).business_seconds_between(from_unix_seconds(a), from_unix_seconds(b), pauses_of(pause_starts, pause_ends, n_pauses));
  });
}

msp_status msp_calendar_add_business(const msp_calendar* calendar, int64_t t, int64_t seconds,
                                     const int64_t* pause_starts, const int64_t* pause_ends, size_t n_pauses,
                                     int64_t* out, msp_error* err) {
  return guarded(err, [&] {
    deref(out, "out") =
        unix_seconds(cal_of(calendar).add_business(from_unix_seconds(t), seconds, pauses_of(pause_starts, pause_ends, n_pauses)));
  });
}

msp_status msp_calendar_subtract_business(const msp_calendar* calendar, int64_t t, int64_t seconds,
                                          const int64_t* pause_starts, const int64_t* pause_ends, size_t n_pauses,
                                          int64_t* out, msp_error* err) {
  return guarded(err, [&] {
    deref(out, "out") =
        unix_seconds(cal_of(calendar).subtract_business(from_unix_seconds(t), seconds, pauses_of(pause_starts, pause_ends, n_pauses)));
  });
}

msp_status msp_calendar_add_business_days(const msp_calendar* calendar, int64_t t, int32_t days, int64_t* out,
                                          msp_error* err) {
  return guarded(err, [&] { deref(out, "out") = unix_seconds(cal_of(calendar).add_business_days(from_unix_seconds(t), days)); });
}

msp_status msp_calendar_business_seconds_between_many(const msp_calendar* calendar, const int64_t* starts,
                                                      const int64_t* ends, size_t n, int64_t* out, int32_t* status,
                                                      msp_error* err) {
  return guarded(err, [&] {
    if (n == 0) return;
    cal_of(calendar).business_seconds_between_many({&deref(starts, "starts"), n}, {&deref(ends, "ends"), n},
                                                   {&deref(out, "out"), n}, {&deref(status, "status"), n});
  });
}

msp_status msp_calendar_add_business_many(const msp_calendar* calendar, const int64_t* starts, const int64_t* seconds,
                                          size_t n, int64_t* out, int32_t* status, msp_error* err) {
  return guarded(err, [&] {
    if (n == 0) return;
    cal_of(calendar).add_business_many({&deref(starts, "starts"), n}, {&deref(seconds, "seconds"), n},
                                       {&deref(out, "out"), n}, {&deref(status, "status"), n});
  });
}

}  // extern "C"
