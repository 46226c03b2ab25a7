// The QBR report model: the request, the report period, the shared row helpers and the final
// tenant check. The sections themselves are built in qbr_sections.cpp and qbr_vcio_sections.cpp.
#include <mspcore/core/error.hpp>
#include <mspcore/money/decimal.hpp>
#include <mspcore/time/instant.hpp>
#include <mspcore/vcio/qbr_model.hpp>
#include <mspcore/vcio/roadmap.hpp>

#include "core/json_util.hpp"
#include "vcio/qbr_sections.hpp"

#include <array>
#include <charconv>

namespace mspcore {
inline namespace v1 {
namespace qbr {

using namespace std::chrono;

const json& member(const json& object, const char* key) {
  static const json kNull;
  if (!object.is_object()) return kNull;
  const auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

const json& value_of(const json& record, const char* key) {
  const json& v = member(record, key);
  return v.is_object() && v.contains("value") ? member(v, "value") : v;
}

std::int64_t whole_or(const json& object, const char* key, std::int64_t fallback, const std::string& where) {
  const json& v = member(object, key);
  if (v.is_null()) return fallback;
  if (!v.is_number_integer()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, where + "." + key + ": expected a whole number, got " + v.dump());
  }
  return v.get<std::int64_t>();
}

json tenant_rows(const json& doc, const char* key, const std::string& where, const Scope& scope) {
  json out = json::array();
  for (const auto& [i, row] : json_util::list(doc, key, where)) {
    const json& tenant = value_of(row, "tenant");
    if (!tenant.is_string()) {
      throw Error(ErrorCode::INVALID_ARGUMENT, where + "." + key + "[" + std::to_string(i) +
                                                   "]: expected a tenant, got " + (tenant.is_null() ? "nothing" : tenant.dump()));
    }
    if (tenant.get<std::string>() == scope.tenant) out.push_back(row);
  }
  return out;
}

std::string decimal_sum(const json& rows, const char* key, const std::string& where) {
  Decimal sum;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const json& v = member(rows[i], key);
    if (v.is_null()) continue;
    const std::string at = where + "[" + std::to_string(i) + "]." + key;
    sum += json_util::in_context(at, [&] { return Decimal::parse(json_util::require_string(v, at)); });
  }
  return sum.to_string();
}

namespace {

// A free-text block (client, msp): strings only, so nothing else slips into the report.
json text_block(const json& doc, const char* key) {
  if (!doc.contains(key) || doc[key].is_null()) return json::object();
  const json& block = doc[key];
  if (!block.is_object()) throw Error(ErrorCode::INVALID_ARGUMENT, std::string(key) + ": expected an object, got " + block.dump());
  for (const auto& item : block.items()) json_util::require_string(item.value(), std::string(key) + "." + item.key());
  return block;
}

// The last line of defence: any "tenant" member anywhere that names another tenant (the
// sections filter their rows; this catches what a section passes through as it is).
void check_single_tenant(const json& node, const std::string& tenant, const std::string& path) {
  if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i) check_single_tenant(node[i], tenant, path + "[" + std::to_string(i) + "]");
  } else if (node.is_object()) {
    for (const auto& item : node.items()) {
      const std::string at = path + "." + item.key();
      if (item.key() == "tenant") {
        const json& v = item.value().is_object() && item.value().contains("value") ? member(item.value(), "value") : item.value();
        if (v.is_string() && v.get<std::string>() != tenant) {
          throw Error(ErrorCode::INVALID_ARGUMENT, at + " is " + quoted(v.get<std::string>()) + " in the report of " + quoted(tenant));
        }
      }
      check_single_tenant(item.value(), tenant, at);
    }
  }
}

}  // namespace
}  // namespace qbr

QbrPeriod parse_qbr_period(std::string_view text) {
  using namespace std::chrono;
  QbrPeriod p{std::string(text), false, {}, {}};
  if (text.size() == 7 && text[4] == '-' && text[5] != 'Q') {
    int year = 0, month = 0;
    const bool ok = std::from_chars(text.data(), text.data() + 4, year).ec == std::errc{} &&
                    std::from_chars(text.data() + 5, text.data() + 7, month).ec == std::errc{} && month >= 1 && month <= 12;
    if (!ok) throw Error(ErrorCode::INVALID_ARGUMENT, quoted(text) + " is not a month YYYY-MM or a quarter YYYY-Qn");
    const year_month first{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)}};
    p.month = true;
    p.first = sys_days{first / 1};
    p.last = sys_days{first / std::chrono::last};
    return p;
  }
  const Quarter q = parse_quarter(text);
  const year_month first{std::chrono::year{q.year}, std::chrono::month{static_cast<unsigned>(q.number * 3 - 2)}};
  p.first = sys_days{first / 1};
  p.last = sys_days{(first + months{2}) / std::chrono::last};
  return p;
}

std::string qbr_model_json(std::string_view request) {
  using qbr::json;
  const json doc = json_util::parse(request, "request");
  if (!doc.is_object()) throw Error(ErrorCode::INVALID_ARGUMENT, "request: expected an object, got " + doc.dump());
  json_util::reject_unknown_keys(doc, "request",
                                 {"tenant", "period", "as_of", "client", "msp", "kpis", "sla", "security", "risk", "trueup",
                                  "lifecycle", "budget", "alignment", "backup", "patch", "availability"});
  if (!doc.contains("tenant")) throw Error(ErrorCode::INVALID_ARGUMENT, "tenant is missing");
  const std::string tenant = json_util::require_string(doc["tenant"], "tenant");
  if (tenant.empty()) throw Error(ErrorCode::INVALID_ARGUMENT, "tenant: must not be empty");
  if (!doc.contains("period")) throw Error(ErrorCode::INVALID_ARGUMENT, "period is missing");
  const QbrPeriod period = json_util::in_context("period", [&] {
    return parse_qbr_period(json_util::require_string(doc["period"], "period"));
  });
  const qbr::Scope scope{tenant, period.label, period.first, period.last};
  std::string as_of = format_date(scope.end);
  if (doc.contains("as_of") && !doc["as_of"].is_null()) {
    as_of = format_date(json_util::in_context("as_of", [&] { return parse_date(json_util::require_string(doc["as_of"], "as_of")); }));
  }

  json model{{"model", kQbrModelVersion},
             {"tenant", tenant},
             {"period", {{"label", scope.label}, {"start", format_date(scope.start)}, {"end", format_date(scope.end)}}},
             {"as_of", as_of},
             {"client", qbr::text_block(doc, "client")},
             {"msp", qbr::text_block(doc, "msp")}};
  using Builder = json (*)(const json&, const qbr::Scope&);
  const std::array<std::pair<const char*, Builder>, 9> builders{{{"kpis", qbr::kpis_section},
                                                                  {"sla", qbr::sla_section},
                                                                  {"security", qbr::security_section},
                                                                  {"risk", qbr::risk_section},
                                                                  {"trueup", qbr::trueup_section},
                                                                  {"lifecycle", qbr::lifecycle_section},
                                                                  {"roadmap", qbr::roadmap_section},
                                                                  {"budget", qbr::budget_section},
                                                                  {"alignment", qbr::alignment_section}}};
  json present = json::array();
  for (const auto& [name, build] : builders) {
    const char* input = std::string_view(name) == "roadmap" ? "budget" : name;  // the roadmap is the budget's initiatives
    if (!doc.contains(input) || doc[input].is_null()) {
      model[name] = nullptr;
      continue;
    }
    if (!doc[input].is_object()) {
      throw Error(ErrorCode::INVALID_ARGUMENT, std::string(input) + ": expected the area's result document, got " + doc[input].dump());
    }
    model[name] = build(doc[input], scope);
    present.push_back(name);
  }
  // backup, patch compliance and availability share one section: the service health slide.
  const std::array<std::pair<const char*, Builder>, 3> health{{{"backup", qbr::backup_compliance_part},
                                                               {"patch", qbr::patch_compliance_part},
                                                               {"availability", qbr::availability_part}}};
  json backup = nullptr;
  for (const auto& [name, build] : health) {
    if (!doc.contains(name) || doc[name].is_null()) continue;
    if (!doc[name].is_object()) {
      throw Error(ErrorCode::INVALID_ARGUMENT, std::string(name) + ": expected the area's result document, got " + doc[name].dump());
    }
    if (backup.is_null()) backup = {{"backup", nullptr}, {"patch", nullptr}, {"availability", nullptr}};
    backup[name] = build(doc[name], scope);
  }
  model["backup"] = backup;
  if (!backup.is_null()) present.push_back("backup");
  model["sections"] = present;
  qbr::check_single_tenant(model, tenant, "model");
  return model.dump();
}

}  // namespace v1
}  // namespace mspcore
