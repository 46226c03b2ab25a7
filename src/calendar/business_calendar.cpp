#include <mspcore/calendar/business_calendar.hpp>
#include <mspcore/calendar/holiday_rules.hpp>
#include <mspcore/core/error.hpp>

#include "calendar/interval_set.hpp"

#include <algorithm>

namespace mspcore {
inline namespace v1 {

using namespace std::chrono;

namespace {

constexpr std::int64_t kDay = 86400;

}  // namespace

/// One compiled local year: merged UTC open intervals clipped to the year's UTC range,
/// with the running total of open seconds at the end of each interval.
struct BusinessCalendar::Block {
  std::int64_t origin = 0;  // UTC start of the year
  std::vector<std::int64_t> starts;
  std::vector<std::int64_t> ends;
  std::vector<std::int64_t> cum_end;
  // before_day[d]: how many intervals start before origin + d days. With it, finding the
  // last interval that starts at or before t is a table lookup and a step or two back,
  // not a binary search.
  std::vector<std::uint32_t> before_day;
  std::int64_t total = 0;

  // Index + 1 of the last interval with start <= x (0 if none); x lies inside the year.
  std::size_t upto(std::int64_t x) const {
    const auto day = static_cast<std::size_t>((x - origin) / kDay);
    std::size_t i = before_day[day + 1];
    while (i > before_day[day] && starts[i - 1] > x) --i;
    return i;
  }
};

BusinessCalendar::BusinessCalendar(CalendarSpec spec)
    : spec_(std::move(spec)), zone_(TimeZone::locate(spec_.tz)) {
  const int n = kLastYear - kFirstYear + 1;
  year_starts_.reserve(static_cast<std::size_t>(n) + 1);
  for (int y = kFirstYear; y <= kLastYear + 1; ++y) {
    year_starts_.push_back(zone_.to_utc(LocalSeconds{sys_days{year{y} / January / 1}.time_since_epoch()}));
  }
  years_ = std::make_unique<std::atomic<const Block*>[]>(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) years_[static_cast<std::size_t>(i)].store(nullptr, std::memory_order_relaxed);
}

std::shared_ptr<const BusinessCalendar> BusinessCalendar::from_json(std::string_view json) {
  return std::make_shared<const BusinessCalendar>(CalendarSpec::from_json(json));
}

BusinessCalendar::~BusinessCalendar() {
  for (int i = 0; i <= kLastYear - kFirstYear; ++i) delete years_[static_cast<std::size_t>(i)].load();
}

int BusinessCalendar::year_index(Instant t) const {
  if (t < year_starts_.front() || t >= year_starts_.back()) {
    throw Error(ErrorCode::OUT_OF_RANGE, "instant " + format_instant(std::clamp(t, kMinInstant, kMaxInstant)) +
                                             " is outside the calendar's years " + std::to_string(kFirstYear) + "-" +
                                             std::to_string(kLastYear));
  }
  // A year is 365 or 366 days plus or minus a zone offset: guess from the mean length, then
  // step to the year whose range holds t.
  constexpr std::int64_t kMeanYear = 31556952;  // 365.2425 days
  int i = static_cast<int>((unix_seconds(t) - unix_seconds(year_starts_.front())) / kMeanYear);
  i = std::clamp(i, 0, static_cast<int>(year_starts_.size()) - 2);
  while (t < year_starts_[static_cast<std::size_t>(i)]) --i;
  while (t >= year_starts_[static_cast<std::size_t>(i) + 1]) ++i;
  return i;
}

const BusinessCalendar::Block& BusinessCalendar::block(int index) const {
  std::atomic<const Block*>& slot = years_[static_cast<std::size_t>(index)];
  const Block* y = slot.load(std::memory_order_acquire);
  if (y != nullptr) return *y;
  // Two threads may compile the same year; the loser drops its copy. Both are identical.
  Block* fresh = compile_year(index);
  const Block* expected = nullptr;
  if (slot.compare_exchange_strong(expected, fresh, std::memory_order_acq_rel)) return *fresh;
  delete fresh;
  return *expected;
}

std::vector<sys_days> BusinessCalendar::holiday_dates(int y) const {
  std::vector<sys_days> out;
  const sys_days first{year{y} / January / 1};
  const sys_days last{year{y} / December / 31};
  for (const HolidayRange& r : spec_.holidays) {
    for (sys_days d = std::max(r.first, first); d <= std::min(r.last, last); d += days{1}) out.push_back(d);
  }
  for (const RecurringHoliday& r : spec_.holidays_recurring) {
    const year_month_day ymd{year{y}, month{r.month}, day{r.day}};
    if (ymd.ok()) out.push_back(sys_days{ymd});  // 02-29 only in leap years
  }
  if (y >= kHolidayRuleFirstYear && y <= kHolidayRuleLastYear) {
    for (const std::string& rule : spec_.holiday_rules) {
      for (const Holiday& h : holidays_in_year(rule, y)) out.push_back(h.date);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

BusinessCalendar::Block* BusinessCalendar::compile_year(int index) const {
  auto compiled = std::make_unique<Block>();
  const std::int64_t lo = unix_seconds(year_starts_[static_cast<std::size_t>(index)]);
  const std::int64_t hi = unix_seconds(year_starts_[static_cast<std::size_t>(index) + 1]);
  IntervalSet open;
  if (spec_.always_open) {
    open.add(lo, hi);
  } else {
    const int y = kFirstYear + index;
    std::vector<sys_days> holidays = holiday_dates(y - 1);
    const std::vector<sys_days> current = holiday_dates(y);
    holidays.insert(holidays.end(), current.begin(), current.end());
    // From Dec 31 of the year before: its overnight windows may reach into this year.
    for (sys_days d = sys_days{year{y} / January / 1} - days{1}; d <= sys_days{year{y} / December / 31};
         d += days{1}) {
      if (std::binary_search(holidays.begin(), holidays.end(), d)) continue;
      const auto weekday_index = static_cast<std::size_t>(weekday{d}.iso_encoding() - 1);
      for (const Window& w : spec_.week[weekday_index]) {
        const LocalSeconds midnight{d.time_since_epoch()};
        const std::int64_t o = unix_seconds(zone_.to_utc(midnight + seconds{w.open}));
        const std::int64_t c = unix_seconds(zone_.to_utc(midnight + seconds{w.close}));
        open.add(std::max(o, lo), std::min(c, hi));  // a window emptied by a DST change adds nothing
      }
    }
  }
  compiled->origin = lo;
  const auto& merged = open.merged();
  compiled->starts.reserve(merged.size());
  compiled->ends.reserve(merged.size());
  compiled->cum_end.reserve(merged.size());
  for (const auto& [s, e] : merged) {
    compiled->total += e - s;
    compiled->starts.push_back(s);
    compiled->ends.push_back(e);
    compiled->cum_end.push_back(compiled->total);
  }
  const auto days_in_block = static_cast<std::size_t>((hi - lo + kDay - 1) / kDay);
  compiled->before_day.resize(days_in_block + 2);
  for (std::size_t d = 0; d < compiled->before_day.size(); ++d) {
    const std::int64_t day_start = lo + static_cast<std::int64_t>(d) * kDay;
    compiled->before_day[d] = static_cast<std::uint32_t>(
        std::lower_bound(compiled->starts.begin(), compiled->starts.end(), day_start) - compiled->starts.begin());
  }
  return compiled.release();
}

std::int64_t BusinessCalendar::open_before(const Block& y, Instant t) const {
  const std::int64_t x = unix_seconds(t);
  const std::size_t i = y.upto(x);
  if (i == 0) return 0;
  return y.cum_end[i - 1] - std::max<std::int64_t>(0, y.ends[i - 1] - x);
}

BusinessCalendar::Position BusinessCalendar::position(Instant t) const {
  const int yi = year_index(t);
  return {yi, open_before(block(yi), t)};
}

std::int64_t BusinessCalendar::seconds_between(Position a, Position b) const {
  if (b.year < a.year || (b.year == a.year && b.open <= a.open)) return 0;
  std::int64_t total = b.open - a.open;
  for (int i = a.year; i < b.year; ++i) total += block(i).total;
  return total;
}

std::int64_t BusinessCalendar::open_between(Instant a, Instant b) const {
  return b <= a ? 0 : seconds_between(position(a), position(b));
}

Instant BusinessCalendar::instant_after(Position from, std::int64_t s) const {
  int yi = from.year;
  std::int64_t target = from.open + s;
  while (target > block(yi).total) {
    target -= block(yi).total;
    if (++yi > kLastYear - kFirstYear) {
      throw Error(ErrorCode::OUT_OF_RANGE, "adding " + std::to_string(s) +
                                               " business seconds goes past the calendar's last year " +
                                               std::to_string(kLastYear));
    }
  }
  const Block& y = block(yi);
  // The first interval whose running total reaches the target; landing on its end is its close.
  const auto k = static_cast<std::size_t>(std::lower_bound(y.cum_end.begin(), y.cum_end.end(), target) -
                                          y.cum_end.begin());
  return from_unix_seconds(y.ends[k] - (y.cum_end[k] - target));
}

Instant BusinessCalendar::retreat(Instant t, std::int64_t s) const {
  int yi = year_index(t);
  std::int64_t target = open_before(block(yi), t) - s;
  while (target < 0) {
    if (--yi < 0) {
      throw Error(ErrorCode::OUT_OF_RANGE, "subtracting " + std::to_string(s) + " business seconds from " +
                                               format_instant(t) + " goes before the calendar's first year " +
                                               std::to_string(kFirstYear));
    }
    target += block(yi).total;
  }
  const Block& y = block(yi);
  // The first interval whose running total passes the target; landing on its start is its opening.
  const auto k = static_cast<std::size_t>(std::upper_bound(y.cum_end.begin(), y.cum_end.end(), target) -
                                          y.cum_end.begin());
  return from_unix_seconds(y.ends[k] - (y.cum_end[k] - target));
}

bool BusinessCalendar::is_open(Instant t) const {
  const Block& y = block(year_index(t));
  const std::int64_t x = unix_seconds(t);
  const std::size_t i = y.upto(x);
  return i > 0 && x < y.ends[i - 1];
}

Instant BusinessCalendar::next_open(Instant t) const {
  return is_open(t) ? t : instant_after(position(t), 1) - seconds{1};
}

Instant BusinessCalendar::previous_close(Instant t) const {
  return (t > year_starts_.front() && is_open(t - seconds{1})) ? t : retreat(t, 1) + seconds{1};
}

std::int64_t BusinessCalendar::business_seconds_between(Instant a, Instant b, std::span<const Interval> pauses) const {
  if (b <= a) return 0;
  std::int64_t total = open_between(a, b);
  std::vector<Interval> scratch;
  for (const Interval& p : IntervalSet::normalized(pauses, scratch)) {
    const Instant ps = std::max(a, p.start);
    const Instant pe = std::min(b, p.end);
    if (ps < pe) total -= open_between(ps, pe);
  }
  return total;
}

Instant BusinessCalendar::add_business(Instant t, std::int64_t s, std::span<const Interval> pauses) const {
  if (s < 0) return subtract_business(t, -s, pauses);
  std::vector<Interval> scratch;
  const std::span<const Interval> merged = IntervalSet::normalized(pauses, scratch);
  Instant p = t;
  if (s == 0) {
    // next_open, treating pauses as closed.
    for (Instant x = next_open(p);; x = next_open(p)) {
      const auto it = std::find_if(merged.begin(), merged.end(),
                                   [&](const Interval& iv) { return iv.start <= x && x < iv.end; });
      if (it == merged.end()) return x;
      p = it->end;
    }
  }
  std::int64_t left = s;
  for (const Interval& pause : merged) {
    if (pause.end <= p) continue;
    if (pause.start > p) {
      const std::int64_t available = open_between(p, pause.start);
      if (left <= available) return instant_after(position(p), left);
      left -= available;
    }
    p = std::max(p, pause.end);
  }
  return instant_after(position(p), left);
}

Instant BusinessCalendar::subtract_business(Instant t, std::int64_t s, std::span<const Interval> pauses) const {
  if (s < 0) return add_business(t, -s, pauses);
  std::vector<Interval> scratch;
  const std::span<const Interval> merged = IntervalSet::normalized(pauses, scratch);
  Instant p = t;
  if (s == 0) {
    // The mirror of next_open: the latest instant <= t that ends open time, pauses closed.
    for (Instant x = previous_close(p);; x = previous_close(p)) {
      const auto it = std::find_if(merged.begin(), merged.end(),
                                   [&](const Interval& iv) { return iv.start < x && x <= iv.end; });
      if (it == merged.end()) return x;
      p = it->start;
    }
  }
  std::int64_t left = s;
  for (auto it = merged.rbegin(); it != merged.rend(); ++it) {
    if (it->start >= p) continue;
    if (it->end < p) {
      const std::int64_t available = open_between(it->end, p);
      if (left <= available) return retreat(p, left);
      left -= available;
    }
    p = std::min(p, it->start);
  }
  return retreat(p, left);
}

bool BusinessCalendar::date_has_open_hours(sys_days d) const {
  if (spec_.always_open) return true;
  const std::vector<sys_days> holidays = holiday_dates(static_cast<int>(year_month_day{d}.year()));
  if (std::binary_search(holidays.begin(), holidays.end(), d)) return false;
  const LocalSeconds midnight{d.time_since_epoch()};
  const auto& windows = spec_.week[static_cast<std::size_t>(weekday{d}.iso_encoding() - 1)];
  return std::any_of(windows.begin(), windows.end(), [&](const Window& w) {
    return zone_.to_utc(midnight + seconds{w.open}) < zone_.to_utc(midnight + seconds{w.close});
  });
}

Instant BusinessCalendar::add_business_days(Instant t, int n) const {
  (void)year_index(t);  // range check with a clear message
  const LocalSeconds local = zone_.to_local(t);
  sys_days date{floor<days>(local.time_since_epoch())};
  const seconds time_of_day = local.time_since_epoch() - date.time_since_epoch();
  const days step{n >= 0 ? 1 : -1};
  const sys_days lowest{year{kFirstYear} / January / 1};
  const sys_days highest{year{kLastYear} / December / 31};
  for (int moved = 0; moved < std::abs(n);) {
    date += step;
    if (date < lowest || date > highest) {
      throw Error(ErrorCode::OUT_OF_RANGE, "adding " + std::to_string(n) + " business days to " + format_instant(t) +
                                               " leaves the calendar's years");
    }
    if (date_has_open_hours(date)) ++moved;
  }
  return next_open(zone_.to_utc(LocalSeconds{date.time_since_epoch()} + time_of_day));
}

std::vector<Interval> BusinessCalendar::open_intervals(Instant a, Instant b) const {
  std::vector<Interval> out;
  if (b <= a) return out;
  for (int yi = year_index(a), last = year_index(b - seconds{1}); yi <= last; ++yi) {
    const Block& y = block(yi);
    auto k = static_cast<std::size_t>(std::upper_bound(y.ends.begin(), y.ends.end(), unix_seconds(a)) - y.ends.begin());
    for (; k < y.starts.size() && y.starts[k] < unix_seconds(b); ++k) {
      const Instant s = std::max(a, from_unix_seconds(y.starts[k]));
      const Instant e = std::min(b, from_unix_seconds(y.ends[k]));
      // Intervals clipped at a year boundary join up again.
      if (!out.empty() && out.back().end == s) {
        out.back().end = e;
      } else {
        out.push_back({s, e});
      }
    }
  }
  return out;
}

std::vector<Segment> BusinessCalendar::explain(Instant a, Instant b, std::span<const Interval> pauses) const {
  std::vector<Segment> out;
  if (b <= a) return out;
  // Every boundary where open or paused may change, then one kind per stretch.
  std::vector<Instant> cuts{a, b};
  const std::vector<Interval> open = open_intervals(a, b);
  const auto paused = IntervalSet::of(pauses).merged();
  for (const Interval& iv : open) cuts.insert(cuts.end(), {iv.start, iv.end});
  for (const auto& [s, e] : paused) {
    if (from_unix_seconds(s) > a && from_unix_seconds(s) < b) cuts.push_back(from_unix_seconds(s));
    if (from_unix_seconds(e) > a && from_unix_seconds(e) < b) cuts.push_back(from_unix_seconds(e));
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
    const Instant s = cuts[i];
    const bool in_pause = std::any_of(paused.begin(), paused.end(),
                                      [&](const auto& iv) { return from_unix_seconds(iv.first) <= s && s < from_unix_seconds(iv.second); });
    const bool in_open = std::any_of(open.begin(), open.end(),
                                     [&](const Interval& iv) { return iv.start <= s && s < iv.end; });
    const SegmentKind kind = in_pause ? SegmentKind::Paused : in_open ? SegmentKind::Counted : SegmentKind::Closed;
    if (!out.empty() && out.back().kind == kind) {
      out.back().end = cuts[i + 1];
    } else {
      out.push_back({s, cuts[i + 1], kind});
    }
  }
  return out;
}

namespace {

template <class Row>
void each_row(std::size_t n, std::span<std::int64_t> out, std::span<std::int32_t> status, Row row) {
  if (out.size() != n || status.size() != n) {
    throw Error(ErrorCode::INVALID_ARGUMENT, "column lengths differ: " + std::to_string(n) + " inputs, " +
                                                 std::to_string(out.size()) + " outputs, " +
                                                 std::to_string(status.size()) + " statuses");
  }
  for (std::size_t i = 0; i < n; ++i) {
    try {
      out[i] = row(i);
      status[i] = 0;
    } catch (const Error& e) {
      out[i] = 0;
      status[i] = static_cast<std::int32_t>(e.code());
    }
  }
}

}  // namespace

void BusinessCalendar::business_seconds_between_many(std::span<const std::int64_t> starts,
                                                     std::span<const std::int64_t> ends, std::span<std::int64_t> out,
                                                     std::span<std::int32_t> status) const {
  if (starts.size() != ends.size()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, "starts has " + std::to_string(starts.size()) + " rows but ends has " +
                                                 std::to_string(ends.size()));
  }
  each_row(starts.size(), out, status, [&](std::size_t i) { return open_between(from_unix_seconds(starts[i]), from_unix_seconds(ends[i])); });
}

void BusinessCalendar::add_business_many(std::span<const std::int64_t> starts, std::span<const std::int64_t> seconds_in,
                                         std::span<std::int64_t> out, std::span<std::int32_t> status) const {
  if (starts.size() != seconds_in.size()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, "starts has " + std::to_string(starts.size()) +
                                                 " rows but seconds has " + std::to_string(seconds_in.size()));
  }
  each_row(starts.size(), out, status, [&](std::size_t i) { return unix_seconds(add_business(from_unix_seconds(starts[i]), seconds_in[i])); });
}

std::size_t BusinessCalendar::compiled_bytes() const {
  std::size_t bytes = 0;
  for (int i = 0; i <= kLastYear - kFirstYear; ++i) {
    if (const Block* y = years_[static_cast<std::size_t>(i)].load(std::memory_order_acquire)) {
      bytes += sizeof(Block) + (y->starts.capacity() + y->ends.capacity() + y->cum_end.capacity()) * sizeof(std::int64_t) +
               y->before_day.capacity() * sizeof(std::uint32_t);
    }
  }
  return bytes;
}

}  // namespace v1
}  // namespace mspcore
