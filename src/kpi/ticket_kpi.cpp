#include <mspcore/core/error.hpp>
#include <mspcore/kpi/ticket_kpi.hpp>
#include <mspcore/sla/sla_engine.hpp>

#include "core/parallel.hpp"
#include "ticket_kpi_validate.hpp"

#include <algorithm>
#include <atomic>
#include <barrier>
#include <exception>
#include <limits>
#include <memory>
#include <thread>

namespace mspcore {
inline namespace v1 {
namespace {

/// The periods the tickets span, as UTC start instants, and a table that gives a row's period
/// in O(1): the instants are cut into steps of 2^21 s (24.3 days, shorter than any period, so
/// at most one period starts within a step) whose first period is tabled.
struct PeriodLookup {
  std::int32_t first = 0;             // id of the first period
  std::int32_t count = 0;             // periods spanned
  std::vector<std::int64_t> starts;   // count + 1 starts, the last one ends the range
  std::vector<std::int32_t> by_step;  // period index at starts[0] + (step << kStepBits)
  static constexpr unsigned kStepBits = 21;
  std::int32_t index(std::int64_t seconds) const {
    const std::int32_t k = by_step[static_cast<std::uint64_t>(seconds - starts[0]) >> kStepBits];
    return k + (seconds >= starts[static_cast<std::size_t>(k) + 1]);
  }
};

PeriodLookup period_lookup(const PeriodScheme& scheme, std::int32_t first, std::int32_t last) {
  PeriodLookup out;
  out.first = first;
  out.starts = scheme.starts(first, last);
  out.count = static_cast<std::int32_t>(out.starts.size()) - 1;
  const auto steps = (static_cast<std::uint64_t>(out.starts.back() - 1 - out.starts[0]) >> PeriodLookup::kStepBits) + 1;
  out.by_step.resize(steps);
  std::int32_t k = 0;
  for (std::uint64_t step = 0; step < steps; ++step) {
    const std::int64_t at = out.starts[0] + static_cast<std::int64_t>(step << PeriodLookup::kStepBits);
    while (k + 1 < out.count && out.starts[static_cast<std::size_t>(k) + 1] <= at) ++k;
    out.by_step[step] = k;
  }
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

PolicyColumns policy_columns(const TicketKpiColumns& t, const SlaPolicy& policy, Instant now) {
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
  out.response_status.resize(n);
  out.resolution_status.resize(n);
  std::vector<std::int64_t> due(n), elapsed(n), remaining(n);
  std::vector<double> ratio(n);
  std::vector<std::int32_t> error(n);
  const auto result = [&](std::vector<std::int8_t>& status) {
    return SlaResultColumns{status, due, elapsed, remaining, ratio};
  };
  evaluate_sla_columns(in, policy, now, {result(out.response_status), result(out.resolution_status), {}},
                       error);
  return out;
}

void count_sla(std::int8_t status, std::int64_t& met, std::int64_t& breached) {
  if (status == static_cast<std::int8_t>(SlaStatus::Met)) ++met;
  if (status == static_cast<std::int8_t>(SlaStatus::Breached)) ++breached;
}

}  // namespace

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

/// What every row range reads: the columns, the period lookup and the policy's per-row results.
struct RowContext {
  const TicketKpiColumns& t;
  const PeriodLookup& periods;
  const PolicyColumns& sla;
  const SlaPolicy* policy;
};

/// Rows are accumulated slice by slice: a slice is a run of consecutive groups with about
/// kSliceCells cells. Each block of kBlockRows rows is first partitioned by slice into compact
/// records, then every slice's records go into its cells while those cells (counters and
/// sketches) stay in cache; visiting the rows in their order instead would touch two random
/// cells of a grid far larger than the cache for every row (docs/benchmarks.md). Memory is the
/// grid plus one block of records, whatever the number of rows.
constexpr std::size_t kSliceCells = 512;
constexpr std::size_t kBlockRows = std::size_t{1} << 19;

std::size_t groups_per_slice(std::int32_t periods) {
  return std::max<std::size_t>(1, kSliceCells / static_cast<std::size_t>(periods));
}

constexpr std::uint32_t kNotClosed = UINT32_MAX;
constexpr std::uint32_t kNoDuration = UINT32_MAX;
constexpr std::uint32_t kLongDuration = UINT32_MAX - 1;  // 136 years or more: read from the columns

/// What accumulating reads of a row, copied when its block is partitioned: 24 bytes, so a block
/// of records stays small. Columns that only some runs have (priority, category, work, policy
/// results) are read through the row.
struct RowRecord {
  std::uint32_t created_cell;
  std::uint32_t closed_cell;     // kNotClosed when not resolved
  std::uint32_t first_response;  // seconds after created, kNoDuration without a first response
  std::uint32_t resolution;      // seconds from created to resolved
  std::uint32_t offset;          // row - first row of the block
  std::int8_t reopened, first_contact, csat, nps;  // 0, -1, -1, -1 when the column is absent
};

/// Records by thread and slice; kept between blocks so their capacity is reused.
using SliceRecords = std::vector<std::vector<std::vector<RowRecord>>>;

/// Accumulates rows [begin, end) into cells with `parts` threads, each calling run(k). Every
/// block is processed in two phases separated by barriers: the threads partition a share of
/// the block's rows each into records by slice, then each thread accumulates the records of
/// every parts-th slice (from all threads), so each cell is written by one thread only.
class SlicedAccumulation {
 public:
  SlicedAccumulation(const RowContext& ctx, std::span<TicketKpiPartial> cells, std::size_t begin, std::size_t end,
                     std::size_t parts, SliceRecords& records)
      : ctx_(ctx), t_(ctx.t), cells_(cells), begin_(begin), end_(end), parts_(parts),
        sync_(static_cast<std::ptrdiff_t>(parts)), failures_(parts), records_(records) {
    const auto periods = static_cast<std::size_t>(ctx.periods.count);
    const std::size_t groups = cells.size() / periods;
    const std::size_t per_slice = groups_per_slice(ctx.periods.count);
    slices_ = (groups + per_slice - 1) / per_slice;
    slice_of_group_.resize(groups);  // a table, not a division per row
    for (std::size_t g = 0; g < groups; ++g) slice_of_group_[g] = static_cast<std::uint32_t>(g / per_slice);
    records_.resize(std::max(records_.size(), parts));
    for (auto& by_slice : records_) by_slice.resize(slices_);
  }

  /// Thread k's part; the first exception of any thread is rethrown once all have stopped.
  void run(std::size_t k) {
    for (std::size_t b = begin_; b < end_; b += kBlockRows) {
      const std::size_t e = std::min(end_, b + kBlockRows);
      guarded(k, [&] { partition(k, b, b + (e - b) * k / parts_, b + (e - b) * (k + 1) / parts_); });
      sync_.arrive_and_wait();
      if (failed_) return;
      guarded(k, [&] {
        for (std::size_t s = k; s < slices_; s += parts_) {
          for (std::size_t j = 0; j < parts_; ++j) accumulate(records_[j][s], b);
        }
      });
      sync_.arrive_and_wait();
      if (failed_) return;
    }
  }

  void rethrow() const {
    for (const std::exception_ptr& failure : failures_) {
      if (failure) std::rethrow_exception(failure);
    }
  }

 private:
  template <class Work>
  void guarded(std::size_t k, Work work) {
    try {
      work();
    } catch (...) {
      failures_[k] = std::current_exception();
      failed_ = true;
    }
  }

  /// Rows [from, to) of the block starting at `block` into thread k's records by slice.
  void partition(std::size_t k, std::size_t block, std::size_t from, std::size_t to) {
    std::vector<std::vector<RowRecord>>& by_slice = records_[k];
    for (std::vector<RowRecord>& records : by_slice) records.clear();
    for (std::size_t i = from; i < to; ++i) {
      by_slice[slice_of_group_[static_cast<std::size_t>(t_.group[i])]].push_back(record(i, block));
    }
  }

  void accumulate(std::span<const RowRecord> records, std::size_t block) {
    // Fetch the cells of a record a few records ahead: the first touch of a cell in a block
    // misses the cache, and the rows are independent.
    constexpr std::size_t kAhead = 8;
    for (std::size_t j = 0; j < records.size(); ++j) {
      if (j + kAhead < records.size()) prefetch_cells(records[j + kAhead]);
      accumulate(records[j], block + records[j].offset);
    }
  }

  std::uint32_t cell_of(std::size_t row, std::int64_t instant) const {
    return static_cast<std::uint32_t>(static_cast<std::size_t>(t_.group[row]) * static_cast<std::size_t>(ctx_.periods.count) +
                                      static_cast<std::size_t>(ctx_.periods.index(instant)));
  }

  static std::uint32_t compact_duration(std::int64_t seconds) {
    return seconds < kLongDuration ? static_cast<std::uint32_t>(seconds) : kLongDuration;
  }

  std::int64_t duration(std::uint32_t compact, std::size_t row, std::span<const std::int64_t> until) const {
    return compact != kLongDuration ? compact : until[row] - t_.created[row];
  }

  RowRecord record(std::size_t i, std::size_t block) const {
    const bool responded = !t_.first_response.empty() && t_.first_response[i] != kNoInstant;
    const bool closed = !t_.resolved.empty() && t_.resolved[i] != kNoInstant;
    const auto flag = [i](std::span<const std::int8_t> column, std::int8_t absent) {
      return column.empty() ? absent : column[i];
    };
    return RowRecord{cell_of(i, t_.created[i]),
                     closed ? cell_of(i, t_.resolved[i]) : kNotClosed,
                     responded ? compact_duration(t_.first_response[i] - t_.created[i]) : kNoDuration,
                     closed ? compact_duration(t_.resolved[i] - t_.created[i]) : kNoDuration,
                     static_cast<std::uint32_t>(i - block),
                     flag(t_.reopened, 0),
                     flag(t_.first_contact, -1),
                     flag(t_.csat, -1),
                     flag(t_.nps, -1)};
  }

  void prefetch_cells(const RowRecord& r) const {
    __builtin_prefetch(&cells_[r.created_cell], 1);
    __builtin_prefetch(&cells_[r.created_cell].first_response, 1);
    if (r.closed_cell == kNotClosed) return;
    const auto* out = reinterpret_cast<const char*>(&cells_[r.closed_cell]);
    __builtin_prefetch(out, 1);
    __builtin_prefetch(out + 64, 1);
    __builtin_prefetch(&cells_[r.closed_cell].resolution, 1);
  }

  // Rows whose priority the policy does not know have no business clock (and SLA status invalid).
  const BusinessCalendar* calendar_of(std::size_t row) const {
    return ctx_.policy ? ctx_.sla.calendar_of_priority[static_cast<std::size_t>(t_.priority[row])] : nullptr;
  }

  std::int64_t business(const BusinessCalendar* calendar, std::size_t row, std::span<const std::int64_t> until) const {
    return calendar->business_seconds_between(from_unix_seconds(t_.created[row]), from_unix_seconds(until[row]));
  }

  void accumulate(const RowRecord& r, std::size_t i) {
    const BusinessCalendar* calendar = calendar_of(i);
    TicketKpiPartial& in = cells_[r.created_cell];
    ++in.created;
    if (!t_.category.empty() && t_.category[i] >= 0) {
      if (in.categories.empty()) in.categories.resize(t_.category_names.size());
      ++in.categories[static_cast<std::size_t>(t_.category[i])];
    }
    if (r.first_response != kNoDuration) {
      in.first_response.add(duration(r.first_response, i, t_.first_response));
      if (calendar) in.first_response_business.add(business(calendar, i, t_.first_response));
      if (ctx_.policy) count_sla(ctx_.sla.response_status[i], in.sla_response_met, in.sla_response_breached);
    }
    if (r.closed_cell == kNotClosed) return;
    TicketKpiPartial& out = cells_[r.closed_cell];
    ++out.closed;
    out.resolution.add(duration(r.resolution, i, t_.resolved));
    if (calendar) out.resolution_business.add(business(calendar, i, t_.resolved));
    out.reopened += r.reopened;
    if (ctx_.policy) count_sla(ctx_.sla.resolution_status[i], out.sla_resolution_met, out.sla_resolution_breached);
    if (r.first_contact >= 0) {
      ++out.first_contact_known;
      out.first_contact_resolved += r.first_contact;
    }
    if (r.csat >= 0) {
      ++out.csat_responses;
      out.csat_positive += r.csat;
    }
    if (r.nps >= 0) {
      ++out.nps_responses;
      out.nps_promoters += r.nps >= 9;
      out.nps_detractors += r.nps <= 6;
    }
    if (!t_.work_seconds.empty() && t_.work_seconds[i] > 0 && (t_.reactive.empty() || t_.reactive[i] == 1)) {
      out.reactive_work_seconds = checked_add(out.reactive_work_seconds, t_.work_seconds[i], "work seconds");
    }
  }

  const RowContext& ctx_;
  const TicketKpiColumns& t_;
  std::span<TicketKpiPartial> cells_;
  std::size_t begin_, end_, parts_, slices_ = 0;
  std::vector<std::uint32_t> slice_of_group_;
  std::barrier<> sync_;
  std::atomic<bool> failed_{false};
  std::vector<std::exception_ptr> failures_;
  SliceRecords& records_;
};

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
  std::vector<SliceRecords> records;  // one per SlicedAccumulation that runs at a time
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
  m.periods = period_lookup(scheme, range.first_period, range.last_period);
  m.window = {m.periods.starts.front(), m.periods.starts.back(),
              "the periods " + scheme.label(range.first_period) + ".." + scheme.label(range.last_period) +
                  " being accumulated"};
  m.grid.first_period = m.periods.first;
  m.grid.periods = m.periods.count;
  if (static_cast<std::size_t>(groups) * static_cast<std::size_t>(m.grid.periods) >= kNotClosed) {
    throw Error(ErrorCode::OUT_OF_RANGE, "more than 2^32 - 2 group x period cells");
  }
  // With enough slices the threads share every block (see SlicedAccumulation) and write the
  // grid itself. With few (few groups: a grid that fits in the cache anyway) each thread takes
  // a range of rows into a grid of its own, and finish() merges them. Either way the result
  // does not depend on the number of threads: partials merge exactly.
  const std::size_t per_slice = groups_per_slice(m.grid.periods);
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
  const PolicyColumns sla = m.policy ? policy_columns(t, *m.policy, m.now) : PolicyColumns{};
  const RowContext ctx{t, m.periods, sla, m.policy};
  const std::size_t parts = detail::parts_for(n, kRowsPerThread, m.threads);
  std::vector<std::unique_ptr<SlicedAccumulation>> runs;
  if (m.share_blocks) {
    m.records.resize(1);
    runs.push_back(std::make_unique<SlicedAccumulation>(ctx, m.grid.cells, 0, n, parts, m.records[0]));
  } else {
    m.records.resize(std::max(m.records.size(), parts));
    for (std::size_t k = m.grids.size() + 1; k < parts; ++k) {
      m.grids.push_back(TicketKpiGrid{m.grid.groups, m.grid.first_period, m.grid.periods, {}, {}});
      m.make_cells(m.grids.back());
    }
    for (std::size_t k = 0; k < parts; ++k) {
      const std::span<TicketKpiPartial> cells = k == 0 ? std::span(m.grid.cells) : std::span(m.grids[k - 1].cells);
      runs.push_back(std::make_unique<SlicedAccumulation>(ctx, cells, n * k / parts, n * (k + 1) / parts, 1, m.records[k]));
    }
  }
  detail::run_parts(parts, [&](std::size_t k) { m.share_blocks ? runs[0]->run(k) : runs[k]->run(0); });
  for (const auto& run : runs) run->rethrow();
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
