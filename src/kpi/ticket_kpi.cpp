// Ticket KPIs accumulated into a grid of partials: the accumulator, the range of a set of tickets
// and the partials' own arithmetic. The rows' way into the cells is in sliced_accumulation.cpp.
#include <mspcore/core/error.hpp>
#include <mspcore/kpi/ticket_kpi.hpp>

#include "core/parallel.hpp"
#include "ticket_kpi_validate.hpp"
#include "ticket_rows.hpp"

#include <algorithm>
#include <memory>
#include <thread>

namespace mspcore {
inline namespace v1 {

using detail::checked_add;
using detail::PeriodLookup;
using detail::PolicyColumns;
using detail::SliceRecords;

void DurationPartial::add(std::int64_t seconds) {
  ++count;
  sum = checked_add(sum, seconds, "durations");
  sketch.add(seconds);
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

// Below this many rows per thread a thread costs more than it saves.
constexpr std::size_t kRowsPerThread = 1 << 18;

}  // namespace

struct TicketKpiAccumulator::Impl {
  PeriodLookup periods;
  detail::InstantWindow window;       // the periods' instants, which every block's must lie in
  TicketKpiGrid grid;
  const SlaPolicy* policy;
  Instant now;
  unsigned threads;
  bool share_blocks;                  // see add()
  std::vector<TicketKpiGrid> grids;   // without share_blocks: the grids of threads 1, 2, ...
  std::vector<SliceRecords> records;  // one per accumulate_sliced() that runs at a time
  std::size_t rows = 0;

  /// Gives a grid its cells (a no-op when it has them): they are made on first use, so that
  /// finish() need not make a new grid for an accumulator that is then dropped.
  void make_cells(TicketKpiGrid& g) const {
    g.cells.resize(static_cast<std::size_t>(grid.groups) * static_cast<std::size_t>(grid.periods));
  }
};

TicketKpiAccumulator::TicketKpiAccumulator(std::int32_t groups, const PeriodScheme& scheme, const TicketKpiRange& range,
                                           std::span<const std::string> category_names, const SlaPolicy* policy,
                                           unsigned threads)
    : impl_(std::make_unique<Impl>(Impl{{}, {}, {}, policy, range.now, threads, false, {}, {}, 0})) {
  if (groups < 0) throw Error(ErrorCode::INVALID_ARGUMENT, "groups must not be negative");
  Impl& m = *impl_;
  m.grid.groups = groups;
  m.grid.category_names.assign(category_names.begin(), category_names.end());
  if (m.threads == 0) m.threads = std::max(1u, std::thread::hardware_concurrency());
  if (range.empty) return;
  m.periods = detail::period_lookup(scheme, range.first_period, range.last_period);
  m.window = {m.periods.starts.front(), m.periods.starts.back(),
              "the periods " + scheme.label(range.first_period) + ".." + scheme.label(range.last_period) +
                  " being accumulated"};
  m.grid.first_period = m.periods.first;
  m.grid.periods = m.periods.count;
  if (static_cast<std::size_t>(groups) * static_cast<std::size_t>(m.grid.periods) >= detail::kNotClosed) {
    throw Error(ErrorCode::OUT_OF_RANGE, "more than 2^32 - 2 group x period cells");
  }
  // With enough slices the threads share every block (see accumulate_sliced()) and write the
  // grid itself. With few (few groups: a grid that fits in the cache anyway) each thread takes
  // a range of rows into a grid of its own, and finish() merges them. Either way the result
  // does not depend on the number of threads: partials merge exactly.
  const std::size_t per_slice = detail::groups_per_slice(m.grid.periods);
  m.share_blocks = (static_cast<std::size_t>(groups) + per_slice - 1) / per_slice >= 4 * m.threads;
}

TicketKpiAccumulator::~TicketKpiAccumulator() = default;

void TicketKpiAccumulator::add(const TicketKpiColumns& t) {
  Impl& m = *impl_;
  detail::validate_ticket_columns(t, m.grid.groups, m.rows, m.threads, m.grid.periods ? &m.window : nullptr);
  if (t.category_names.size() != m.grid.category_names.size() ||
      !std::equal(t.category_names.begin(), t.category_names.end(), m.grid.category_names.begin())) {
    throw Error(ErrorCode::INVALID_ARGUMENT, "a block's category names differ from the accumulator's");
  }
  const std::size_t n = t.created.size();
  if (n == 0) return;
  if (m.grid.periods == 0) throw Error(ErrorCode::OUT_OF_RANGE, "tickets added to an accumulator of an empty range");
  m.make_cells(m.grid);
  const PolicyColumns sla = m.policy ? detail::policy_columns(t, *m.policy, m.now) : PolicyColumns{};
  const detail::RowContext ctx{t, m.periods, sla, m.policy};
  const std::size_t parts = detail::parts_for(n, kRowsPerThread, m.threads);
  if (m.share_blocks) {
    m.records.resize(1);
    detail::accumulate_sliced(ctx, m.grid.cells, 0, n, parts, m.records[0]);
  } else {
    m.records.resize(std::max(m.records.size(), parts));
    for (std::size_t k = m.grids.size() + 1; k < parts; ++k) {
      m.grids.push_back(TicketKpiGrid{m.grid.groups, m.grid.first_period, m.grid.periods, {}, {}});
      m.make_cells(m.grids.back());
    }
    detail::run_parts(parts, [&](std::size_t k) {
      const std::span<TicketKpiPartial> cells = k == 0 ? std::span(m.grid.cells) : std::span(m.grids[k - 1].cells);
      detail::accumulate_sliced(ctx, cells, n * k / parts, n * (k + 1) / parts, 1, m.records[k]);
    });
  }
  m.rows += n;
}

TicketKpiGrid TicketKpiAccumulator::finish() {
  Impl& m = *impl_;
  m.make_cells(m.grid);  // no rows added: a grid of empty cells
  TicketKpiGrid grid = std::move(m.grid);
  for (const TicketKpiGrid& other : m.grids) {
    for (std::size_t c = 0; c < grid.cells.size(); ++c) grid.cells[c].merge(other.cells[c]);
  }
  // The sketches are complete: release what they reserved for growing, on every core.
  const std::size_t parts = detail::parts_for(grid.cells.size(), 4096, m.threads);
  detail::run_parts(parts, [&](std::size_t k) {
    const std::size_t n = grid.cells.size();
    for (TicketKpiPartial& cell : std::span(grid.cells).subspan(n * k / parts, n * (k + 1) / parts - n * k / parts)) {
      for (auto duration : kTicketKpiDurations) (cell.*duration).sketch.shrink_to_fit();
    }
  });
  m.grids.clear();
  m.records.clear();
  m.grid = TicketKpiGrid{grid.groups, grid.first_period, grid.periods, grid.category_names, {}};
  m.rows = 0;
  return grid;
}

TicketKpiRange ticket_kpi_range(const TicketKpiColumns& t, const PeriodScheme& scheme) {
  // Earliest and latest created or resolved instant, latest instant of all, per part of the rows.
  struct Bounds {
    std::int64_t lo = INT64_MAX, hi = INT64_MIN, now = INT64_MIN;  // kNoInstant is INT64_MIN: never a maximum
  };
  const std::size_t rows = std::max({t.created.size(), t.first_response.size(), t.resolved.size()});
  const std::size_t parts = detail::parts_for(rows, std::size_t{1} << 20);
  std::vector<Bounds> bounds(parts);
  detail::run_parts(parts, [&](std::size_t k) {
    Bounds& b = bounds[k];
    const auto part = [&](std::span<const std::int64_t> c) {
      return c.subspan(c.size() * k / parts, c.size() * (k + 1) / parts - c.size() * k / parts);
    };
    for (auto column : {part(t.created), part(t.resolved)}) {
      for (std::int64_t s : column) {
        b.lo = std::min(b.lo, s == kNoInstant ? INT64_MAX : s);
        b.hi = std::max(b.hi, s);
      }
    }
    for (std::int64_t s : part(t.first_response)) b.now = std::max(b.now, s);
  });
  Bounds all;
  for (const Bounds& b : bounds) all = {std::min(all.lo, b.lo), std::max(all.hi, b.hi), std::max(all.now, b.now)};
  TicketKpiRange out;
  if (all.lo > all.hi) return out;
  check_instant_range(from_unix_seconds(all.lo), "the earliest ticket instant");
  check_instant_range(from_unix_seconds(all.hi), "the latest ticket instant");
  out.empty = false;
  out.first_period = scheme.period_of(from_unix_seconds(all.lo));
  out.last_period = scheme.period_of(from_unix_seconds(all.hi));
  out.now = from_unix_seconds(std::max(all.now, all.hi));
  return out;
}

TicketKpiGrid accumulate_ticket_kpis(const TicketKpiColumns& t, std::int32_t groups, const PeriodScheme& scheme,
                                     const SlaPolicy* policy, unsigned threads) {
  TicketKpiAccumulator accumulator(groups, scheme, ticket_kpi_range(t, scheme), t.category_names, policy, threads);
  accumulator.add(t);
  return accumulator.finish();
}

}  // namespace v1
}  // namespace mspcore
