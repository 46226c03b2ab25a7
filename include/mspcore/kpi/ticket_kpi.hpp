/// @file ticket_kpi.hpp
/// @brief Ticket KPIs by group and period from mergeable partial states (docs/kpi.md).
#pragma once

#include <mspcore/kpi/period.hpp>
#include <mspcore/kpi/quantile_sketch.hpp>
#include <mspcore/sla/sla_policy.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// Columnar tickets, one row each. Instants are Unix seconds with kNoInstant (INT64_MIN) for
/// "not yet"; an optional column is an empty span when the data does not have it.
struct TicketKpiColumns {
  std::span<const std::int64_t> created;         ///< required
  std::span<const std::int64_t> first_response;  ///< first response to the customer
  std::span<const std::int64_t> resolved;        ///< resolution (closing) instant
  std::span<const std::int32_t> group;           ///< required: group code in [0, groups)
  std::span<const std::int8_t> reopened;         ///< 1 if the ticket was reopened after a resolution
  std::span<const std::int32_t> priority;        ///< index into priority_names (business clock, SLA)
  std::span<const std::string> priority_names;
  std::span<const std::int32_t> category;        ///< index into category_names, -1 for none
  std::span<const std::string> category_names;
  std::span<const std::int8_t> first_contact;    ///< 1 resolved at first contact, 0 not, -1 unknown
  std::span<const std::int8_t> csat;             ///< 1 positive, 0 neutral or negative, -1 no response
  std::span<const std::int8_t> nps;              ///< 0..10, -1 no response
  std::span<const std::int64_t> work_seconds;    ///< labour logged on the ticket, -1 for none
  std::span<const std::int8_t> reactive;         ///< 1 reactive (break/fix) work, 0 planned; empty: all reactive
};

/// The work_seconds column from labour hours (NaN: none, written -1): whole seconds, rounded
/// half to even. A negative or infinite value is Error(OUT_OF_RANGE) naming work_hours[row].
void work_seconds_from_hours(std::span<const double> hours, std::span<std::int64_t> seconds);

/// Count, exact sum and quantile sketch of a duration in seconds.
struct DurationPartial {
  std::int64_t count = 0;
  std::int64_t sum = 0;
  QuantileSketch sketch;
  /// Count one duration (>= 0); throws Error(ARITHMETIC_OVERFLOW) when the sum does not fit 64 bits.
  void add(std::int64_t seconds);
  void merge(const DurationPartial& other);
};

/// The counters of a partial: the part that accumulating touches for every row.
struct TicketKpiCounters {
  std::int64_t created = 0;           ///< created in the period
  std::int64_t closed = 0;            ///< resolved in the period
  std::int64_t reopened = 0;          ///< resolved in the period and reopened
  std::int64_t sla_response_met = 0, sla_response_breached = 0;      ///< created in the period
  std::int64_t sla_resolution_met = 0, sla_resolution_breached = 0;  ///< resolved in the period
  std::int64_t first_contact_resolved = 0, first_contact_known = 0;  ///< resolved in the period
  std::int64_t csat_positive = 0, csat_responses = 0;                ///< resolved in the period
  std::int64_t nps_promoters = 0, nps_detractors = 0, nps_responses = 0;
  std::int64_t reactive_work_seconds = 0;                            ///< resolved in the period
};

/// Everything the ticket KPIs of one (group, period) need. Partials of disjoint sets of tickets
/// merge into the partial of their union: counts and sums add, sketches merge exactly.
/// Categories are counted by index into the category table the partial was built with.
struct TicketKpiPartial : TicketKpiCounters {
  std::vector<std::int64_t> categories;  ///< created in the period, by index
  DurationPartial first_response;        ///< created in the period, 24x7 seconds to first response
  DurationPartial first_response_business;
  DurationPartial resolution;            ///< resolved in the period, 24x7 seconds created -> resolved
  DurationPartial resolution_business;

  /// Merge `other`, whose categories index the same table.
  void merge(const TicketKpiPartial& other);
  /// Bytes that carry the partial between processes, with category names instead of indices.
  std::string serialize(std::span<const std::string> category_names) const;
  /// Inverse of serialize: category names are looked up in (and added to) `category_names`.
  /// Throws Error(PARSE_ERROR) naming `what` for bytes that are not a partial.
  static TicketKpiPartial parse(std::string_view bytes, std::vector<std::string>& category_names,
                                std::string_view what = "partial");
};

/// The counters of a partial, in the order of its byte form.
inline constexpr std::int64_t TicketKpiCounters::* kTicketKpiCounters[] = {
    &TicketKpiCounters::created,          &TicketKpiCounters::closed,
    &TicketKpiCounters::reopened,         &TicketKpiCounters::sla_response_met,
    &TicketKpiCounters::sla_response_breached, &TicketKpiCounters::sla_resolution_met,
    &TicketKpiCounters::sla_resolution_breached, &TicketKpiCounters::first_contact_resolved,
    &TicketKpiCounters::first_contact_known, &TicketKpiCounters::csat_positive,
    &TicketKpiCounters::csat_responses,   &TicketKpiCounters::nps_promoters,
    &TicketKpiCounters::nps_detractors,   &TicketKpiCounters::nps_responses,
    &TicketKpiCounters::reactive_work_seconds,
};

/// The four durations of a partial, in the order of its byte form.
inline constexpr DurationPartial TicketKpiPartial::* kTicketKpiDurations[] = {
    &TicketKpiPartial::first_response, &TicketKpiPartial::first_response_business, &TicketKpiPartial::resolution,
    &TicketKpiPartial::resolution_business};

/// Partials on a dense grid: groups x periods, ids first_period, first_period + months, ...
struct TicketKpiGrid {
  std::int32_t groups = 0;
  std::int32_t first_period = 0;
  std::int32_t periods = 0;
  std::vector<std::string> category_names;
  std::vector<TicketKpiPartial> cells;  ///< cells[group * periods + k]
  TicketKpiPartial& at(std::int32_t group, std::int32_t k) { return cells[static_cast<std::size_t>(group) * periods + k]; }
  const TicketKpiPartial& at(std::int32_t group, std::int32_t k) const {
    return cells[static_cast<std::size_t>(group) * periods + k];
  }
};

/// Accumulate tickets into partials. `policy` (nullable) gives the business clock of each
/// priority and the SLA statuses; without it the business and SLA partials stay empty.
/// Rows are validated first: a bad row throws Error naming the column and row. Large inputs
/// are split over `threads` threads (0: one per core); the result does not depend on the
/// number of threads. Working memory is the grid plus a fixed block of rows (docs/kpi.md).
TicketKpiGrid accumulate_ticket_kpis(const TicketKpiColumns& tickets, std::int32_t groups,
                                     const PeriodScheme& scheme, const SlaPolicy* policy, unsigned threads = 0);

/// What accumulating in blocks must know before the first block: the periods that the created
/// and resolved instants span, and the latest instant of the three instant columns (open
/// tickets' SLA statuses are judged then). `empty` when there is no created or resolved instant.
struct TicketKpiRange {
  bool empty = true;
  std::int32_t first_period = 0;
  std::int32_t last_period = 0;
  Instant now{};
};

/// The range of these tickets' instants (missing instants ignored). Throws
/// Error(OUT_OF_RANGE) for an instant outside the supported years.
TicketKpiRange ticket_kpi_range(const TicketKpiColumns& tickets, const PeriodScheme& scheme);

/// accumulate_ticket_kpis for tickets that arrive in blocks (a table read in chunks, columns
/// converted a block at a time): the result equals one call over all the rows, and memory is
/// the grid, not the rows. Every created and resolved instant must fall in `range`.
class TicketKpiAccumulator {
 public:
  TicketKpiAccumulator(std::int32_t groups, const PeriodScheme& scheme, const TicketKpiRange& range,
                       std::span<const std::string> category_names, const SlaPolicy* policy, unsigned threads = 0);
  ~TicketKpiAccumulator();
  TicketKpiAccumulator(const TicketKpiAccumulator&) = delete;
  TicketKpiAccumulator& operator=(const TicketKpiAccumulator&) = delete;

  /// Add the next rows. They are validated first: a bad row throws Error naming the column and
  /// the row counted from the first row of the first block (nothing of that block is added).
  /// The blocks' category_names must be the accumulator's.
  void add(const TicketKpiColumns& block);
  /// The grid of every row added; the accumulator is empty afterwards.
  TicketKpiGrid finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// A grid from partials shipped as bytes (TicketKpiPartial::serialize), one per row with its
/// group code and period id; rows with the same group and period merge. The grid spans the
/// periods from the smallest id to the largest. Throws Error naming the row of a bad partial.
TicketKpiGrid grid_from_partials(std::span<const std::int32_t> group, std::span<const std::int32_t> period,
                                 std::span<const std::string_view> partials, std::int32_t groups,
                                 const PeriodScheme& scheme);

/// The shippable form of a grid: one serialised partial (TicketKpiPartial::serialize) per
/// cell where a ticket was created or resolved, with its group code and period id, cells in
/// grid order. grid_from_partials of these rows gives the grid back over the periods they span.
struct TicketKpiPartialRows {
  std::vector<std::int32_t> group;
  std::vector<std::int32_t> period;
  std::vector<std::string> partials;
};
TicketKpiPartialRows ticket_kpi_partial_rows(const TicketKpiGrid& grid, const PeriodScheme& scheme);

/// The partial of the union of the tickets of `partials` (byte forms, e.g. one group and
/// period from several workers), as bytes. Throws Error(PARSE_ERROR) naming partial[i], row i.
std::string merge_ticket_kpi_partials(std::span<const std::string_view> partials);

/// One output column: integer counts or reals with NaN for "no value" (an empty period).
struct KpiColumn {
  std::string name;
  bool integer = false;
  std::vector<std::int64_t> counts;
  std::vector<double> values;
  std::vector<std::string> text;  ///< for top_categories
};

/// The KPIs of every (group, period) cell in grid order. `kpis` are ids of the dictionary
/// (docs/kpi.md); `endpoints[group]` (NaN when unknown; empty span: unknown for all) feeds
/// tickets_per_endpoint and rhem. Backlog is cumulative over the grid's periods, so the grid
/// must start at or before the first period with tickets.
std::vector<KpiColumn> finalize_ticket_kpis(const TicketKpiGrid& grid, const PeriodScheme& scheme,
                                            std::span<const std::string> kpis, std::span<const double> endpoints);

}  // namespace v1
}  // namespace mspcore
