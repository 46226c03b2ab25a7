/// @file time_zone.hpp
/// @brief IANA time zones from the system tz database, with mspcore's DST rule.
#pragma once

#include <mspcore/time/instant.hpp>

#include <string_view>

namespace date {
class time_zone;
}

namespace mspcore {
inline namespace v1 {

/// An IANA time zone resolved through Howard Hinnant's date/tz against the
/// operating system's tz database (never downloaded). Cheap to copy; thread-safe.
class TimeZone {
 public:
  /// Find "Europe/Berlin". Throws Error(UNKNOWN_TIME_ZONE) naming the zone otherwise.
  static TimeZone locate(std::string_view name);
  static TimeZone utc() { return locate("UTC"); }

  std::string_view name() const;

  /// The instant of a local wall time. A time inside a DST gap moves forward by the
  /// gap (02:30 on a spring-forward night is 03:30); an ambiguous time in the fall
  /// overlap takes the first (summer-time) occurrence. (docs/time.md.)
  Instant to_utc(LocalSeconds local) const;

  /// The local wall time of an instant.
  LocalSeconds to_local(Instant t) const;

  /// Offset from UTC in force at `t` (local = utc + offset).
  std::chrono::seconds offset(Instant t) const;

  friend bool operator==(const TimeZone& a, const TimeZone& b) noexcept { return a.zone_ == b.zone_; }

 private:
  explicit TimeZone(const date::time_zone* zone) : zone_(zone) {}
  const date::time_zone* zone_;
};

}  // namespace v1
}  // namespace mspcore
