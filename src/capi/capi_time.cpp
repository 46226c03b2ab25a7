#include "capi/boundary.hpp"

#include <mspcore/time/time_zone.hpp>

using namespace mspcore;
using capi::deref;
using capi::guarded;
using capi::text;

static_assert(kNoInstant == MSP_NO_INSTANT, "the C ABI's missing instant is the core's");

extern "C" {

msp_status msp_instant_parse(const char* s, int64_t* epoch_seconds, msp_error* err) {
  return guarded(err, [&] {
    deref(epoch_seconds, "epoch_seconds") = unix_seconds(parse_instant(text(s, "text")));
  });
}

msp_status msp_instant_format(int64_t epoch_seconds, char* buf, size_t buf_size, size_t* required,
                              msp_error* err) {
  return guarded(err, [&] {
    capi::write_string(format_instant(from_unix_seconds(epoch_seconds)), buf, buf_size, required);
  });
}

msp_status msp_time_local_to_utc(const char* zone, int64_t local_seconds, int64_t* epoch_seconds,
                                 msp_error* err) {
  return guarded(err, [&] {
    const TimeZone tz = TimeZone::locate(text(zone, "zone"));
    deref(epoch_seconds, "epoch_seconds") =
        unix_seconds(tz.to_utc(LocalSeconds{std::chrono::seconds{local_seconds}}));
  });
}

msp_status msp_time_utc_to_local(const char* zone, int64_t epoch_seconds, int64_t* local_seconds,
                                 msp_error* err) {
  return guarded(err, [&] {
    const TimeZone tz = TimeZone::locate(text(zone, "zone"));
    deref(local_seconds, "local_seconds") =
        tz.to_local(from_unix_seconds(epoch_seconds)).time_since_epoch().count();
  });
}

}  // extern "C"
