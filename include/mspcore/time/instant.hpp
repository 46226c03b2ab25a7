/// @file instant.hpp
/// @brief Instants: UTC seconds; ISO-8601 parsing that refuses naive times.
#pragma once

#include <chrono>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace mspcore {
inline namespace v1 {

/// A point in time: whole seconds since the Unix epoch, UTC (int64 at the C ABI).
using Instant = std::chrono::sys_seconds;
/// A wall-clock time without a zone: only meaningful together with a TimeZone.
using LocalSeconds = std::chrono::local_seconds;

/// The instant `seconds` after the Unix epoch: the int64 form used by columns and the C ABI.
constexpr Instant from_unix_seconds(std::int64_t seconds) noexcept { return Instant{std::chrono::seconds{seconds}}; }
/// Unix seconds of an instant.
constexpr std::int64_t unix_seconds(Instant t) noexcept { return t.time_since_epoch().count(); }

/// Instants mspcore accepts: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
inline constexpr Instant kMinInstant{std::chrono::seconds{-62135596800}};
inline constexpr Instant kMaxInstant{std::chrono::seconds{253402300799}};

/// "No instant" in int64 Unix-second columns (a missing value, an open end): the smallest
/// int64, which is also numpy's NaT and the C ABI's MSP_NO_INSTANT.
inline constexpr std::int64_t kNoInstant = std::numeric_limits<std::int64_t>::min();

/// Throws Error(OUT_OF_RANGE) naming `what` when `t` lies outside [kMinInstant, kMaxInstant].
void check_instant_range(Instant t, std::string_view what = "instant");

/// Parse an ISO-8601 instant with 'Z' or a UTC offset: "2024-03-31T01:30:00Z",
/// "2024-03-31 03:30:00+02:00", "2024-03-31T03:30+0200", "2024-03-31T01:30:00.250Z".
/// Fractions of a second are truncated toward the past (the clock counts whole seconds).
/// Throws Error(NAIVE_DATETIME) when the offset is missing and Error(INVALID_TIME) for
/// anything malformed or out of range ("2024-02-30", "25:00"), naming the text.
Instant parse_instant(std::string_view text);

/// "YYYY-MM-DDThh:mm:ssZ".
std::string format_instant(Instant t);

/// Parse a local wall time without offset, "2024-03-31T02:30:00" (seconds optional).
LocalSeconds parse_local_time(std::string_view text);

/// "YYYY-MM-DDThh:mm:ss".
std::string format_local_time(LocalSeconds t);

/// Parse a calendar date "YYYY-MM-DD" (Error INVALID_TIME for "2024-02-30").
std::chrono::sys_days parse_date(std::string_view text);

/// "YYYY-MM-DD" (Error OUT_OF_RANGE outside the years 1-9999).
std::string format_date(std::chrono::sys_days day);

/// Parse a clock time of day "HH:MM" or "HH:MM:SS", 00:00 to 24:00 inclusive,
/// as seconds since midnight (Error INVALID_TIME for "25:00", "12:60", "24:01").
std::int32_t parse_time_of_day(std::string_view text);

}  // namespace v1
}  // namespace mspcore
