// Partials -> KPI values: every KPI of the dictionary's "ticket" subject is one formula here.
#include <mspcore/core/error.hpp>
#include <mspcore/kpi/kpi_dictionary.hpp>
#include <mspcore/kpi/ticket_kpi.hpp>

#include "core/parallel.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>

namespace mspcore {
inline namespace v1 {
namespace {

constexpr double kNull = std::numeric_limits<double>::quiet_NaN();

double percent(std::int64_t part, std::int64_t whole) {
  return whole == 0 ? kNull : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

double hours_mean(const DurationPartial& d) {
  return d.count == 0 ? kNull : static_cast<double>(d.sum) / static_cast<double>(d.count) / 3600.0;
}

double hours_quantile(const DurationPartial& d, double q) { return d.sketch.quantile(q) / 3600.0; }

std::string top_categories(const TicketKpiPartial& cell, std::span<const std::string> names) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < cell.categories.size(); ++i) {
    if (cell.categories[i] > 0) order.push_back(i);
  }
  const auto by_count_then_name = [&](std::size_t a, std::size_t b) {
    return cell.categories[a] != cell.categories[b] ? cell.categories[a] > cell.categories[b] : names[a] < names[b];
  };
  const std::size_t top = std::min<std::size_t>(3, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(top), order.end(), by_count_then_name);
  std::string text;
  for (std::size_t k = 0; k < top; ++k) {
    if (k) text += ", ";
    text += names[order[k]] + " (" + std::to_string(cell.categories[order[k]]) + ")";
  }
  return text;
}

/// What a KPI needs of a cell besides the partial itself.
struct CellContext {
  std::int64_t backlog;
  double endpoints;
  int months;
};

using RealKpi = std::function<double(const TicketKpiPartial&, const CellContext&)>;

double per_endpoint(double value, const CellContext& c) {
  return std::isnan(c.endpoints) || c.endpoints <= 0 ? kNull : value / c.endpoints;
}

const std::vector<std::pair<std::string_view, RealKpi>>& real_kpis() {
  using P = const TicketKpiPartial&;
  using C = const CellContext&;
  static const std::vector<std::pair<std::string_view, RealKpi>> table{
      {"reopen_rate_pct", [](P p, C) { return percent(p.reopened, p.closed); }},
      {"first_response_hours_mean", [](P p, C) { return hours_mean(p.first_response); }},
      {"first_response_hours_median", [](P p, C) { return hours_quantile(p.first_response, 0.5); }},
      {"first_response_hours_p90", [](P p, C) { return hours_quantile(p.first_response, 0.9); }},
      {"first_response_business_hours_mean", [](P p, C) { return hours_mean(p.first_response_business); }},
      {"first_response_business_hours_median", [](P p, C) { return hours_quantile(p.first_response_business, 0.5); }},
      {"first_response_business_hours_p90", [](P p, C) { return hours_quantile(p.first_response_business, 0.9); }},
      {"resolution_hours_mean", [](P p, C) { return hours_mean(p.resolution); }},
      {"resolution_hours_median", [](P p, C) { return hours_quantile(p.resolution, 0.5); }},
      {"resolution_hours_p90", [](P p, C) { return hours_quantile(p.resolution, 0.9); }},
      {"resolution_business_hours_mean", [](P p, C) { return hours_mean(p.resolution_business); }},
      {"resolution_business_hours_median", [](P p, C) { return hours_quantile(p.resolution_business, 0.5); }},
      {"resolution_business_hours_p90", [](P p, C) { return hours_quantile(p.resolution_business, 0.9); }},
      {"sla_response_attainment_pct",
       [](P p, C) { return percent(p.sla_response_met, p.sla_response_met + p.sla_response_breached); }},
      {"sla_resolution_attainment_pct",
       [](P p, C) { return percent(p.sla_resolution_met, p.sla_resolution_met + p.sla_resolution_breached); }},
      {"first_contact_resolution_pct", [](P p, C) { return percent(p.first_contact_resolved, p.first_contact_known); }},
      {"csat_positive_pct", [](P p, C) { return percent(p.csat_positive, p.csat_responses); }},
      {"csat_response_rate_pct", [](P p, C) { return percent(p.csat_responses, p.closed); }},
      {"nps", [](P p, C) { return percent(p.nps_promoters - p.nps_detractors, p.nps_responses); }},
      {"tickets_per_endpoint", [](P p, C c) { return per_endpoint(static_cast<double>(p.created), c); }},
      {"rhem",
       [](P p, C c) { return per_endpoint(static_cast<double>(p.reactive_work_seconds) / 3600.0 / c.months, c); }},
  };
  return table;
}

}  // namespace

std::vector<KpiColumn> finalize_ticket_kpis(const TicketKpiGrid& grid, const PeriodScheme& scheme,
                                            std::span<const std::string> kpis, std::span<const double> endpoints) {
  if (!endpoints.empty() && endpoints.size() != static_cast<std::size_t>(grid.groups)) {
    throw Error(ErrorCode::INVALID_ARGUMENT, "endpoints has " + std::to_string(endpoints.size()) + " values for " +
                                                 std::to_string(grid.groups) + " groups");
  }
  const std::size_t cells = grid.cells.size();
  std::vector<CellContext> context(cells);
  for (std::int32_t g = 0; g < grid.groups; ++g) {
    std::int64_t backlog = 0;
    for (std::int32_t k = 0; k < grid.periods; ++k) {
      const TicketKpiPartial& p = grid.at(g, k);
      backlog += p.created - p.closed;
      context[static_cast<std::size_t>(g) * grid.periods + k] =
          CellContext{backlog, endpoints.empty() ? kNull : endpoints[g], scheme.months()};
    }
  }
  std::vector<KpiColumn> out;
  for (const std::string& id : kpis) {
    if (find_kpi(id).subject != "ticket") {
      throw Error(ErrorCode::INVALID_ARGUMENT, quoted(id) + " is an asset KPI, not a ticket KPI");
    }
    KpiColumn column;
    column.name = id;
    if (id == "created" || id == "closed" || id == "backlog") {
      column.integer = true;
      column.counts.resize(cells);
      for (std::size_t i = 0; i < cells; ++i) {
        const TicketKpiPartial& p = grid.cells[i];
        column.counts[i] = id == "created" ? p.created : id == "closed" ? p.closed : context[i].backlog;
      }
    } else if (id == "top_categories") {
      column.text.resize(cells);
      for (std::size_t i = 0; i < cells; ++i) column.text[i] = top_categories(grid.cells[i], grid.category_names);
    } else {
      const auto& table = real_kpis();
      const auto kpi = std::find_if(table.begin(), table.end(), [&](const auto& e) { return e.first == id; });
      if (kpi == table.end()) throw Error(ErrorCode::INTERNAL, "no formula for ticket KPI " + quoted(id));
      column.values.resize(cells);
      // Percentiles read sketches: worth the cores for large grids. A cell has one reader.
      const std::size_t parts = detail::parts_for(cells, 8192);
      detail::run_parts(parts, [&](std::size_t k) {
        for (std::size_t i = cells * k / parts; i < cells * (k + 1) / parts; ++i) {
          column.values[i] = kpi->second(grid.cells[i], context[i]);
        }
      });
    }
    out.push_back(std::move(column));
  }
  return out;
}

}  // namespace v1
}  // namespace mspcore
