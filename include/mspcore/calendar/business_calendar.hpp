/// @file business_calendar.hpp
/// @brief A compiled business calendar: open intervals in UTC with prefix sums of open time.
#pragma once

#include <mspcore/calendar/calendar_spec.hpp>
#include <mspcore/time/instant.hpp>
#include <mspcore/time/time_zone.hpp>

#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// A half-open interval of instants [start, end).
struct Interval {
  Instant start;
  Instant end;
};

/// What a stretch of time was, for an explanation.
enum class SegmentKind : std::uint8_t { Counted, Closed, Paused };

/// A stretch of time and what it counted as.
struct Segment {
  Instant start;
  Instant end;
  SegmentKind kind;
};

/// A business calendar compiled for fast queries (docs/calendar.md).
///
/// Each local year is compiled on first use into sorted, merged UTC open intervals with a
/// prefix sum of open seconds, so every query is a few binary searches, not a walk over
/// days; a calendar defined for 1970-2199 pays only for the years it is asked about.
/// The clock counts real elapsed seconds (a 24x7 day with a fall-back change has 25 hours).
/// Windows are half-open. Instances are immutable after construction and safe to share
/// between threads (years compile lazily behind atomics).
///
/// `pauses` are intervals whose open time does not count; they may overlap each other and
/// the range and are merged first.
class BusinessCalendar {
 public:
  /// First and last local year a calendar can answer for.
  static constexpr int kFirstYear = 1970;
  static constexpr int kLastYear = 2199;

  explicit BusinessCalendar(CalendarSpec spec);
  static std::shared_ptr<const BusinessCalendar> from_json(std::string_view json);
  ~BusinessCalendar();
  BusinessCalendar(const BusinessCalendar&) = delete;
  BusinessCalendar& operator=(const BusinessCalendar&) = delete;

  const CalendarSpec& spec() const noexcept { return spec_; }
  const TimeZone& time_zone() const noexcept { return zone_; }

  /// True if t lies inside an open window.
  bool is_open(Instant t) const;
  /// The first open instant >= t.
  Instant next_open(Instant t) const;
  /// Open seconds in [a, b) outside the pauses; 0 when b <= a.
  std::int64_t business_seconds_between(Instant a, Instant b, std::span<const Interval> pauses = {}) const;
  /// The earliest instant at which `seconds` open seconds (outside pauses) have passed since t.
  /// Landing exactly at a close gives the closing instant; add_business(t, 0) == next_open(t).
  /// Negative seconds subtract.
  Instant add_business(Instant t, std::int64_t seconds, std::span<const Interval> pauses = {}) const;
  /// The mirror of add_business: the latest instant x with `seconds` open seconds in [x, t).
  /// Landing exactly at an opening gives the opening instant.
  Instant subtract_business(Instant t, std::int64_t seconds, std::span<const Interval> pauses = {}) const;
  /// Move `days` dates that have open hours (backwards if negative), keep the local time of
  /// day, then next_open().
  Instant add_business_days(Instant t, int days) const;
  /// Open intervals overlapping [a, b), clipped to it.
  std::vector<Interval> open_intervals(Instant a, Instant b) const;
  /// [a, b) split into counted, closed and paused stretches.
  std::vector<Segment> explain(Instant a, Instant b, std::span<const Interval> pauses = {}) const;

  /// Columnar business_seconds_between: out[i] for (starts[i], ends[i]); a row that fails
  /// gets its status code in status[i] (0 = OK) and out[i] = 0. Never throws per row.
  void business_seconds_between_many(std::span<const std::int64_t> starts, std::span<const std::int64_t> ends,
                                     std::span<std::int64_t> out, std::span<std::int32_t> status) const;
  /// Columnar add_business: out[i] = add_business(starts[i], seconds[i]) as Unix seconds.
  void add_business_many(std::span<const std::int64_t> starts, std::span<const std::int64_t> seconds,
                         std::span<std::int64_t> out, std::span<std::int32_t> status) const;

  /// Bytes held by the years compiled so far (for memory budgets and benchmarks).
  std::size_t compiled_bytes() const;

  /// A point on the business clock: its local year and the open seconds counted in that
  /// year before it. Positions let a caller that measures many spans from the same instants
  /// (an SLA row: created, pauses, events) look each instant up once.
  struct Position {
    int year = 0;
    std::int64_t open = 0;
  };
  Position position(Instant t) const;
  /// Open seconds from a to b; 0 when b is not after a.
  std::int64_t seconds_between(Position a, Position b) const;
  /// The earliest instant at which `seconds` (> 0) open seconds have passed since `from`.
  Instant instant_after(Position from, std::int64_t seconds) const;

 private:
  struct Block;
  const Block& block(int index) const;
  int year_index(Instant t) const;
  std::int64_t open_before(const Block& y, Instant t) const;   // open seconds in [year start, t)
  std::int64_t open_between(Instant a, Instant b) const;      // pauses not considered
  Instant retreat(Instant t, std::int64_t seconds) const;     // latest x: open(x, t) == seconds > 0
  Instant previous_close(Instant t) const;                    // latest x <= t with open time just before
  std::vector<std::chrono::sys_days> holiday_dates(int year) const;
  bool date_has_open_hours(std::chrono::sys_days local_date) const;
  Block* compile_year(int index) const;

  CalendarSpec spec_;
  TimeZone zone_;
  std::vector<Instant> year_starts_;  // UTC start of each local year, then the end of the range
  std::unique_ptr<std::atomic<const Block*>[]> years_;
};

}  // namespace v1
}  // namespace mspcore
