#include "capi/boundary.hpp"
#include "capi/kpi_frame.hpp"
#include "capi/sla_policy_handle.hpp"
#include "capi/struct_size.hpp"

#include <mspcore/kpi/kpi_dictionary.hpp>
#include <mspcore/kpi/ticket_kpi.hpp>

#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

using namespace mspcore;
using capi::deref;
using capi::read_sized;
using capi::guarded;
using capi::text;

const KpiColumn& msp_kpi_frame::column(const char* kpi) const {
  const std::string_view id = text(kpi, "kpi");
  for (const KpiColumn& c : columns) {
    if (c.name == id) return c;
  }
  throw Error(ErrorCode::NOT_FOUND, "the frame has no KPI " + quoted(id));
}

namespace {

// Sizes of every released layout of msp_ticket_kpi_columns, the current one last (0.2.0: the first).
constexpr std::size_t kTicketKpiColumnsSizes[] = {sizeof(msp_ticket_kpi_columns)};

template <class T>
std::span<const T> optional(const T* p, std::size_t n) {
  return p == nullptr ? std::span<const T>{} : std::span<const T>{p, n};
}

}  // namespace

namespace mspcore::capi {

std::vector<std::string> names(const char* const* p, std::size_t n, const char* what) {
  std::vector<std::string> out;
  if (n > 0) deref(p, what);
  for (std::size_t i = 0; i < n; ++i) out.emplace_back(text(p[i], what));
  return out;
}

std::optional<std::vector<std::string>> requested_kpis(const char* const* kpis, std::size_t n) {
  if (kpis == nullptr && n == 0) return std::nullopt;
  return names(kpis, n, "kpis");
}

PeriodScheme period_scheme(const char* period, const char* tz, int fiscal_year_start) {
  return PeriodScheme(parse_period_kind(text(period, "period")),
                      TimeZone::locate(tz == nullptr ? std::string_view(kDefaultReportTimeZone) : text(tz, "tz")),
                      fiscal_year_start);
}

TicketKpiInput::TicketKpiInput(const msp_ticket_kpi_columns* tickets) {
  const msp_ticket_kpi_columns c = read_sized(tickets, kTicketKpiColumnsSizes, "tickets", "msp_ticket_kpi_columns");
  const std::size_t n = c.n;
  priority_names = names(c.priority_names, c.n_priority_names, "priority_names");
  category_names = names(c.category_names, c.n_category_names, "category_names");
  columns = TicketKpiColumns{optional(c.created, n),       optional(c.first_response, n), optional(c.resolved, n),
                             optional(c.group, n),         optional(c.reopened, n),       optional(c.priority, n),
                             priority_names,               optional(c.category, n),       category_names,
                             optional(c.first_contact, n), optional(c.csat, n),           optional(c.nps, n),
                             optional(c.work_seconds, n),  optional(c.reactive, n)};
  if (n > 0) {
    deref(c.created, "created");
    deref(c.group, "group");
  }
  const std::pair<const void*, const char*> given[] = {
      {c.first_response, "first_response"}, {c.resolved, "resolved"}, {c.reopened, "reopened"},
      {c.priority, "priority"},             {c.category, "category"}, {c.first_contact, "first_contact"},
      {c.csat, "csat"},                     {c.nps, "nps"},           {c.work_seconds, "work_hours"},
      {c.reactive, "reactive"}};
  for (const auto& [column, name] : given) {
    if (column != nullptr) inputs.emplace_back(name);
  }
}

std::unique_ptr<msp_kpi_frame> ticket_kpi_frame(const TicketKpiGrid& grid, const PeriodScheme& scheme,
                                                const std::vector<std::string>& kpis,
                                                std::span<const double> endpoints) {
  auto frame = std::make_unique<msp_kpi_frame>();
  for (std::int32_t k = 0, id = grid.first_period; k < grid.periods; ++k, id = scheme.next(id)) {
    frame->labels.push_back(scheme.label(id));
  }
  frame->columns = finalize_ticket_kpis(grid, scheme, kpis, endpoints);
  return frame;
}

}  // namespace mspcore::capi

extern "C" {

msp_status msp_ticket_kpi_frame(const msp_ticket_kpi_columns* tickets, int32_t groups, const char* period,
                                const char* tz, int fiscal_year_start, const msp_sla_policy* policy,
                                const char* const* kpis, size_t n_kpis, const double* endpoints, msp_kpi_frame** out,
                                msp_error* err) {
  return guarded(err, [&] {
    deref(out, "out") = nullptr;
    capi::TicketKpiInput input(tickets);
    const PeriodScheme scheme = capi::period_scheme(period, tz, fiscal_year_start);
    const TicketKpiGrid grid =
        accumulate_ticket_kpis(input.columns, groups, scheme, policy ? deref(policy, "policy").policy.get() : nullptr);
    // The inputs given, by the names the dictionary's `requires` uses.
    if (policy != nullptr) input.inputs.emplace_back("policy");
    if (endpoints != nullptr) input.inputs.emplace_back("endpoints");
    const std::vector<std::string> chosen = select_kpis("ticket", capi::requested_kpis(kpis, n_kpis), input.inputs);
    *out = capi::ticket_kpi_frame(grid, scheme, chosen,
                                  optional(endpoints, static_cast<std::size_t>(std::max(groups, 0))))
               .release();
  });
}

void msp_kpi_frame_free(msp_kpi_frame* frame) { delete frame; }

msp_status msp_kpi_frame_periods(const msp_kpi_frame* frame, int32_t* periods, msp_error* err) {
  return guarded(err, [&] { deref(periods, "periods") = static_cast<int32_t>(deref(frame, "frame").labels.size()); });
}

msp_status msp_kpi_frame_period_label(const msp_kpi_frame* frame, int32_t k, char* buf, size_t buf_size,
                                      size_t* required, msp_error* err) {
  return guarded(err, [&] {
    const auto& labels = deref(frame, "frame").labels;
    if (k < 0 || static_cast<std::size_t>(k) >= labels.size()) {
      throw Error(ErrorCode::OUT_OF_RANGE, "period " + std::to_string(k) + " is outside 0.." +
                                               std::to_string(static_cast<std::int64_t>(labels.size()) - 1));
    }
    capi::write_string(labels[static_cast<std::size_t>(k)], buf, buf_size, required);
  });
}

msp_status msp_kpi_frame_values(const msp_kpi_frame* frame, const char* kpi, double* out, size_t n, msp_error* err) {
  return guarded(err, [&] {
    const KpiColumn& c = deref(frame, "frame").column(kpi);
    if (c.name == "top_categories") throw Error(ErrorCode::INVALID_ARGUMENT, quoted(c.name) + " is text, not numbers");
    const std::size_t cells = c.integer ? c.counts.size() : c.values.size();
    if (n != cells) {
      throw Error(ErrorCode::BUFFER_TOO_SMALL, "the frame has " + std::to_string(cells) + " cells, out has room for " +
                                                   std::to_string(n));
    }
    if (cells > 0) deref(out, "out");
    for (std::size_t i = 0; i < cells; ++i) out[i] = c.integer ? static_cast<double>(c.counts[i]) : c.values[i];
  });
}

msp_status msp_kpi_frame_text(const msp_kpi_frame* frame, const char* kpi, size_t cell, char* buf, size_t buf_size,
                              size_t* required, msp_error* err) {
  return guarded(err, [&] {
    const KpiColumn& c = deref(frame, "frame").column(kpi);
    if (c.name != "top_categories") throw Error(ErrorCode::INVALID_ARGUMENT, quoted(c.name) + " is not a text KPI");
    if (cell >= c.text.size()) {
      throw Error(ErrorCode::OUT_OF_RANGE, "cell " + std::to_string(cell) + " is outside the frame's " +
                                               std::to_string(c.text.size()) + " cells");
    }
    capi::write_string(c.text[cell], buf, buf_size, required);
  });
}

msp_status msp_kpi_dictionary_json(char* buf, size_t buf_size, size_t* required, msp_error* err) {
  return guarded(err, [&] { capi::write_string(kpi_dictionary_json(), buf, buf_size, required); });
}

}  // extern "C"
