// Rows into a grid of partials slice by slice (see kSliceCells in ticket_rows.hpp).
#include "ticket_rows.hpp"

#include "core/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <barrier>
#include <exception>

namespace mspcore {
inline namespace v1 {
namespace detail {
namespace {

void count_sla(std::int8_t status, std::int64_t& met, std::int64_t& breached) {
  if (status == static_cast<std::int8_t>(SlaStatus::Met)) ++met;
  if (status == static_cast<std::int8_t>(SlaStatus::Breached)) ++breached;
}

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

}  // namespace

void accumulate_sliced(const RowContext& ctx, std::span<TicketKpiPartial> cells, std::size_t begin, std::size_t end,
                       std::size_t threads, SliceRecords& records) {
  SlicedAccumulation run(ctx, cells, begin, end, threads, records);
  run_parts(threads, [&](std::size_t k) { run.run(k); });
  run.rethrow();
}

}  // namespace detail
}  // namespace v1
}  // namespace mspcore
