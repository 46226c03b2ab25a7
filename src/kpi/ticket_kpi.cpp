#include <mspcore/core/error.hpp>
#include <mspcore/kpi/ticket_kpi.hpp>
#include <mspcore/sla/sla_engine.hpp>

#include <algorithm>
#include <array>
#include <exception>
#include <limits>
#include <thread>

namespace mspcore {
inline namespace v1 {
namespace {

[[noreturn]] void bad_row(ErrorCode code, std::string_view column, std::size_t row, const std::string& why) {
  throw Error(code, std::string(column) + "[" + std::to_string(row) + "] " + why, static_cast<std::int64_t>(row));
}

template <class T>
void check_optional(std::span<const T> column, std::size_t rows, std::string_view name) {
  if (!column.empty() && column.size() != rows) {
    throw Error(ErrorCode::INVALID_ARGUMENT, std::string(name) + " has " + std::to_string(column.size()) +
                                                 " rows, created has " + std::to_string(rows));
  }
}

template <class T>
void check_codes(std::span<const T> column, std::int64_t lo, std::int64_t hi, std::string_view name) {
  for (std::size_t i = 0; i < column.size(); ++i) {
    if (column[i] < lo || column[i] > hi) {
      bad_row(ErrorCode::OUT_OF_RANGE, name, i,
              "is " + std::to_string(column[i]) + ", outside " + std::to_string(lo) + ".." + std::to_string(hi));
    }
  }
}

void validate(const TicketKpiColumns& t, std::int32_t groups) {
  const std::size_t n = t.created.size();
  if (t.group.size() != n) {
    throw Error(ErrorCode::INVALID_ARGUMENT,
                "group has " + std::to_string(t.group.size()) + " rows, created has " + std::to_string(n));
  }
  check_optional(t.first_response, n, "first_response");
  check_optional(t.resolved, n, "resolved");
  check_optional(t.reopened, n, "reopened");
  check_optional(t.priority, n, "priority");
  check_optional(t.category, n, "category");
  check_optional(t.first_contact, n, "first_contact");
  check_optional(t.csat, n, "csat");
  check_optional(t.nps, n, "nps");
  check_optional(t.work_seconds, n, "work_seconds");
  check_optional(t.reactive, n, "reactive");
  check_codes(t.group, 0, groups - 1, "group");
  check_codes(t.priority, 0, static_cast<std::int64_t>(t.priority_names.size()) - 1, "priority");
  check_codes(t.category, -1, static_cast<std::int64_t>(t.category_names.size()) - 1, "category");
  check_codes(t.reopened, 0, 1, "reopened");
  check_codes(t.first_contact, -1, 1, "first_contact");
  check_codes(t.csat, -1, 1, "csat");
  check_codes(t.nps, -1, 10, "nps");
  check_codes(t.reactive, 0, 1, "reactive");
  check_codes(t.work_seconds, -1, std::numeric_limits<std::int64_t>::max(), "work_seconds");
  for (std::size_t i = 0; i < n; ++i) {
    if (t.created[i] == kNoInstant) bad_row(ErrorCode::INVALID_TIME, "created", i, "is missing");
    for (auto [column, name] : {std::pair{t.first_response, "first_response"}, std::pair{t.resolved, "resolved"}}) {
      if (!column.empty() && column[i] != kNoInstant && column[i] < t.created[i]) {
        bad_row(ErrorCode::INVALID_TIMELINE, name, i, "is before created");
      }
    }
  }
}

/// The periods the tickets span, as UTC start instants: a row's period is a binary search
/// over a few dozen starts, not a time zone conversion, and needs no column of its own.
struct PeriodLookup {
  std::int32_t first = 0;             // id of the first period
  std::int32_t count = 0;             // periods spanned
  std::vector<std::int64_t> starts;   // count + 1 starts, the last one ends the range
  std::int32_t index(std::int64_t seconds) const {
    return static_cast<std::int32_t>(std::upper_bound(starts.begin(), starts.end(), seconds) - starts.begin()) - 1;
  }
};

PeriodLookup period_lookup(const TicketKpiColumns& t, const PeriodScheme& scheme) {
  std::int64_t lo = INT64_MAX, hi = INT64_MIN;
  for (auto column : {t.created, t.resolved}) {
    for (std::int64_t s : column) {
      if (s == kNoInstant) continue;
      lo = std::min(lo, s);
      hi = std::max(hi, s);
    }
  }
  PeriodLookup out;
  if (lo > hi) return out;
  check_instant_range(from_unix_seconds(lo), "the earliest ticket instant");
  check_instant_range(from_unix_seconds(hi), "the latest ticket instant");
  out.first = scheme.period_of(from_unix_seconds(lo));
  out.starts = scheme.starts(out.first, scheme.period_of(from_unix_seconds(hi)));
  out.count = static_cast<std::int32_t>(out.starts.size()) - 1;
  return out;
}

std::int64_t checked_add(std::int64_t a, std::int64_t b, std::string_view what) {
  std::int64_t sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) {
    throw Error(ErrorCode::ARITHMETIC_OVERFLOW, "the sum of " + std::string(what) + " does not fit 64 bits");
  }
  return sum;
}

/// SLA statuses and business clocks from the policy, computed once per column.
struct PolicyColumns {
  std::vector<std::int8_t> response_status, resolution_status;
  std::vector<const BusinessCalendar*> calendar_of_priority;
};

PolicyColumns policy_columns(const TicketKpiColumns& t, const SlaPolicy& policy) {
  const std::size_t n = t.created.size();
  if (t.priority.empty()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, "business-time and SLA KPIs need a priority column");
  }
  PolicyColumns out;
  for (const std::string& name : t.priority_names) {
    const SlaPriority* entry = policy.find(name);
    out.calendar_of_priority.push_back(entry ? entry->calendar.get() : nullptr);
  }
  std::vector<std::int64_t> none(n, kNoInstant);
  const auto column = [&](std::span<const std::int64_t> c) { return c.empty() ? std::span<const std::int64_t>(none) : c; };
  SlaColumns in{t.created, column(t.first_response), column(t.resolved), {}, t.priority, t.priority_names, {}, {}, {}};
  std::int64_t now = std::numeric_limits<std::int64_t>::min();
  for (auto c : {in.created, in.first_response, in.resolved}) {
    for (std::int64_t s : c) now = std::max(now, s);
  }
  out.response_status.resize(n);
  out.resolution_status.resize(n);
  std::vector<std::int64_t> due(n), elapsed(n), remaining(n);
  std::vector<double> ratio(n);
  std::vector<std::int32_t> error(n);
  const auto result = [&](std::vector<std::int8_t>& status) {
    return SlaResultColumns{status, due, elapsed, remaining, ratio};
  };
  evaluate_sla_columns(in, policy, from_unix_seconds(now), {result(out.response_status), result(out.resolution_status), {}},
                       error);
  return out;
}

void count_sla(std::int8_t status, std::int64_t& met, std::int64_t& breached) {
  if (status == static_cast<std::int8_t>(SlaStatus::Met)) ++met;
  if (status == static_cast<std::int8_t>(SlaStatus::Breached)) ++breached;
}

}  // namespace

DurationPartial DurationPartial::of(std::span<std::int64_t> seconds) {
  DurationPartial d;
  d.count = static_cast<std::int64_t>(seconds.size());
  for (std::int64_t s : seconds) d.sum = checked_add(d.sum, s, "durations");
  d.sketch = QuantileSketch::of(seconds);
  return d;
}

void DurationPartial::merge(const DurationPartial& other) {
  count += other.count;
  sum = checked_add(sum, other.sum, "durations");
  sketch.merge(other.sketch);
}

void TicketKpiPartial::merge(const TicketKpiPartial& o) {
  for (auto counter : kTicketKpiCounters) this->*counter = checked_add(this->*counter, o.*counter, "counts");
  for (auto duration : kTicketKpiDurations) (this->*duration).merge(o.*duration);
  if (categories.size() < o.categories.size()) categories.resize(o.categories.size());
  for (std::size_t i = 0; i < o.categories.size(); ++i) categories[i] += o.categories[i];
}

namespace {

/// What every row range reads: the columns, the period lookup and the policy's per-row results.
struct RowContext {
  const TicketKpiColumns& t;
  const PeriodLookup& periods;
  const PolicyColumns& sla;
  const SlaPolicy* policy;
};

/// Positions in kTicketKpiDurations.
enum Duration : std::size_t { kFirstResponse, kFirstResponseBusiness, kResolution, kResolutionBusiness, kDurations };

/// What the first pass over the rows counts per cell: the counters and how many durations of
/// each kind the cell gets (compact, so the scattered cells of one thread mostly stay in cache).
struct CellTally {
  TicketKpiCounters counters;
  std::array<std::uint32_t, kDurations> durations{};
};

/// Durations gathered by cell (a counting sort), so that every cell's sketch is built once from
/// its contiguous values instead of growing value by value in scattered memory.
struct DurationGather {
  std::vector<std::size_t> start;  // cells + 1 offsets into values
  std::vector<std::size_t> next;   // write position per cell
  std::vector<std::int64_t> values;
  DurationGather(const std::vector<CellTally>& tally, std::size_t kind) : start(tally.size() + 1, 0) {
    for (std::size_t c = 0; c < tally.size(); ++c) start[c + 1] = start[c] + tally[c].durations[kind];
    next.assign(start.begin(), start.end() - 1);
    values.resize(start.back());
  }
  void put(std::size_t cell, std::int64_t seconds) { values[next[cell]++] = seconds; }
  std::span<std::int64_t> of(std::size_t cell) {
    return std::span(values).subspan(start[cell], start[cell + 1] - start[cell]);
  }
};

/// Accumulates rows [begin, end) into `grid` in two passes over the rows: counters and the
/// number of durations per cell first, then the durations into their cells' places.
void accumulate_rows(const RowContext& ctx, TicketKpiGrid& grid, std::size_t begin, std::size_t end) {
  const TicketKpiColumns& t = ctx.t;
  const PolicyColumns& sla = ctx.sla;
  const std::size_t cells = grid.cells.size();
  const std::size_t categories = t.category_names.size();
  const auto cell_of = [&](std::size_t i, std::int64_t instant) {
    return static_cast<std::size_t>(t.group[i]) * static_cast<std::size_t>(grid.periods) +
           static_cast<std::size_t>(ctx.periods.index(instant));
  };
  // Rows whose priority the policy does not know have no business clock (and SLA status invalid).
  const auto calendar_of = [&](std::size_t i) -> const BusinessCalendar* {
    return ctx.policy ? sla.calendar_of_priority[static_cast<std::size_t>(t.priority[i])] : nullptr;
  };
  const bool has_response = !t.first_response.empty();
  const bool has_resolved = !t.resolved.empty();
  if (end - begin > UINT32_MAX) throw Error(ErrorCode::OUT_OF_RANGE, "more than 2^32 tickets for one thread");
  std::vector<CellTally> tally(cells);
  std::vector<std::int64_t> category_counts(t.category.empty() ? 0 : cells * categories);
  for (std::size_t i = begin; i < end; ++i) {
    const BusinessCalendar* calendar = calendar_of(i);
    const std::size_t created = cell_of(i, t.created[i]);
    CellTally& in = tally[created];
    ++in.counters.created;
    if (!t.category.empty() && t.category[i] >= 0) ++category_counts[created * categories + t.category[i]];
    if (has_response && t.first_response[i] != kNoInstant) {
      ++in.durations[kFirstResponse];
      if (calendar) ++in.durations[kFirstResponseBusiness];
      if (ctx.policy) count_sla(sla.response_status[i], in.counters.sla_response_met, in.counters.sla_response_breached);
    }
    if (!has_resolved || t.resolved[i] == kNoInstant) continue;
    CellTally& out_tally = tally[cell_of(i, t.resolved[i])];
    TicketKpiCounters& out = out_tally.counters;
    ++out.closed;
    ++out_tally.durations[kResolution];
    if (calendar) ++out_tally.durations[kResolutionBusiness];
    if (!t.reopened.empty()) out.reopened += t.reopened[i];
    if (ctx.policy) count_sla(sla.resolution_status[i], out.sla_resolution_met, out.sla_resolution_breached);
    if (!t.first_contact.empty() && t.first_contact[i] >= 0) {
      ++out.first_contact_known;
      out.first_contact_resolved += t.first_contact[i];
    }
    if (!t.csat.empty() && t.csat[i] >= 0) {
      ++out.csat_responses;
      out.csat_positive += t.csat[i];
    }
    if (!t.nps.empty() && t.nps[i] >= 0) {
      ++out.nps_responses;
      out.nps_promoters += t.nps[i] >= 9;
      out.nps_detractors += t.nps[i] <= 6;
    }
    if (!t.work_seconds.empty() && t.work_seconds[i] > 0 && (t.reactive.empty() || t.reactive[i] == 1)) {
      out.reactive_work_seconds = checked_add(out.reactive_work_seconds, t.work_seconds[i], "work seconds");
    }
  }
  std::vector<DurationGather> gather;
  for (std::size_t d = 0; d < kDurations; ++d) gather.emplace_back(tally, d);
  const auto business = [](const BusinessCalendar* calendar, std::int64_t from, std::int64_t to) {
    return calendar->business_seconds_between(from_unix_seconds(from), from_unix_seconds(to));
  };
  for (std::size_t i = begin; i < end; ++i) {
    const BusinessCalendar* calendar = calendar_of(i);
    if (has_response && t.first_response[i] != kNoInstant) {
      const std::size_t created = cell_of(i, t.created[i]);
      gather[kFirstResponse].put(created, t.first_response[i] - t.created[i]);
      if (calendar) gather[kFirstResponseBusiness].put(created, business(calendar, t.created[i], t.first_response[i]));
    }
    if (!has_resolved || t.resolved[i] == kNoInstant) continue;
    const std::size_t closed = cell_of(i, t.resolved[i]);
    gather[kResolution].put(closed, t.resolved[i] - t.created[i]);
    if (calendar) gather[kResolutionBusiness].put(closed, business(calendar, t.created[i], t.resolved[i]));
  }
  for (std::size_t c = 0; c < cells; ++c) {
    TicketKpiPartial& cell = grid.cells[c];
    static_cast<TicketKpiCounters&>(cell) = tally[c].counters;
    if (!category_counts.empty()) {
      const auto row = std::span(category_counts).subspan(c * categories, categories);
      if (std::any_of(row.begin(), row.end(), [](std::int64_t n) { return n > 0; })) {
        cell.categories.assign(row.begin(), row.end());
      }
    }
    for (std::size_t d = 0; d < kDurations; ++d) cell.*kTicketKpiDurations[d] = DurationPartial::of(gather[d].of(c));
  }
}

// Below this many rows per thread a thread costs more than it saves.
constexpr std::size_t kRowsPerThread = 1 << 18;

}  // namespace

TicketKpiGrid accumulate_ticket_kpis(const TicketKpiColumns& t, std::int32_t groups, const PeriodScheme& scheme,
                                     const SlaPolicy* policy, unsigned threads) {
  if (groups < 0) throw Error(ErrorCode::INVALID_ARGUMENT, "groups must not be negative");
  validate(t, groups);
  const std::size_t n = t.created.size();
  TicketKpiGrid grid;
  grid.groups = groups;
  grid.category_names.assign(t.category_names.begin(), t.category_names.end());
  if (n == 0) return grid;
  const PeriodLookup periods = period_lookup(t, scheme);
  grid.first_period = periods.first;
  grid.periods = periods.count;
  grid.cells.resize(static_cast<std::size_t>(groups) * static_cast<std::size_t>(grid.periods));
  const PolicyColumns sla = policy ? policy_columns(t, *policy) : PolicyColumns{};
  const RowContext ctx{t, periods, sla, policy};
  // Threads accumulate disjoint row ranges into grids of their own that then merge: partials
  // merge exactly, so the result is the same for any number of threads.
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t parts = std::clamp<std::size_t>(n / kRowsPerThread, 1, threads);
  std::vector<TicketKpiGrid> grids(parts - 1, TicketKpiGrid{groups, grid.first_period, grid.periods, {}, {}});
  std::vector<std::exception_ptr> failures(parts);
  std::vector<std::thread> workers;
  const auto range = [&](std::size_t k) { return std::pair{n * k / parts, n * (k + 1) / parts}; };
  for (std::size_t k = 1; k < parts; ++k) {
    workers.emplace_back([&, k] {
      try {
        grids[k - 1].cells.resize(grid.cells.size());
        accumulate_rows(ctx, grids[k - 1], range(k).first, range(k).second);
      } catch (...) {
        failures[k] = std::current_exception();
      }
    });
  }
  try {
    accumulate_rows(ctx, grid, range(0).first, range(0).second);
  } catch (...) {
    failures[0] = std::current_exception();
  }
  for (std::thread& w : workers) w.join();
  for (const std::exception_ptr& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
  for (const TicketKpiGrid& other : grids) {
    for (std::size_t c = 0; c < grid.cells.size(); ++c) grid.cells[c].merge(other.cells[c]);
  }
  return grid;
}

}  // namespace v1
}  // namespace mspcore
