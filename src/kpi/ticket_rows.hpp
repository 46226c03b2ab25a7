// Private to src/kpi: what accumulating ticket rows into a grid of partials needs, shared by
// the accumulator (ticket_kpi.cpp) and the sliced accumulation (sliced_accumulation.cpp).
#pragma once

#include <mspcore/core/error.hpp>
#include <mspcore/kpi/ticket_kpi.hpp>
#include <mspcore/sla/sla_engine.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore {
inline namespace v1 {
namespace detail {

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

PeriodLookup period_lookup(const PeriodScheme& scheme, std::int32_t first, std::int32_t last);

/// a + b; Error(ARITHMETIC_OVERFLOW) naming `what` when the sum does not fit.
inline std::int64_t checked_add(std::int64_t a, std::int64_t b, std::string_view what) {
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

PolicyColumns policy_columns(const TicketKpiColumns& t, const SlaPolicy& policy, Instant now);

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
inline constexpr std::size_t kSliceCells = 512;
inline constexpr std::size_t kBlockRows = std::size_t{1} << 19;

inline std::size_t groups_per_slice(std::int32_t periods) {
  return std::max<std::size_t>(1, kSliceCells / static_cast<std::size_t>(periods));
}

inline constexpr std::uint32_t kNotClosed = UINT32_MAX;
inline constexpr std::uint32_t kNoDuration = UINT32_MAX;
inline constexpr std::uint32_t kLongDuration = UINT32_MAX - 1;  // 136 years or more: read from the columns

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

/// Accumulates rows [begin, end) of ctx.t into `cells` (groups x periods) slice by slice on
/// `threads` threads (the calling one among them), reusing `records`; every cell is written by
/// one thread only. The first exception of any thread is rethrown once all have stopped.
void accumulate_sliced(const RowContext& ctx, std::span<TicketKpiPartial> cells, std::size_t begin, std::size_t end,
                       std::size_t threads, SliceRecords& records);

}  // namespace detail
}  // namespace v1
}  // namespace mspcore
