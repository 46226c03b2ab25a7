// QBR sections from the service side: KPIs with trends, SLA attainment, security alerts, risk.
#include <mspcore/core/error.hpp>
#include <mspcore/kpi/kpi_dictionary.hpp>
#include <mspcore/kpi/trend.hpp>
#include <mspcore/sla/sla_engine.hpp>
#include <mspcore/sla/sla_policy.hpp>
#include <mspcore/time/instant.hpp>

#include "core/json_util.hpp"
#include "vcio/qbr_sections.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

namespace mspcore {
inline namespace v1 {
namespace qbr {

namespace {

// How many periods a KPI series shows: the report period and the four before it (a year of quarters).
constexpr std::size_t kSeriesPeriods = 5;

// up/down/flat of a change, and whether that is good news given which way is better.
std::pair<json, json> direction_of(double delta, double previous, std::string_view better) {
  if (std::isnan(delta)) return {nullptr, nullptr};
  const bool flat = std::fabs(delta) <= 1e-9 * std::max(1.0, std::fabs(previous));  // rounding noise of the ratios
  const std::string direction = flat ? "flat" : delta > 0 ? "up" : "down";
  if (better == "none") return {direction, "neutral"};
  if (flat) return {direction, "unchanged"};
  return {direction, (delta > 0) == (better == "higher") ? "better" : "worse"};
}

json number_or_null(double v) { return std::isnan(v) ? json(nullptr) : json(v); }

}  // namespace

json kpis_section(const json& doc, const Scope& scope) {
  json_util::reject_unknown_keys(doc, "kpis", {"rows"});
  const json rows = tenant_rows(doc, "rows", "kpis", scope);
  // The periods up to the report's, each once; labels of one scheme sort in time order.
  std::map<std::string, const json*> by_period;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const json& p = member(rows[i], "period");
    const std::string at = "kpis.rows (tenant " + quoted(scope.tenant) + ") [" + std::to_string(i) + "].period";
    const std::string label = json_util::require_string(p, at);
    if (!by_period.emplace(label, &rows[i]).second) {
      throw Error(ErrorCode::INVALID_ARGUMENT, at + ": a second row for period " + quoted(label));
    }
  }
  std::vector<std::string> periods;
  for (const auto& [label, row] : by_period) {
    if (label <= scope.label) periods.push_back(label);
  }
  if (periods.size() > kSeriesPeriods) periods.erase(periods.begin(), periods.end() - kSeriesPeriods);
  const bool has_current = !periods.empty() && periods.back() == scope.label;

  json items = json::array();
  json top_categories = nullptr;
  for (const KpiDefinition& k : kpi_dictionary()) {
    const std::string id(k.id);
    bool present = false;
    for (const auto& [label, row] : by_period) present = present || row->contains(id);
    if (!present) continue;
    if (k.unit == "text") {
      if (has_current) top_categories = member(*by_period[scope.label], id.c_str());
      continue;
    }
    std::vector<double> values;
    for (const std::string& label : periods) {
      const json& v = by_period[label]->contains(id) ? (*by_period[label])[id] : json();
      if (!v.is_null() && !v.is_number()) {
        throw Error(ErrorCode::INVALID_ARGUMENT, "kpis.rows (period " + label + ")." + id + ": expected a number, got " + v.dump());
      }
      values.push_back(v.is_null() ? std::nan("") : v.get<double>());
    }
    const std::size_t n = values.size();
    const double current = has_current ? values[n - 1] : std::nan("");
    const double previous = has_current && n >= 2 ? values[n - 2] : std::nan("");
    const double delta = current - previous;
    const auto [direction, assessment] = direction_of(delta, previous, k.better);
    json unusual = nullptr;
    if (has_current && n >= 2) {
      const KpiTrend t = kpi_trend(values, 1, static_cast<std::int32_t>(n), 4);
      if (t.unusual[n - 1] >= 0) unusual = t.unusual[n - 1] == 1;
    }
    json series = json::array();
    for (double v : values) series.push_back(number_or_null(v));
    items.push_back({{"id", id}, {"title", k.title}, {"unit", k.unit}, {"better", k.better}, {"subject", k.subject},
                     {"values", series}, {"current", number_or_null(current)}, {"previous", number_or_null(previous)},
                     {"delta", number_or_null(delta)}, {"direction", direction}, {"assessment", assessment},
                     {"unusual", unusual}});
  }
  for (const auto& [label, row] : by_period) {
    for (const auto& item : row->items()) {
      if (item.key() == "tenant" || item.key() == "period") continue;
      json_util::in_context("kpis.rows (period " + label + ")", [&] { return &find_kpi(item.key()); });
    }
  }
  return {{"periods", periods}, {"current_period", has_current ? json(scope.label) : json(nullptr)},
          {"items", items}, {"top_categories", top_categories}};
}

json sla_section(const json& doc, const Scope& scope) {
  json_util::reject_unknown_keys(doc, "sla", {"tickets"});
  const json tickets = tenant_rows(doc, "tickets", "sla", scope);
  constexpr std::array<SlaTarget, 3> targets = kSlaTargets;
  std::array<std::vector<SlaStatus>, 3> statuses;
  std::array<std::vector<std::int32_t>, 3> groups;
  std::vector<std::string> priorities;  // in order of appearance, then sorted
  json breaches = json::array();
  for (std::size_t i = 0; i < tickets.size(); ++i) {
    const json& t = tickets[i];
    const std::string at = "sla.tickets (tenant " + quoted(scope.tenant) + ") [" + std::to_string(i) + "]";
    const std::string id = t.contains("id") ? (t["id"].is_string() ? t["id"].get<std::string>() : t["id"].dump()) : "";
    const std::string priority = t.contains("priority") && !t["priority"].is_null()
                                     ? (t["priority"].is_string() ? t["priority"].get<std::string>() : t["priority"].dump())
                                     : "none";
    auto p = std::find(priorities.begin(), priorities.end(), priority);
    if (p == priorities.end()) p = priorities.insert(priorities.end(), priority);
    const auto group = static_cast<std::int32_t>(p - priorities.begin());
    for (std::size_t k = 0; k < targets.size(); ++k) {
      const std::string name(to_string(targets[k]));
      if (!t.contains(name) || t[name].is_null()) continue;
      const std::string where = at + "." + name;
      const SlaStatus s = json_util::in_context(where, [&] { return parse_sla_status(json_util::require_string(t[name], where)); });
      statuses[k].push_back(s);
      groups[k].push_back(group);
      if (s == SlaStatus::Breached) breaches.push_back({{"id", id}, {"priority", priority}, {"target", name}});
    }
  }
  auto attainment_json = [](const SlaAttainment& a) {
    return json{{"met", a.met}, {"breached", a.breached}, {"evaluated", a.evaluated}, {"open", a.open},
                {"excluded", a.excluded}, {"attainment_pct", a.attainment_pct ? json(*a.attainment_pct) : json(nullptr)}};
  };
  json overall = json::array(), by_priority = json::array();
  for (std::size_t k = 0; k < targets.size(); ++k) {
    if (statuses[k].empty()) continue;
    json o = attainment_json(sla_attainment(statuses[k]));
    o["target"] = to_string(targets[k]);
    overall.push_back(o);
    const auto grouped = sla_attainment_grouped(statuses[k], groups[k], priorities.size());
    for (std::size_t g = 0; g < priorities.size(); ++g) {
      if (grouped[g].evaluated + grouped[g].open + grouped[g].excluded == 0) continue;
      json row = attainment_json(grouped[g]);
      row["target"] = to_string(targets[k]);
      row["priority"] = priorities[g];
      by_priority.push_back(row);
    }
  }
  std::stable_sort(by_priority.begin(), by_priority.end(), [](const json& a, const json& b) {
    return a["priority"].get<std::string>() < b["priority"].get<std::string>();
  });
  return {{"tickets", tickets.size()}, {"targets", overall}, {"by_priority", by_priority}, {"breaches", breaches}};
}

json security_section(const json& doc, const Scope& scope) {
  json_util::reject_unknown_keys(doc, "security", {"alerts"});
  const json alerts = tenant_rows(doc, "alerts", "security", scope);
  const std::int64_t from = std::chrono::sys_seconds{scope.start}.time_since_epoch().count();
  const std::int64_t until = std::chrono::sys_seconds{scope.end + std::chrono::days{1}}.time_since_epoch().count();
  std::map<std::string, std::int64_t> by_severity, by_status;
  json in_period = json::array();
  for (std::size_t i = 0; i < alerts.size(); ++i) {
    const json& a = alerts[i];
    const std::string at = "security.alerts (tenant " + quoted(scope.tenant) + ") [" + std::to_string(i) + "]";
    const json& seen = a.contains("first_seen") ? a["first_seen"] : json();
    if (seen.is_string()) {
      const std::int64_t t = json_util::in_context(at + ".first_seen", [&] { return unix_seconds(parse_instant(seen.get<std::string>())); });
      if (t < from || t >= until) continue;  // another period's alert
    }
    const json& severity = value_of(a, "severity");
    const json& status = value_of(a, "status");
    const std::string sev = severity.is_string() ? severity.get<std::string>() : "unknown";
    ++by_severity[sev];
    ++by_status[status.is_string() ? status.get<std::string>() : "unknown"];
    const json& given = member(a, "priority");
    const json& priority = given.is_object() ? member(given, "priority") : given;  // prioritize_alert's result or its number
    in_period.push_back({{"id", value_of(a, "source_id")}, {"source", value_of(a, "source")}, {"title", value_of(a, "title")},
                         {"severity", sev}, {"status", status}, {"asset", value_of(a, "asset")},
                         {"priority", priority.is_number_integer() ? priority : json(nullptr)}, {"first_seen", seen}});
  }
  // Most urgent first: priority 1 before 5 (none last), then newest.
  std::stable_sort(in_period.begin(), in_period.end(), [](const json& a, const json& b) {
    const int pa = a["priority"].is_null() ? 99 : a["priority"].get<int>(), pb = b["priority"].is_null() ? 99 : b["priority"].get<int>();
    if (pa != pb) return pa < pb;
    return a["first_seen"].dump() > b["first_seen"].dump();
  });
  return {{"alerts", in_period.size()}, {"by_severity", by_severity}, {"by_status", by_status}, {"items", in_period}};
}

json risk_section(const json& doc, const Scope& scope) {
  if (doc.contains("tenant") && value_of(doc, "tenant") != json(scope.tenant)) {
    throw Error(ErrorCode::INVALID_ARGUMENT, "risk: the score of tenant " + doc["tenant"].dump() + ", not of " + quoted(scope.tenant));
  }
  for (const char* key : {"score", "grade", "coverage", "contributions"}) {
    if (!doc.contains(key)) throw Error(ErrorCode::INVALID_ARGUMENT, std::string("risk: ") + key + " is missing (expected a risk_score result)");
  }
  const json& contributions = doc["contributions"];
  if (!contributions.is_object()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, "risk.contributions: expected an object of factors, got " + contributions.dump());
  }
  json ranked = json::array();
  for (const auto& item : contributions.items()) {
    const json& points = member(item.value(), "points");
    if (!points.is_number()) {
      throw Error(ErrorCode::INVALID_ARGUMENT, "risk.contributions." + item.key() + ".points: expected a number, got " +
                                                   (points.is_null() ? std::string("nothing") : points.dump()));
    }
    json c = item.value();
    c["factor"] = item.key();
    ranked.push_back(c);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const json& a, const json& b) {
    return a["points"].get<double>() > b["points"].get<double>();
  });
  json out = doc;
  out.erase("tenant");
  out["ranked"] = ranked;
  return out;
}

}  // namespace qbr
}  // namespace v1
}  // namespace mspcore
