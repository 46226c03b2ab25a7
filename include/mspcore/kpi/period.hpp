/// @file period.hpp
/// @brief Reporting periods (month, quarter, year; fiscal years) bucketed in a client's time zone.
#pragma once

#include <mspcore/time/time_zone.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// The time zone reports bucket periods in when the caller names none (C: tz NULL; Python:
/// the tz argument's default).
inline constexpr const char* kDefaultReportTimeZone = "Europe/Berlin";

enum class PeriodKind : std::uint8_t { Month, Quarter, Year };
/// "month", "quarter", "year"; parse_period_kind throws Error(INVALID_ARGUMENT) naming the text.
std::string_view to_string(PeriodKind kind) noexcept;
PeriodKind parse_period_kind(std::string_view text);

/// A period is identified by the ordinal of its first local month (year * 12 + month - 1), so
/// ids from different partitions and time ranges agree. Quarters and years start in
/// `fiscal_year_start` (1 = January); a fiscal year is named by the calendar year it ends in
/// (a year starting 2025-10-01 is FY2026).
class PeriodScheme {
 public:
  /// Throws Error(OUT_OF_RANGE) for a fiscal_year_start outside 1..12.
  PeriodScheme(PeriodKind kind, TimeZone zone, int fiscal_year_start = 1);

  PeriodKind kind() const noexcept { return kind_; }
  const TimeZone& zone() const noexcept { return zone_; }
  int fiscal_year_start() const noexcept { return fiscal_year_start_; }
  int months() const noexcept;

  /// The id of the period containing instant `t` (local time in the scheme's zone).
  std::int32_t period_of(Instant t) const;
  /// The id of the period after `id`.
  std::int32_t next(std::int32_t id) const noexcept { return id + months(); }
  /// First instant of a period: local midnight of its first day (a DST gap moves it forward).
  Instant start(std::int32_t id) const;
  /// "2025-03"; "2025-Q1", "2025"; with a fiscal year start other than January "FY2026-Q1", "FY2026".
  std::string label(std::int32_t id) const;
  /// The local first day of a period, "YYYY-MM-DD".
  std::string start_date(std::int32_t id) const;

  /// Unix-second starts of the periods `first` through `last` and the end of `last` (one more
  /// than the number of periods), for bucketing instants by binary search.
  std::vector<std::int64_t> starts(std::int32_t first, std::int32_t last) const;

  /// Period ids for a column of Unix seconds, written to `out` (same size). Rows equal to
  /// `skip` get `skip_id`. Boundaries are computed once over the column's range, so each row
  /// is a binary search, not a time zone conversion.
  void periods_of(std::span<const std::int64_t> seconds, std::span<std::int32_t> out, std::int64_t skip,
                  std::int32_t skip_id) const;

 private:
  PeriodKind kind_;
  TimeZone zone_;
  int fiscal_year_start_;
};

}  // namespace v1
}  // namespace mspcore
