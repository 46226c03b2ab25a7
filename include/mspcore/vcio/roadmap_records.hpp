/// @file roadmap_records.hpp
/// @brief The one decoder of roadmap records (initiatives and their cost lines) and the JSON
/// forms of a budget, whatever carries the records: the C ABI's JSON, Python dicts and
/// DataFrames, a host's rows.
#pragma once

#include <mspcore/records/fields.hpp>
#include <mspcore/vcio/budget.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// The fields of an initiative, numbered as in kInitiativeFields.
enum class InitiativeField : std::size_t { id, tenant, title, quarter, priority, status, depends_on, costs };
inline constexpr std::array<std::string_view, 8> kInitiativeFields = {
    "id", "tenant", "title", "quarter", "priority", "status", "depends_on", "costs"};

/// The fields of a cost line, numbered as in kCostLineFields.
enum class CostLineField : std::size_t { name, kind, period, basis, amount, count, currency, category };
inline constexpr std::array<std::string_view, 8> kCostLineFields = {"name",   "kind",  "period",   "basis",
                                                                    "amount", "count", "currency", "category"};

/// Initiative `index` ("initiatives[index]" in errors, which carry the row). Required: id,
/// tenant, quarter ("YYYY-Qn"), status (proposed, approved, scheduled, done, declined).
/// Optional: title, priority (1..5, default 3), depends_on (a list of ids, or one text of ids
/// separated by commas), costs (a list of cost lines, read by read_cost_line()).
Initiative read_initiative(const Fields& fields, std::size_t index);

/// Cost line `index` of the initiative named `where`. Required: kind (one_time, recurring),
/// amount (a decimal >= 0), currency, category (capex, opex). period (monthly, quarterly, annual) is
/// required for recurring lines and refused for one-time ones; basis defaults to flat; count
/// (a whole number >= 0) is required when per_asset and must be absent or 1 when flat.
CostLine read_cost_line(const Fields& fields, const std::string& where, std::int64_t row);

/// The fields of a row of a cost-lines table (the table shape of a roadmap: initiatives in
/// one table, their cost lines in another): a cost line's fields, then the tenant and id of
/// its initiative.
enum class RoadmapCostField : std::size_t { tenant = kCostLineFields.size(), initiative };
inline constexpr std::array<std::string_view, 10> kRoadmapCostFields = {
    "name", "kind", "period", "basis", "amount", "count", "currency", "category", "tenant", "initiative"};

/// A row of a cost-lines table: the cost line and the initiative it belongs to.
struct RoadmapCost {
  std::string tenant;
  std::string initiative;
  CostLine line;
};

/// Row `index` of a cost-lines table ("costs[index] (tenant 't' initiative 'I-1')" in errors):
/// tenant and initiative required and non-empty, the rest as read_cost_line() reads it.
RoadmapCost read_roadmap_cost(const Fields& fields, std::size_t index);

/// Appends each row of `costs` to the costs of its initiative (same tenant and id), in table
/// order, after the costs the initiative carries itself. A row whose initiative is not in
/// `initiatives` is Error(INVALID_ARGUMENT) naming the row.
void attach_costs(std::vector<Initiative>& initiatives, std::vector<RoadmapCost> costs);

/// The fields of a budget request: the options first (read_budget_options() reads those),
/// then the records.
inline constexpr std::array<std::string_view, 8> kBudgetRequestFields = {
    "years", "fiscal_year_start", "price_increase", "rounding", "initiatives", "lifecycle", "contracts", "costs"};

/// The options of a budget request, named "budget.<key>" in errors: years (1..3, default 3),
/// fiscal_year_start (1..12, default 1), price_increase (a decimal percent 0..100, default 0),
/// rounding (a rounding mode name, default half_even).
BudgetOptions read_budget_options(const Fields& fields);

/// The JSON request of msp_vcio_budget_json: {"initiatives": [...], "costs": rows of a
/// cost-lines table (read_roadmap_cost(), attached with attach_costs()) or null, "lifecycle": a request of
/// msp_lifecycle_evaluate_json or null, "contracts": contract lines as msp_trueup_reconcile_json
/// takes them or null, "years": 3, "fiscal_year_start": 1,
/// "price_increase": "0", "rounding": "half_even"} (all but initiatives optional) computed,
/// as the result document (budget_result_json()).
std::string vcio_budget_json(std::string_view request);

/// A budget as its JSON document: {"currency", "first_fiscal_year", "fiscal_year_start",
/// "years", "price_increase", "rounding", "initiatives", "lines", "quarters",
/// "fiscal_years", "findings"}; amounts as decimal text.
std::string budget_result_json(const BudgetResult& result);

/// "FY2027" and "FY2027-Q1": how fiscal years and quarters are named in results.
std::string fiscal_year_name(int fiscal_year);
std::string fiscal_quarter_name(int fiscal_year, int fiscal_quarter);

}  // namespace v1
}  // namespace mspcore
