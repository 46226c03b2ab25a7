// The JSON forms of a budget: the options, the request of msp_vcio_budget_json and its result
// document (flat records: the same keys as Python's frames).
#include <mspcore/core/error.hpp>
#include <mspcore/contract/trueup_records.hpp>
#include <mspcore/records/field_reader.hpp>
#include <mspcore/vcio/lifecycle_records.hpp>
#include <mspcore/vcio/roadmap_records.hpp>

#include "core/json_util.hpp"
#include "records/json_fields.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace mspcore {
inline namespace v1 {

namespace {

using nlohmann::json;

enum class RequestField : std::size_t {
  years, fiscal_year_start, price_increase, rounding, initiatives, lifecycle, contracts, costs
};
constexpr std::size_t operator+(RequestField f) { return static_cast<std::size_t>(f); }

int whole_in(const FieldReader& r, std::size_t field, int fallback, int lo, int hi) {
  const std::int64_t n = r.whole_or(field, fallback);
  if (n < lo || n > hi) {
    throw r.error(ErrorCode::OUT_OF_RANGE,
                  r.at(field) + ": " + std::to_string(n) + " is outside " + std::to_string(lo) + ".." + std::to_string(hi));
  }
  return static_cast<int>(n);
}

json totals_json(const BudgetTotals& t, bool quarter) {
  json o{{"tenant", t.tenant},
         {"fiscal_year", fiscal_year_name(t.fiscal_year)},
         {"capex", t.capex.to_string()},
         {"opex", t.opex.to_string()},
         {"one_time", t.one_time.to_string()},
         {"recurring", t.recurring.to_string()},
         {"approved", t.approved.to_string()},
         {"proposed", t.proposed.to_string()},
         {"total", t.total.to_string()}};
  if (quarter) o["fiscal_quarter"] = fiscal_quarter_name(t.fiscal_year, t.fiscal_quarter);
  return o;
}

}  // namespace

std::string fiscal_year_name(int fy) { return "FY" + std::to_string(fy); }
std::string fiscal_quarter_name(int fy, int q) { return fiscal_year_name(fy) + "-Q" + std::to_string(q); }

BudgetOptions read_budget_options(const Fields& fields) {
  using F = RequestField;
  const FieldReader r(fields, kBudgetRequestFields, "budget");
  BudgetOptions o;
  o.years = whole_in(r, +F::years, 3, 1, 3);
  o.fiscal_year_start = whole_in(r, +F::fiscal_year_start, 1, 1, 12);
  if (r.has(+F::price_increase)) {
    o.price_increase = r.decimal(+F::price_increase);
    if (o.price_increase.sign() < 0 || o.price_increase > Decimal(100)) {
      throw r.error(ErrorCode::OUT_OF_RANGE,
                    r.at(+F::price_increase) + ": " + o.price_increase.to_string() + " is outside 0..100 (percent)");
    }
  }
  o.rounding = r.name_or(+F::rounding, parse_rounding_mode, RoundingMode::HalfEven);
  return o;
}

std::string vcio_budget_json(std::string_view request) {
  using F = RequestField;
  const json doc = json_util::parse(request, "request");
  const JsonFields fields(doc, kBudgetRequestFields, "request");
  fields.require_object("request");
  const BudgetOptions options = read_budget_options(fields);
  std::vector<Initiative> initiatives;
  const FieldReader r(fields, kBudgetRequestFields, "request");
  if (r.has(+F::initiatives)) {
    if (!doc["initiatives"].is_array()) {
      throw Error(ErrorCode::INVALID_ARGUMENT, "initiatives: expected a list, got " + doc["initiatives"].dump());
    }
    const json& list = doc["initiatives"];
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string where = record_where("initiatives", i);
      initiatives.push_back(read_initiative(JsonFields(list[i], kInitiativeFields, where).require_object(where), i));
    }
  }
  if (r.has(+F::costs)) {
    if (!doc["costs"].is_array()) {
      throw Error(ErrorCode::INVALID_ARGUMENT, "costs: expected a list, got " + doc["costs"].dump());
    }
    const json& list = doc["costs"];
    std::vector<RoadmapCost> costs;
    costs.reserve(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string where = record_where("costs", i);
      costs.push_back(read_roadmap_cost(JsonFields(list[i], kRoadmapCostFields, where).require_object(where), i));
    }
    attach_costs(initiatives, std::move(costs));
  }
  std::vector<ContractLine> contracts;
  if (r.has(+F::contracts)) {
    if (!doc["contracts"].is_array()) {
      throw Error(ErrorCode::INVALID_ARGUMENT, "contracts: expected a list, got " + doc["contracts"].dump());
    }
    const json& list = doc["contracts"];
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string where = record_where("contracts", i);
      contracts.push_back(read_contract_line(JsonFields(list[i], kContractLineFields, where).require_object(where), i));
    }
  }
  if (r.has(+F::lifecycle)) {
    const LifecycleEvaluation lc = evaluate_lifecycle_request(doc["lifecycle"].dump(), "lifecycle");
    return budget_result_json(compute_budget(std::move(initiatives), &lc.result, lc.assets, contracts, options));
  }
  return budget_result_json(compute_budget(std::move(initiatives), nullptr, {}, contracts, options));
}

std::string budget_result_json(const BudgetResult& b) {
  json initiatives = json::array();
  for (std::size_t i = 0; i < b.initiatives.size(); ++i) {
    const Initiative& x = b.initiatives[i];
    initiatives.push_back({{"index", i},
                           {"id", x.id},
                           {"tenant", x.tenant},
                           {"title", x.title},
                           {"quarter", to_string(x.quarter)},
                           {"priority", x.priority},
                           {"status", to_string(x.status)},
                           {"source", x.source},
                           {"depends_on", x.depends_on}});
  }
  json lines = json::array();
  for (const BudgetLine& l : b.lines) {
    const Initiative& x = b.initiatives[l.initiative];
    const CostLine& c = x.costs[l.cost];
    lines.push_back({{"tenant", x.tenant},
                     {"initiative", x.id},
                     {"cost", l.cost},
                     {"name", c.name},
                     {"status", to_string(x.status)},
                     {"approval", is_approved(x.status) ? "approved" : "proposed"},
                     {"kind", to_string(c.kind)},
                     {"period", c.kind == CostKind::Recurring ? json(to_string(c.period)) : json(nullptr)},
                     {"basis", to_string(c.basis)},
                     {"category", to_string(c.category)},
                     {"unit_amount", c.amount.amount().to_string()},
                     {"count", c.count},
                     {"fiscal_year", fiscal_year_name(l.fiscal_year)},
                     {"fiscal_quarter", fiscal_quarter_name(l.fiscal_year, l.fiscal_quarter)},
                     {"amount", l.amount.to_string()}});
  }
  json quarters = json::array(), years = json::array(), findings = json::array();
  for (const BudgetTotals& t : b.quarters) quarters.push_back(totals_json(t, true));
  for (const BudgetTotals& t : b.fiscal_years) years.push_back(totals_json(t, false));
  for (const RoadmapFinding& f : b.findings) {
    findings.push_back({{"code", f.code}, {"tenant", f.tenant}, {"initiative", f.initiative}, {"text", f.text}});
  }
  return json{{"currency", b.currency ? json(std::string(b.currency->code())) : json(nullptr)},
              {"first_fiscal_year", b.first_fiscal_year ? json(fiscal_year_name(b.first_fiscal_year)) : json(nullptr)},
              {"fiscal_year_start", b.options.fiscal_year_start},
              {"years", b.options.years},
              {"price_increase", b.options.price_increase.to_string()},
              {"rounding", to_string(b.options.rounding)},
              {"initiatives", initiatives},
              {"lines", lines},
              {"quarters", quarters},
              {"fiscal_years", years},
              {"findings", findings}}
      .dump();
}

}  // namespace v1
}  // namespace mspcore
