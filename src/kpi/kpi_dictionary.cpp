#include <mspcore/core/error.hpp>
#include <mspcore/kpi/kpi_dictionary.hpp>

#include <algorithm>
#include <array>

#include "core/json_util.hpp"

namespace mspcore {
inline namespace v1 {
namespace {

constexpr std::string_view kNoPause = "not applicable";
constexpr std::string_view kWallClock = "counted: the customer waits through pauses";
constexpr std::string_view kAvailabilityClock =
    "counted on the calendar given to availability (24x7 when none); outages of a device merged, clipped to the period";
constexpr std::string_view kBusinessClock = "counted on the priority's SLA calendar; pauses are not subtracted";

// clang-format off
constexpr std::array kDictionary{
  KpiDefinition{"created", "ticket", "Tickets created", "count", "tickets with created in the period", "none", kNoPause, "created-in", "count", "", "none"},
  KpiDefinition{"closed", "ticket", "Tickets closed", "count", "tickets with resolved in the period", "none", kNoPause, "closed-in", "count", "resolved", "none"},
  KpiDefinition{"backlog", "ticket", "Backlog at period end", "count", "tickets created before the period end and not resolved before it", "none", kNoPause, "at period end", "count", "resolved", "lower"},
  KpiDefinition{"reopen_rate_pct", "ticket", "Reopen rate", "percent", "100 * reopened / closed, over tickets closed in the period", "none", kNoPause, "closed-in", "ratio", "resolved,reopened", "lower"},
  KpiDefinition{"first_response_hours_mean", "ticket", "First response time, mean", "hours", "mean of (first_response - created) / 3600", "24x7", kWallClock, "created-in", "mean", "first_response", "lower"},
  KpiDefinition{"first_response_hours_median", "ticket", "First response time, median", "hours", "median of (first_response - created) / 3600", "24x7", kWallClock, "created-in", "median", "first_response", "lower"},
  KpiDefinition{"first_response_hours_p90", "ticket", "First response time, 90th percentile", "hours", "90th percentile (linear) of (first_response - created) / 3600", "24x7", kWallClock, "created-in", "p90", "first_response", "lower"},
  KpiDefinition{"first_response_business_hours_mean", "ticket", "First response time in business hours, mean", "hours", "mean of business seconds created -> first_response / 3600", "business", kBusinessClock, "created-in", "mean", "first_response,priority,policy", "lower"},
  KpiDefinition{"first_response_business_hours_median", "ticket", "First response time in business hours, median", "hours", "median of business seconds created -> first_response / 3600", "business", kBusinessClock, "created-in", "median", "first_response,priority,policy", "lower"},
  KpiDefinition{"first_response_business_hours_p90", "ticket", "First response time in business hours, 90th percentile", "hours", "90th percentile of business seconds created -> first_response / 3600", "business", kBusinessClock, "created-in", "p90", "first_response,priority,policy", "lower"},
  KpiDefinition{"resolution_hours_mean", "ticket", "Resolution time, mean", "hours", "mean of (resolved - created) / 3600", "24x7", kWallClock, "closed-in", "mean", "resolved", "lower"},
  KpiDefinition{"resolution_hours_median", "ticket", "Resolution time, median", "hours", "median of (resolved - created) / 3600", "24x7", kWallClock, "closed-in", "median", "resolved", "lower"},
  KpiDefinition{"resolution_hours_p90", "ticket", "Resolution time, 90th percentile", "hours", "90th percentile (linear) of (resolved - created) / 3600", "24x7", kWallClock, "closed-in", "p90", "resolved", "lower"},
  KpiDefinition{"resolution_business_hours_mean", "ticket", "Resolution time in business hours, mean", "hours", "mean of business seconds created -> resolved / 3600", "business", kBusinessClock, "closed-in", "mean", "resolved,priority,policy", "lower"},
  KpiDefinition{"resolution_business_hours_median", "ticket", "Resolution time in business hours, median", "hours", "median of business seconds created -> resolved / 3600", "business", kBusinessClock, "closed-in", "median", "resolved,priority,policy", "lower"},
  KpiDefinition{"resolution_business_hours_p90", "ticket", "Resolution time in business hours, 90th percentile", "hours", "90th percentile of business seconds created -> resolved / 3600", "business", kBusinessClock, "closed-in", "p90", "resolved,priority,policy", "lower"},
  KpiDefinition{"sla_response_attainment_pct", "ticket", "SLA attainment, response", "percent", "100 * met / (met + breached) of the response target, tickets with a first response", "business", "the SLA policy's pause rules (docs/sla.md)", "created-in", "ratio", "first_response,priority,policy", "higher"},
  KpiDefinition{"sla_resolution_attainment_pct", "ticket", "SLA attainment, resolution", "percent", "100 * met / (met + breached) of the resolution target, resolved tickets", "business", "the SLA policy's pause rules (docs/sla.md)", "closed-in", "ratio", "resolved,priority,policy", "higher"},
  KpiDefinition{"first_contact_resolution_pct", "ticket", "First-contact resolution (gross)", "percent", "100 * resolved at first contact / closed tickets whose first-contact flag is known", "none", kNoPause, "closed-in", "ratio", "resolved,first_contact", "higher"},
  KpiDefinition{"csat_positive_pct", "ticket", "CSAT, positive share", "percent", "100 * positive responses / responses", "none", kNoPause, "closed-in", "ratio", "resolved,csat", "higher"},
  KpiDefinition{"csat_response_rate_pct", "ticket", "CSAT response rate", "percent", "100 * responses / closed tickets", "none", kNoPause, "closed-in", "ratio", "resolved,csat", "higher"},
  KpiDefinition{"nps", "ticket", "Net Promoter Score", "score", "100 * (promoters 9-10 - detractors 0-6) / responses, -100..100", "none", kNoPause, "closed-in", "ratio", "resolved,nps", "higher"},
  KpiDefinition{"tickets_per_endpoint", "ticket", "Tickets per endpoint", "ratio", "created / endpoints under management of the group", "none", kNoPause, "created-in", "ratio", "endpoints", "lower"},
  KpiDefinition{"rhem", "ticket", "Reactive hours per endpoint per month", "hours", "reactive work hours of closed tickets / endpoints / months in the period", "none", kNoPause, "closed-in", "ratio", "resolved,work_hours,endpoints", "lower"},
  KpiDefinition{"top_categories", "ticket", "Top categories", "text", "the three categories with most tickets created, 'name (count)', ties by name", "none", kNoPause, "created-in", "top 3", "category", "none"},
  KpiDefinition{"assets", "asset", "Assets", "count", "assets in the inventory as of the date", "none", kNoPause, "as of", "count", "", "none"},
  KpiDefinition{"managed_pct", "asset", "Devices under management", "percent", "100 * managed / assets", "none", kNoPause, "as of", "ratio", "managed", "higher"},
  KpiDefinition{"age_years_median", "asset", "Age, median", "years", "median of (as_of - purchased) in days / 365.25", "none", kNoPause, "as of", "median", "purchased", "lower"},
  KpiDefinition{"age_under_1y_pct", "asset", "Age under 1 year", "percent", "100 * assets aged < 1 year / assets with a purchase date", "none", kNoPause, "as of", "ratio", "purchased", "none"},
  KpiDefinition{"age_1_3y_pct", "asset", "Age 1 to 3 years", "percent", "100 * assets aged >= 1 and < 3 years / assets with a purchase date", "none", kNoPause, "as of", "ratio", "purchased", "none"},
  KpiDefinition{"age_3_5y_pct", "asset", "Age 3 to 5 years", "percent", "100 * assets aged >= 3 and < 5 years / assets with a purchase date", "none", kNoPause, "as of", "ratio", "purchased", "none"},
  KpiDefinition{"age_over_5y_pct", "asset", "Age 5 years and more", "percent", "100 * assets aged >= 5 years / assets with a purchase date", "none", kNoPause, "as of", "ratio", "purchased", "lower"},
  KpiDefinition{"warranty_covered_pct", "asset", "Warranty coverage", "percent", "100 * warranty end after as_of / assets with a warranty end", "none", kNoPause, "as of", "ratio", "warranty_end", "higher"},
  KpiDefinition{"warranty_expired_pct", "asset", "Warranty expired", "percent", "100 * warranty end on or before as_of / assets with a warranty end", "none", kNoPause, "as of", "ratio", "warranty_end", "lower"},
  KpiDefinition{"warranty_expiring_90d_pct", "asset", "Warranty expiring within 90 days", "percent", "100 * warranty end in (as_of, as_of + 90 days] / assets with a warranty end", "none", kNoPause, "as of", "ratio", "warranty_end", "lower"},
  KpiDefinition{"os_past_eol", "asset", "OS past end of life", "count", "assets whose OS end-of-life date is on or before as_of", "none", kNoPause, "as of", "count", "os_eol", "lower"},
  KpiDefinition{"os_past_eol_pct", "asset", "OS past end of life, share", "percent", "100 * os_past_eol / assets with an OS end-of-life date", "none", kNoPause, "as of", "ratio", "os_eol", "lower"},
  // Device KPIs (RMM): the per-client roll-ups of backup_compliance, patch_compliance and availability; no frame
  // function computes them, the QBR model and reports read them from those results.
  KpiDefinition{"backup_compliance_pct", "device", "Backup compliance", "percent", "100 * compliant / in-scope devices: the per-client roll-up of mspcore.backup_compliance (docs/rmm-backup-compliance.md)", "24x7", kNoPause, "as of", "ratio", "backup_results,devices", "higher"},
  KpiDefinition{"patch_compliance_pct", "device", "Patch compliance", "percent", "100 * fully patched / in-scope devices: the per-client roll-up of mspcore.patch_compliance, declined and superseded patches excluded by policy (docs/rmm-patch-compliance.md)", "none", kNoPause, "as of", "ratio", "patches,devices", "higher"},
  KpiDefinition{"time_to_patch_days_median", "device", "Time to patch, median", "days", "median days from release to install: the per-client roll-up of mspcore.patch_compliance (docs/rmm-patch-compliance.md)", "24x7", kNoPause, "as of", "median", "patches", "lower"},
  KpiDefinition{"availability_pct", "device", "Availability", "percent", "100 * (scheduled - down) / scheduled, summed over the client's devices, rounded down to 4 digits: the per-client roll-up of mspcore.availability (docs/rmm-availability.md)", "business", kAvailabilityClock, "in the period", "ratio", "events", "higher"},
  KpiDefinition{"mtbf_hours", "device", "Mean time between failures", "hours", "(scheduled - down) / failures / 3600, summed over the client's devices; none without a failure: the per-client roll-up of mspcore.availability", "business", kAvailabilityClock, "in the period", "ratio", "events", "higher"},
  KpiDefinition{"mtrs_hours", "device", "Mean time to restore service", "hours", "down / failures / 3600, summed over the client's devices; none without a failure: the per-client roll-up of mspcore.availability", "business", kAvailabilityClock, "in the period", "ratio", "events", "lower"},
};
// clang-format on

}  // namespace

std::span<const KpiDefinition> kpi_dictionary() noexcept { return kDictionary; }

std::string kpi_dictionary_json() {
  nlohmann::json out = nlohmann::json::array();
  for (const KpiDefinition& k : kDictionary) {
    out.push_back({{"id", k.id}, {"subject", k.subject}, {"title", k.title}, {"unit", k.unit},
                   {"formula", k.formula}, {"clock", k.clock}, {"pause_policy", k.pause_policy},
                   {"inclusion", k.inclusion}, {"aggregation", k.aggregation}, {"requires", k.requires_}, {"better", k.better}});
  }
  return out.dump();
}

const KpiDefinition& find_kpi(std::string_view id) {
  for (const KpiDefinition& k : kDictionary) {
    if (k.id == id) return k;
  }
  throw Error(ErrorCode::NOT_FOUND, "unknown KPI " + quoted(id) + " (see kpi_dictionary())");
}

std::vector<std::string> kpi_inputs(std::string_view subject) {
  std::vector<std::string> out;
  for (const KpiDefinition& k : kDictionary) {
    if (k.subject != subject) continue;
    std::string_view rest = k.requires_;
    while (!rest.empty()) {
      const std::size_t comma = rest.find(',');
      const std::string need(rest.substr(0, comma));
      if (std::find(out.begin(), out.end(), need) == out.end()) out.push_back(need);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
  }
  return out;
}

std::vector<std::string> select_kpis(std::string_view subject, const std::optional<std::vector<std::string>>& requested,
                                     std::span<const std::string> available) {
  // The inputs a KPI needs that are not available, comma separated in its dictionary entry.
  auto missing = [&](const KpiDefinition& k) {
    std::vector<std::string_view> out;
    std::string_view rest = k.requires_;
    while (!rest.empty()) {
      const std::size_t comma = rest.find(',');
      const std::string_view need = rest.substr(0, comma);
      if (std::find(available.begin(), available.end(), need) == available.end()) out.push_back(need);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    return out;
  };
  std::vector<std::string> chosen;
  if (!requested) {
    for (const KpiDefinition& k : kDictionary) {
      if (k.subject == subject && missing(k).empty()) chosen.emplace_back(k.id);
    }
    return chosen;
  }
  for (const std::string& id : *requested) {
    const KpiDefinition* entry = nullptr;
    for (const KpiDefinition& k : kDictionary) {
      if (k.subject == subject && k.id == id) entry = &k;
    }
    if (entry == nullptr) {
      throw Error(ErrorCode::NOT_FOUND, "unknown " + std::string(subject) + " KPI " + quoted(id) + " (see kpi_dictionary())");
    }
    const auto needs = missing(*entry);
    if (!needs.empty()) {
      std::string list;
      for (std::string_view n : needs) list += (list.empty() ? "" : ", ") + std::string(n);
      throw Error(ErrorCode::INVALID_ARGUMENT, "KPI " + quoted(id) + " needs " + list);
    }
    chosen.push_back(id);
  }
  return chosen;
}

}  // namespace v1
}  // namespace mspcore
