// Ticket KPI partials through the C ABI: compute, merge, and a frame from partials
// (docs/kpi.md, "Partials"). The byte forms are those of TicketKpiPartial::serialize.
#include "capi/boundary.hpp"
#include "capi/kpi_frame.hpp"
#include "capi/sla_policy_handle.hpp"

#include <mspcore/kpi/kpi_dictionary.hpp>
#include <mspcore/kpi/ticket_kpi.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

using namespace mspcore;
using capi::deref;
using capi::guarded;

struct msp_kpi_partials {
  TicketKpiPartialRows rows;
  const TicketKpiPartialRows& at(std::size_t i) const {
    if (i >= rows.partials.size()) {
      throw Error(ErrorCode::OUT_OF_RANGE, "row " + std::to_string(i) + " is outside the " +
                                               std::to_string(rows.partials.size()) + " rows of the partials");
    }
    return rows;
  }
};

namespace {

/// The caller's `n` byte strings as views (nothing copied); a NULL one is named with its row.
std::vector<std::string_view> byte_views(const unsigned char* const* partials, const size_t* sizes, std::size_t n) {
  std::vector<std::string_view> out;
  if (n == 0) return out;
  deref(partials, "partials");
  deref(sizes, "sizes");
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (partials[i] == nullptr) {
      throw Error(ErrorCode::INVALID_ARGUMENT, "partials[" + std::to_string(i) + "] must not be NULL",
                  static_cast<std::int64_t>(i));
    }
    out.emplace_back(reinterpret_cast<const char*>(partials[i]), sizes[i]);
  }
  return out;
}

template <class T>
std::span<const T> column(const T* p, std::size_t n, const char* what) {
  if (n > 0) deref(p, what);
  return {p, n};
}

}  // namespace

extern "C" {

msp_status msp_ticket_kpi_partials(const msp_ticket_kpi_columns* tickets, int32_t groups, const char* period,
                                   const char* tz, int fiscal_year_start, const msp_sla_policy* policy,
                                   msp_kpi_partials** out, msp_error* err) {
  return guarded(err, [&] {
    deref(out, "out") = nullptr;
    const capi::TicketKpiInput input(tickets);
    const PeriodScheme scheme = capi::period_scheme(period, tz, fiscal_year_start);
    const TicketKpiGrid grid =
        accumulate_ticket_kpis(input.columns, groups, scheme, policy ? deref(policy, "policy").policy.get() : nullptr);
    auto partials = std::make_unique<msp_kpi_partials>();
    partials->rows = ticket_kpi_partial_rows(grid, scheme);
    *out = partials.release();
  });
}

void msp_kpi_partials_free(msp_kpi_partials* partials) { delete partials; }

msp_status msp_kpi_partials_count(const msp_kpi_partials* partials, size_t* n, msp_error* err) {
  return guarded(err, [&] { deref(n, "n") = deref(partials, "partials").rows.partials.size(); });
}

msp_status msp_kpi_partials_row(const msp_kpi_partials* partials, size_t i, int32_t* group, int32_t* period_id,
                                msp_error* err) {
  return guarded(err, [&] {
    const TicketKpiPartialRows& rows = deref(partials, "partials").at(i);
    deref(group, "group") = rows.group[i];
    deref(period_id, "period_id") = rows.period[i];
  });
}

msp_status msp_kpi_partials_bytes(const msp_kpi_partials* partials, size_t i, unsigned char* buf, size_t buf_size,
                                  size_t* required, msp_error* err) {
  return guarded(err, [&] {
    capi::write_bytes(deref(partials, "partials").at(i).partials[i], buf, buf_size, required);
  });
}

msp_status msp_ticket_kpi_merge_partials(const unsigned char* const* partials, const size_t* sizes, size_t n,
                                         unsigned char* buf, size_t buf_size, size_t* required, msp_error* err) {
  return guarded(err, [&] {
    const std::vector<std::string_view> bytes = byte_views(partials, sizes, n);
    const std::string merged = merge_ticket_kpi_partials(bytes);
    capi::write_bytes(merged, buf, buf_size, required);
  });
}

msp_status msp_ticket_kpi_frame_from_partials(const int32_t* group, const int32_t* period_id,
                                              const unsigned char* const* partials, const size_t* sizes, size_t n,
                                              int32_t groups, const char* period, const char* tz,
                                              int fiscal_year_start, const char* const* kpis, size_t n_kpis,
                                              const double* endpoints, msp_kpi_frame** out, msp_error* err) {
  return guarded(err, [&] {
    deref(out, "out") = nullptr;
    const PeriodScheme scheme = capi::period_scheme(period, tz, fiscal_year_start);
    const std::vector<std::string_view> bytes = byte_views(partials, sizes, n);
    const TicketKpiGrid grid =
        grid_from_partials(column(group, n, "group"), column(period_id, n, "period_id"), bytes, groups, scheme);
    // A partial carries every counter, so every ticket input is there but the endpoints.
    std::vector<std::string> inputs = kpi_inputs("ticket");
    if (endpoints == nullptr) std::erase(inputs, "endpoints");
    const std::vector<std::string> chosen = select_kpis("ticket", capi::requested_kpis(kpis, n_kpis), inputs);
    const std::span<const double> e =
        endpoints == nullptr ? std::span<const double>{}
                             : std::span<const double>{endpoints, static_cast<std::size_t>(std::max(groups, 0))};
    *out = capi::ticket_kpi_frame(grid, scheme, chosen, e).release();
  });
}

}  // extern "C"
