// Private: the KPI frame handle of the C ABI and what the ticket, partial and asset KPI
// functions share (reading the caller's columns, KPI ids and period scheme).
#pragma once

#include <mspcore.h>
#include <mspcore/core/error.hpp>
#include <mspcore/kpi/period.hpp>
#include <mspcore/kpi/ticket_kpi.hpp>

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

struct msp_kpi_frame {
  std::vector<std::string> labels;  // one per period
  std::vector<mspcore::KpiColumn> columns;
  const mspcore::KpiColumn& column(const char* kpi) const;
};

namespace mspcore::capi {

/// `n` C strings as std::string; `what` names the array in errors.
std::vector<std::string> names(const char* const* p, std::size_t n, const char* what);
/// The requested KPI ids: none (every KPI the inputs allow) for kpis NULL and n 0.
std::optional<std::vector<std::string>> requested_kpis(const char* const* kpis, std::size_t n);
/// The period scheme of `period`, `tz` (NULL: the default report zone) and fiscal year start.
PeriodScheme period_scheme(const char* period, const char* tz, int fiscal_year_start);

/// The caller's msp_ticket_kpi_columns as C++ columns (struct_size checked), with the inputs
/// given, by the names the dictionary's `requires` uses. Pinned: columns point into it.
struct TicketKpiInput {
  explicit TicketKpiInput(const msp_ticket_kpi_columns* tickets);
  TicketKpiInput(const TicketKpiInput&) = delete;
  TicketKpiInput& operator=(const TicketKpiInput&) = delete;
  std::vector<std::string> priority_names, category_names;
  TicketKpiColumns columns;
  std::vector<std::string> inputs;
};

/// A frame of the grid's periods with the KPIs `kpis` (already selected).
std::unique_ptr<msp_kpi_frame> ticket_kpi_frame(const TicketKpiGrid& grid, const PeriodScheme& scheme,
                                                const std::vector<std::string>& kpis,
                                                std::span<const double> endpoints);

}  // namespace mspcore::capi
