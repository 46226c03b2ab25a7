/// @file roadmap.hpp
/// @brief vCIO roadmap: initiatives with cost lines, a target quarter, a status and
/// dependencies (docs/vcio-budget.md).
///
/// The budget (budget.hpp) is computed from a roadmap; check_roadmap() is the one place that
/// resolves dependencies, so an unknown id or a cycle is refused before any money is added up.
#pragma once

#include <mspcore/money/money.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// Where an initiative stands. approved, scheduled and done count as approved money;
/// proposed as proposed money; declined is left out of the budget.
enum class InitiativeStatus : std::uint8_t { Proposed, Approved, Scheduled, Done, Declined };
/// "proposed", "approved", "scheduled", "done", "declined".
std::string_view to_string(InitiativeStatus status) noexcept;
InitiativeStatus parse_initiative_status(std::string_view text);
/// Whether the status counts as approved money (approved, scheduled, done).
bool is_approved(InitiativeStatus status) noexcept;

/// one_time: paid once, in the initiative's quarter; recurring: from then on, every period.
enum class CostKind : std::uint8_t { OneTime, Recurring };
/// "one_time", "recurring".
std::string_view to_string(CostKind kind) noexcept;
CostKind parse_cost_kind(std::string_view text);

/// How often a recurring cost is paid: every month, or every 3 or 12 months from its first month.
enum class CostPeriod : std::uint8_t { Monthly, Quarterly, Annual };
/// "monthly", "quarterly", "annual".
std::string_view to_string(CostPeriod period) noexcept;
CostPeriod parse_cost_period(std::string_view text);

/// flat: the amount as it is; per_asset: the amount times a count of assets.
enum class CostBasis : std::uint8_t { Flat, PerAsset };
/// "flat", "per_asset".
std::string_view to_string(CostBasis basis) noexcept;
CostBasis parse_cost_basis(std::string_view text);

/// Capital or operating expenditure.
enum class CostCategory : std::uint8_t { Capex, Opex };
/// "capex", "opex".
std::string_view to_string(CostCategory category) noexcept;
CostCategory parse_cost_category(std::string_view text);

/// A calendar quarter, "2027-Q2" (April to June 2027).
struct Quarter {
  int year = 0;
  int number = 1;  ///< 1..4

  /// Months since year 0 of the quarter's first month (a total order of months).
  std::int64_t first_month() const noexcept { return std::int64_t{year} * 12 + (number - 1) * 3; }
  friend auto operator<=>(const Quarter&, const Quarter&) = default;
};
/// "YYYY-Qn"; anything else, a quarter outside 1..4 included, is Error(INVALID_ARGUMENT).
Quarter parse_quarter(std::string_view text);
std::string to_string(const Quarter& quarter);
/// The calendar quarter a month index (Quarter::first_month()'s scale) falls in.
Quarter quarter_of_month(std::int64_t month) noexcept;

/// One cost of an initiative. The paid amount is amount x count (count 1 when flat).
struct CostLine {
  std::string name;  ///< "" when not given
  CostKind kind = CostKind::OneTime;
  CostPeriod period = CostPeriod::Monthly;  ///< recurring lines only
  CostBasis basis = CostBasis::Flat;
  Money amount = Money::zero(Currency::from_code("EUR"));  ///< per asset when per_asset; >= 0 (the decoder sets it)
  std::int64_t count = 1;
  CostCategory category = CostCategory::Opex;

  Money unit_total() const { return amount * Decimal(count); }
};

/// An initiative of a tenant's roadmap.
struct Initiative {
  std::string id;
  std::string tenant;
  std::string title;
  Quarter quarter;            ///< when it lands (its one-time costs, the start of its recurring ones)
  std::int64_t priority = 3;  ///< 1 (highest) .. 5
  InitiativeStatus status = InitiativeStatus::Proposed;
  std::vector<std::string> depends_on;  ///< ids of the same tenant's initiatives
  std::vector<CostLine> costs;
  /// How errors and findings name it: "initiatives[2] (tenant 'acme' initiative 'I-3')", or
  /// for a generated one the record it came from ("assets[4] (...)").
  std::string where;
  std::string source = "roadmap";  ///< "roadmap", or "lifecycle" for a generated replacement
};

/// Something worth telling that is not an error (an initiative scheduled before one it
/// depends on, a due asset without a replacement value).
struct RoadmapFinding {
  std::string code;  ///< "scheduled_before_dependency", "depends_on_declined", "no_replacement_value", ...
  std::string tenant;
  std::string initiative;  ///< the initiative's (or asset's) id
  std::string text;
};

/// Checks the dependencies of `initiatives` (ids unique per tenant, depends_on within the
/// tenant): a duplicate id, an unknown id or a cycle is Error(INVALID_ARGUMENT), the cycle
/// named as "I-3 -> I-5 -> I-3". Returns the findings: an initiative that is not declined
/// and lands in an earlier quarter than one it depends on, or depends on a declined one.
std::vector<RoadmapFinding> check_roadmap(const std::vector<Initiative>& initiatives);

}  // namespace v1
}  // namespace mspcore
