#include <mspcore/core/error.hpp>
#include <mspcore/time/time_zone.hpp>

#include <date/tz.h>

namespace mspcore {
inline namespace v1 {

TimeZone TimeZone::locate(std::string_view name) {
  try {
    return TimeZone(date::locate_zone(name));
  } catch (const std::runtime_error&) {
    throw Error(ErrorCode::UNKNOWN_TIME_ZONE,
                "unknown time zone " + quoted(name) + " (not in the system tz database)");
  }
}

std::string_view TimeZone::name() const { return zone_->name(); }

Instant TimeZone::to_utc(LocalSeconds local) const {
  check_instant_range(Instant{local.time_since_epoch()}, "local time");
  const date::local_seconds wall{local.time_since_epoch()};
  const date::local_info info = zone_->get_info(wall);
  // For a unique time `first` is the only answer. In a gap `first` is the offset before
  // the change, which moves the time forward by the gap; in an overlap `first` is the
  // earlier (summer-time) occurrence. One expression covers the three cases of docs/time.md.
  return Instant{wall.time_since_epoch() - info.first.offset};
}

LocalSeconds TimeZone::to_local(Instant t) const { return LocalSeconds{(t + offset(t)).time_since_epoch()}; }

std::chrono::seconds TimeZone::offset(Instant t) const {
  check_instant_range(t);
  return zone_->get_info(date::sys_seconds{t.time_since_epoch()}).offset;
}

}  // namespace v1
}  // namespace mspcore
