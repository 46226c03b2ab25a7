/// @file budget.hpp
/// @brief vCIO budget: a roadmap's cost lines per fiscal quarter and fiscal year over 1-3
/// years, with a yearly price increase, in exact money (docs/vcio-budget.md).
///
/// Every amount is rounded once, per cost line and billing month; quarter and year totals are
/// sums of those amounts and nothing else, so the totals always equal the sum of the lines.
#pragma once

#include <mspcore/contract/trueup.hpp>
#include <mspcore/money/decimal.hpp>
#include <mspcore/money/money.hpp>
#include <mspcore/money/rounding.hpp>
#include <mspcore/vcio/lifecycle.hpp>
#include <mspcore/vcio/roadmap.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// The rules of a budget.
struct BudgetOptions {
  int years = 3;              ///< 1..3 fiscal years
  int fiscal_year_start = 1;  ///< the month (1..12) a fiscal year starts in
  /// Percent per year, 0..100, applied exactly and compounded: budget year y (0-based) pays
  /// the amounts times (1 + p/100)^y.
  Decimal price_increase;
  RoundingMode rounding = RoundingMode::HalfEven;  ///< of each line's monthly amount
};

/// The fiscal year a calendar month (1..12) of `year` falls in, named by the calendar year it
/// ends in: with fiscal_year_start 4, April 2026 to March 2027 is fiscal year 2027.
int fiscal_year_of(int year, int month, int fiscal_year_start) noexcept;

/// One cost line's money in one fiscal quarter (rows only where it pays something).
struct BudgetLine {
  std::size_t initiative = 0;  ///< index into BudgetResult::initiatives
  std::size_t cost = 0;        ///< index into that initiative's costs
  int fiscal_year = 0;
  int fiscal_quarter = 1;  ///< 1..4, counted from the fiscal year's first month
  Decimal amount;          ///< in BudgetResult::currency, at its minor units
};

/// The sums of one tenant's lines over a fiscal quarter (fiscal_quarter 1..4) or a whole
/// fiscal year (fiscal_quarter 0). capex + opex = one_time + recurring = approved + proposed = total.
struct BudgetTotals {
  std::string tenant;
  int fiscal_year = 0;
  int fiscal_quarter = 0;
  Decimal capex, opex, one_time, recurring, approved, proposed, total;  ///< in BudgetResult::currency
};

/// A computed budget.
struct BudgetResult {
  BudgetOptions options;
  std::optional<Currency> currency;  ///< none when no line pays anything
  int first_fiscal_year = 0;         ///< 0 when there is nothing to budget
  std::vector<Initiative> initiatives;  ///< the roadmap's, then the generated ones
  std::vector<BudgetLine> lines;        ///< by initiative, cost, then period
  std::vector<BudgetTotals> quarters;   ///< per tenant (sorted), every quarter of the horizon
  std::vector<BudgetTotals> fiscal_years;
  std::vector<RoadmapFinding> findings;
};

/// Replacement initiatives for the overdue and due-soon assets of a lifecycle result
/// (`assets` the records it was evaluated from): id "replace:<asset id>", status proposed,
/// priority 1 when overdue and 2 when due soon, one one-time capex line of the replacement
/// value (the asset's, else the policy's for its type: a finding says so) in the quarter of
/// the earliest due warranty, OS or replacement date, or of the result's as_of when that date
/// has passed. An asset without a replacement value, or whose replacement the MSP pays, is a
/// finding instead; a shared one is budgeted in full with a finding.
std::vector<Initiative> replacement_initiatives(const LifecycleResult& lifecycle, const std::vector<Asset>& assets,
                                                std::vector<RoadmapFinding>& findings);

/// Licence renewal initiatives for the contract lines with a term end: id
/// "renew:<contract_id>/<line_id>", status approved (an existing contract renews unless it is
/// cancelled), one recurring opex line of unit_price x quantity per billing period (monthly,
/// quarterly, annual), starting in the quarter of term_end (the first day of the next term).
std::vector<Initiative> renewal_initiatives(const std::vector<ContractLine>& contracts);

/// The budget of `initiatives` (checked with check_roadmap()). It starts with the fiscal year
/// of the earliest quarter of an initiative that is not declined and runs options.years
/// fiscal years; a line beyond that is a finding. Bad options are Error(INVALID_ARGUMENT) or
/// Error(OUT_OF_RANGE); a second currency is Error(CURRENCY_MISMATCH) naming the line.
BudgetResult compute_budget(std::vector<Initiative> initiatives, const BudgetOptions& options);

/// compute_budget() of `initiatives` followed by the replacement_initiatives() of `lifecycle`
/// (none when null; `assets` its records), whose findings come first, and the
/// renewal_initiatives() of `contracts`.
BudgetResult compute_budget(std::vector<Initiative> initiatives, const LifecycleResult* lifecycle,
                            const std::vector<Asset>& assets, const std::vector<ContractLine>& contracts,
                            const BudgetOptions& options);

}  // namespace v1
}  // namespace mspcore
