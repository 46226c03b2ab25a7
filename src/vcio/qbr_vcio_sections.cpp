// QBR sections from the commercial and planning side: true-up, lifecycle, roadmap, budget,
// standards alignment. Money stays decimal text; every total is an exact sum of the rows shown.
#include <mspcore/core/error.hpp>
#include <mspcore/money/decimal.hpp>

#include "core/json_util.hpp"
#include "vcio/qbr_sections.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace mspcore {
inline namespace v1 {
namespace qbr {

namespace {

std::string text_of(const json& row, const char* key) {
  const json& v = row.contains(key) ? row[key] : json();
  return v.is_string() ? v.get<std::string>() : v.is_null() ? "" : v.dump();
}

// Rows grouped by the text of `key` (and their currency when they carry money): count and the
// exact sums of `amounts`, as a list ordered by the key.
json totals_by(const json& rows, const char* key, std::initializer_list<const char*> amounts, const std::string& where) {
  std::map<std::pair<std::string, std::string>, json> groups;
  for (const json& row : rows) {
    json& g = groups[{text_of(row, key), text_of(row, "currency")}];
    if (g.is_null()) g = json::array();
    g.push_back(row);
  }
  json out = json::array();
  for (const auto& [k, members] : groups) {
    json o{{key, k.first}, {"count", members.size()}};
    if (amounts.size() != 0) o["currency"] = k.second.empty() ? json(nullptr) : json(k.second);
    for (const char* amount : amounts) o[amount] = decimal_sum(members, amount, where + " (" + key + " " + k.first + ")");
    out.push_back(o);
  }
  return out;
}

// Counts of each status value, every known status present (0 when none).
json status_counts(const json& rows, const char* key) {
  json out{{"supported", 0}, {"due_soon", 0}, {"overdue", 0}, {"unknown", 0}};
  for (const json& row : rows) {
    const std::string s = text_of(row, key);
    if (!s.empty()) out[s] = out.value(s, 0) + 1;
  }
  return out;
}

int urgency(const std::string& status) { return status == "overdue" ? 0 : status == "due_soon" ? 1 : status == "unknown" ? 2 : 3; }

}  // namespace

json trueup_section(const json& doc, const Scope& scope) {
  json_util::reject_unknown_keys(doc, "trueup", {"as_of", "deviations", "proposals", "held", "unmapped"});
  const json deviations = tenant_rows(doc, "deviations", "trueup", scope);
  const json proposals = tenant_rows(doc, "proposals", "trueup", scope);
  return {{"as_of", doc.value("as_of", json())},
          {"deviations", deviations},
          {"proposals", proposals},
          {"held", tenant_rows(doc, "held", "trueup", scope)},
          {"unmapped", tenant_rows(doc, "unmapped", "trueup", scope)},
          {"by_kind", totals_by(deviations, "kind", {"monthly_value", "annual_value"}, "trueup.deviations")},
          {"by_action", totals_by(proposals, "action", {"amount"}, "trueup.proposals")}};
}

json lifecycle_section(const json& doc, const Scope& scope) {
  json_util::reject_unknown_keys(doc, "lifecycle", {"as_of", "os_table_version", "assets", "licences"});
  json assets = tenant_rows(doc, "assets", "lifecycle", scope);
  const json licences = tenant_rows(doc, "licences", "lifecycle", scope);
  json by_type = json::object();
  for (const json& a : assets) {
    json& t = by_type[text_of(a, "type")];
    if (t.is_null()) t = status_counts(json::array(), "status");
    t[text_of(a, "status")] = t.value(text_of(a, "status"), 0) + 1;
  }
  // What needs attention: overdue, then due soon, then unknown; the nearest date first.
  json attention = json::array();
  for (const json& a : assets) {
    if (urgency(text_of(a, "status")) < 3) attention.push_back(a);
  }
  std::stable_sort(attention.begin(), attention.end(), [](const json& a, const json& b) {
    const auto key = [](const json& r) {
      const json& d = r.contains("days_left") ? r["days_left"] : json();
      return std::make_tuple(urgency(text_of(r, "status")), d.is_number() ? d.get<std::int64_t>() : INT64_MAX);
    };
    return key(a) < key(b);
  });
  return {{"as_of", doc.value("as_of", json())},
          {"os_table_version", doc.value("os_table_version", json())},
          {"assets", assets.size()},
          {"licences", licences.size()},
          {"by_status", status_counts(assets, "status")},
          {"warranty_by_status", status_counts(assets, "warranty_status")},
          {"os_by_status", status_counts(assets, "os_status")},
          {"licence_by_status", status_counts(licences, "status")},
          {"by_type", by_type},
          {"attention", attention},
          {"licence_items", licences}};
}

json roadmap_section(const json& budget, const Scope& scope) {
  json initiatives = tenant_rows(budget, "initiatives", "budget", scope);
  const json lines = tenant_rows(budget, "lines", "budget", scope);
  for (json& x : initiatives) {
    json own = json::array();
    for (const json& l : lines) {
      if (member(l, "initiative") == member(x, "id")) own.push_back(l);
    }
    x["budget_total"] = decimal_sum(own, "amount", "budget.lines (initiative " + text_of(x, "id") + ")");
  }
  for (json& x : initiatives) x["priority"] = whole_or(x, "priority", 3, "budget.initiatives (" + text_of(x, "id") + ")");
  std::stable_sort(initiatives.begin(), initiatives.end(), [](const json& a, const json& b) {
    return std::make_tuple(text_of(a, "quarter"), a["priority"].get<std::int64_t>()) <
           std::make_tuple(text_of(b, "quarter"), b["priority"].get<std::int64_t>());
  });
  // Lifecycle replacements come by the dozen: per quarter, how many and what they cost, so a
  // review can show one line per quarter instead of one per device.
  std::map<std::string, json> by_quarter;
  for (const json& x : initiatives) {
    if (text_of(x, "source") != "lifecycle") continue;
    json& g = by_quarter[text_of(x, "quarter")];
    if (g.is_null()) g = json::array();
    g.push_back(x);
  }
  json replacements = json::array();
  for (const auto& [quarter, members] : by_quarter) {
    std::int64_t priority = 5;
    for (const json& x : members) priority = std::min(priority, x["priority"].get<std::int64_t>());
    replacements.push_back({{"quarter", quarter}, {"count", members.size()}, {"priority", priority},
                            {"budget_total", decimal_sum(members, "budget_total", "roadmap.replacements (" + quarter + ")")}});
  }
  return {{"initiatives", initiatives}, {"replacements", replacements},
          {"findings", tenant_rows(budget, "findings", "budget", scope)}};
}

json budget_section(const json& budget, const Scope& scope) {
  for (const char* key : {"currency", "fiscal_years", "quarters", "lines"}) {
    if (!budget.contains(key)) throw Error(ErrorCode::INVALID_ARGUMENT, std::string("budget: ") + key + " is missing (expected a budget result)");
  }
  return {{"currency", budget["currency"]},
          {"first_fiscal_year", budget.value("first_fiscal_year", json())},
          {"fiscal_year_start", budget.value("fiscal_year_start", json())},
          {"years", budget.value("years", json())},
          {"price_increase", budget.value("price_increase", json())},
          {"fiscal_years", tenant_rows(budget, "fiscal_years", "budget", scope)},
          {"quarters", tenant_rows(budget, "quarters", "budget", scope)},
          {"lines", tenant_rows(budget, "lines", "budget", scope)}};
}

json alignment_section(const json& doc, const Scope& scope) {
  const json tenants = tenant_rows(doc, "tenants", "alignment", scope);
  if (tenants.empty()) return nullptr;  // no answers of this tenant
  json out = tenants[0];
  out["standard"] = doc.value("standard", json());
  return out;
}

}  // namespace qbr
}  // namespace v1
}  // namespace mspcore
