// The budget: each cost line's money per billing month, rounded once, summed into fiscal
// quarters and years; and the replacement initiatives a lifecycle result calls for.
#include <mspcore/core/error.hpp>
#include <mspcore/time/instant.hpp>
#include <mspcore/vcio/budget.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <limits>
#include <string_view>
#include <string>

namespace mspcore {
inline namespace v1 {

namespace {

using std::chrono::sys_days;
using std::chrono::year_month_day;

std::int64_t month_index(sys_days day) {
  const year_month_day ymd{day};
  return std::int64_t{static_cast<int>(ymd.year())} * 12 + (static_cast<unsigned>(ymd.month()) - 1);
}

// The first month (Quarter::first_month()'s scale) of fiscal year `fy`.
std::int64_t fiscal_year_first_month(int fy, int start) {
  return start == 1 ? std::int64_t{fy} * 12 : std::int64_t{fy - 1} * 12 + (start - 1);
}

void check_options(const BudgetOptions& o) {
  if (o.years < 1 || o.years > 3) {
    throw Error(ErrorCode::OUT_OF_RANGE, "years: " + std::to_string(o.years) + " is outside 1..3");
  }
  if (o.fiscal_year_start < 1 || o.fiscal_year_start > 12) {
    throw Error(ErrorCode::OUT_OF_RANGE,
                "fiscal_year_start: " + std::to_string(o.fiscal_year_start) + " is outside 1..12 (a month)");
  }
  if (o.price_increase.sign() < 0 || o.price_increase > Decimal(100)) {
    throw Error(ErrorCode::OUT_OF_RANGE, "price_increase: " + o.price_increase.to_string() + " is outside 0..100 (percent)");
  }
}

// The one currency of the budget: the first line's; any other is named with its line.
Currency budget_currency(const std::vector<Initiative>& xs) {
  const auto where = [&](std::size_t i, std::size_t j) { return xs[i].where + ".costs[" + std::to_string(j) + "]"; };
  const CostLine* first = nullptr;
  std::size_t first_i = 0, first_j = 0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const Initiative& x = xs[i];
    if (x.status == InitiativeStatus::Declined) continue;
    for (std::size_t j = 0; j < x.costs.size(); ++j) {
      const CostLine& c = x.costs[j];
      if (!first) {
        first = &c;
        first_i = i;
        first_j = j;
      } else if (c.amount.currency() != first->amount.currency()) {
        throw Error(ErrorCode::CURRENCY_MISMATCH, where(i, j) + ": currency " + std::string(c.amount.currency().code()) +
                                                      " differs from the budget's " +
                                                      std::string(first->amount.currency().code()) + " (set by " +
                                                      where(first_i, first_j) + ")");
      }
    }
  }
  return first ? first->amount.currency() : Currency::from_code("EUR");
}

// The seven sums of one tenant quarter or year in minor units: exact (each amount that fits 64
// bits is added as an integer, so 2^63 of them cannot overflow 128 bits) and without a
// decimal addition per line; an amount that does not fit goes to the totals' decimals.
struct Sums {
  __int128 capex = 0, opex = 0, one_time = 0, recurring = 0, approved = 0, proposed = 0, total = 0;
};

void add(Sums& s, BudgetTotals& t, const Initiative& x, const CostLine& c, const Decimal& amount) {
  static const Coefficient smallest = std::numeric_limits<std::int64_t>::min();
  static const Coefficient largest = std::numeric_limits<std::int64_t>::max();
  if (amount.coefficient() < smallest || amount.coefficient() > largest) {
    (c.category == CostCategory::Capex ? t.capex : t.opex) += amount;
    (c.kind == CostKind::OneTime ? t.one_time : t.recurring) += amount;
    (is_approved(x.status) ? t.approved : t.proposed) += amount;
    t.total += amount;
    return;
  }
  const __int128 v = amount.coefficient().convert_to<std::int64_t>();
  (c.category == CostCategory::Capex ? s.capex : s.opex) += v;
  (c.kind == CostKind::OneTime ? s.one_time : s.recurring) += v;
  (is_approved(x.status) ? s.approved : s.proposed) += v;
  s.total += v;
}

void settle(const Sums& s, BudgetTotals& t, int scale) {
  const auto plus = [scale](Decimal& d, __int128 v) {
    if (v != 0) d += Decimal(Coefficient(v), scale);
  };
  plus(t.capex, s.capex);
  plus(t.opex, s.opex);
  plus(t.one_time, s.one_time);
  plus(t.recurring, s.recurring);
  plus(t.approved, s.approved);
  plus(t.proposed, s.proposed);
  plus(t.total, s.total);
}

}  // namespace

int fiscal_year_of(int year, int month, int fiscal_year_start) noexcept {
  return fiscal_year_start == 1 || month < fiscal_year_start ? year : year + 1;
}

std::vector<Initiative> replacement_initiatives(const LifecycleResult& lifecycle, const std::vector<Asset>& assets,
                                                std::vector<RoadmapFinding>& findings) {
  std::vector<Initiative> out;
  for (const AssetLifecycle& r : lifecycle.assets) {
    if (r.status != LifecycleStatus::Overdue && r.status != LifecycleStatus::DueSoon) continue;
    const Asset& a = assets.at(r.index);
    const ReplacementCheck& rc = r.replacement;
    const std::string status(to_string(r.status)), type(to_string(a.type));
    if (!rc.value) {
      findings.push_back({"no_replacement_value", a.tenant, a.id,
                          a.id + " is " + status + " but has no replacement_value: no replacement is budgeted"});
      continue;
    }
    const std::string value = std::string(rc.value->currency().code()) + " " + rc.value->amount().to_string();
    if (rc.payer == ReplacementPayer::Msp) {
      findings.push_back({"replacement_paid_by_msp", a.tenant, a.id,
                          a.id + " is " + status + "; its replacement (" + value +
                              ") is paid by the MSP (policy payer of a " + type + "): not in the client's budget"});
      continue;
    }
    if (rc.value_from_policy) {
      findings.push_back({"replacement_value_from_policy", a.tenant, a.id,
                          a.id + " has no replacement_value: the policy's value for a " + type + " (" + value +
                              ") is budgeted"});
    }
    if (rc.payer == ReplacementPayer::Shared) {
      findings.push_back({"replacement_cost_shared", a.tenant, a.id,
                          a.id + "'s replacement is shared between client and MSP (policy payer of a " + type +
                              "): the full " + value + " is budgeted; agree the client's share"});
    }
    // The earliest date that makes it due: its warranty end, OS support end or replacement date.
    std::optional<sys_days> due;
    const auto consider = [&](const LifecycleCheck& c) {
      if ((c.status == LifecycleStatus::Overdue || c.status == LifecycleStatus::DueSoon) && c.end) {
        due = due ? std::min(*due, *c.end) : *c.end;
      }
    };
    consider(r.warranty);
    if (r.os) consider(*r.os);
    consider(rc);
    const sys_days when = std::max(due.value_or(lifecycle.as_of), lifecycle.as_of);  // never in the past
    Initiative x;
    x.id = "replace:" + a.id;
    x.tenant = a.tenant;
    x.title = "Replace " + type + " " + a.id + ": " + r.reason.text;
    x.quarter = quarter_of_month(month_index(when));
    x.priority = r.status == LifecycleStatus::Overdue ? 1 : 2;
    x.status = InitiativeStatus::Proposed;
    x.where = "assets[" + std::to_string(r.index) + "] (tenant " + quoted(a.tenant) + " asset " + quoted(a.id) + ")";
    x.source = "lifecycle";
    CostLine c;
    c.name = rc.value_from_policy ? "replacement (policy value)" : "replacement";
    c.kind = CostKind::OneTime;
    c.basis = CostBasis::Flat;
    c.amount = *rc.value;
    c.category = CostCategory::Capex;
    x.costs.push_back(std::move(c));
    out.push_back(std::move(x));
  }
  return out;
}

BudgetResult compute_budget(std::vector<Initiative> initiatives, const BudgetOptions& options) {
  check_options(options);
  BudgetResult out;
  out.options = options;
  out.findings = check_roadmap(initiatives);
  out.initiatives = std::move(initiatives);
  const std::vector<Initiative>& xs = out.initiatives;
  const Currency currency = budget_currency(xs);

  std::optional<std::int64_t> earliest;
  bool any_line = false;
  for (const Initiative& x : xs) {
    if (x.status == InitiativeStatus::Declined) continue;
    earliest = std::min(earliest.value_or(x.quarter.first_month()), x.quarter.first_month());
    any_line = any_line || !x.costs.empty();
  }
  if (!earliest || !any_line) return out;
  out.currency = currency;
  const int fys = options.fiscal_year_start;
  const int first_fy = fiscal_year_of(static_cast<int>(*earliest / 12), static_cast<int>(*earliest % 12) + 1, fys);
  out.first_fiscal_year = first_fy;
  const std::int64_t start = fiscal_year_first_month(first_fy, fys);
  const std::int64_t months = std::int64_t{options.years} * 12;

  // (1 + p/100)^y for each budget year, exact: p has a few digits, three years fit easily.
  std::vector<Decimal> factor{Decimal(1)};
  const Decimal step =
      Decimal(1) + Decimal::divide(options.price_increase, Decimal(100), options.price_increase.scale() + 2,
                                   RoundingMode::Unnecessary);
  for (int y = 1; y < options.years; ++y) factor.push_back(factor.back() * step);

  const Decimal zero = Money::from_minor_units(0, currency).amount();
  // The tenants, sorted, and each initiative's index among them: totals live in vectors
  // indexed by (tenant, year, quarter), in the order the result lists them.
  std::vector<std::string_view> tenants;
  for (const Initiative& x : xs) {
    if (x.status != InitiativeStatus::Declined) tenants.push_back(x.tenant);
  }
  std::sort(tenants.begin(), tenants.end());
  tenants.erase(std::unique(tenants.begin(), tenants.end()), tenants.end());
  const std::size_t years = static_cast<std::size_t>(options.years);
  out.quarters.reserve(tenants.size() * years * 4);
  out.fiscal_years.reserve(tenants.size() * years);
  for (const std::string_view tenant : tenants) {
    for (int y = 0; y < options.years; ++y) {
      out.fiscal_years.push_back({std::string(tenant), first_fy + y, 0, zero, zero, zero, zero, zero, zero, zero});
      for (int q = 1; q <= 4; ++q) {
        out.quarters.push_back({std::string(tenant), first_fy + y, q, zero, zero, zero, zero, zero, zero, zero});
      }
    }
  }

  std::vector<Sums> quarter_sums(out.quarters.size()), year_sums(out.fiscal_years.size());
  const int scale = zero.scale();  // of every rounded amount: the currency's minor units
  std::vector<Decimal> per_year(years);
  std::vector<int> paid(years * 4);  // billing months of this line per fiscal quarter of the horizon
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const Initiative& x = xs[i];
    if (x.status == InitiativeStatus::Declined) continue;
    const auto t = static_cast<std::size_t>(std::lower_bound(tenants.begin(), tenants.end(), x.tenant) - tenants.begin());
    const std::int64_t first = x.quarter.first_month() - start;  // >= 0: start is the earliest
    for (std::size_t j = 0; j < x.costs.size(); ++j) {
      const CostLine& c = x.costs[j];
      if (first >= months) {
        out.findings.push_back({"beyond_horizon", x.tenant, x.id,
                                x.where + ".costs[" + std::to_string(j) + "] starts in " + to_string(x.quarter) +
                                    ", after the budget's last fiscal year FY" +
                                    std::to_string(first_fy + options.years - 1)});
        continue;
      }
      const Money unit = c.unit_total();
      const std::int64_t every = c.kind == CostKind::OneTime          ? months
                                 : c.period == CostPeriod::Monthly   ? 1
                                 : c.period == CostPeriod::Quarterly ? 3
                                                                     : 12;
      // Every billing month of a budget year pays the same amount, rounded once (the one
      // rounding per line and month); a quarter lies within one year, so its money is that
      // amount times the months it pays in.
      std::fill(paid.begin(), paid.end(), 0);
      for (std::int64_t m = first; m < months; m += every) ++paid[static_cast<std::size_t>(m / 3)];
      for (std::size_t y = static_cast<std::size_t>(first / 12); y < years; ++y) {
        per_year[y] = (unit * factor[y]).round(options.rounding).amount();
      }
      for (std::size_t slot = 0; slot < paid.size(); ++slot) {
        if (paid[slot] == 0) continue;
        const std::size_t y = slot / 4;
        const Decimal amount = paid[slot] == 1 ? per_year[y] : per_year[y] * Decimal(paid[slot]);
        const int fy = first_fy + static_cast<int>(y);
        out.lines.push_back({i, j, fy, static_cast<int>(slot % 4) + 1, amount});
        // Quarters and years are both summed from the lines (not years from quarters), so
        // each total is the sum of the lines by construction.
        add(quarter_sums[t * years * 4 + slot], out.quarters[t * years * 4 + slot], x, c, amount);
        add(year_sums[t * years + y], out.fiscal_years[t * years + y], x, c, amount);
      }
    }
  }
  for (std::size_t k = 0; k < out.quarters.size(); ++k) settle(quarter_sums[k], out.quarters[k], scale);
  for (std::size_t k = 0; k < out.fiscal_years.size(); ++k) settle(year_sums[k], out.fiscal_years[k], scale);
  return out;
}

std::vector<Initiative> renewal_initiatives(const std::vector<ContractLine>& contracts) {
  std::vector<Initiative> out;
  for (std::size_t i = 0; i < contracts.size(); ++i) {
    const ContractLine& l = contracts[i];
    if (!l.term_end || !l.unit_price) continue;
    Initiative x;
    x.id = "renew:" + l.contract_id + "/" + l.line_id;
    x.tenant = l.tenant;
    x.title = "Renew " + l.sku + " (" + std::to_string(l.quantity) + " x " + l.unit_price->amount().to_string() +
              ") from " + format_date(*l.term_end);
    x.quarter = quarter_of_month(month_index(*l.term_end));
    x.status = InitiativeStatus::Approved;
    x.where = "contracts[" + std::to_string(i) + "] (tenant " + quoted(l.tenant) + " contract " + quoted(l.contract_id) +
              " line " + quoted(l.line_id) + ")";
    x.source = "contracts";
    CostLine c;
    c.name = l.sku;
    c.kind = CostKind::Recurring;
    c.period = l.billing_period == BillingPeriod::Monthly     ? CostPeriod::Monthly
               : l.billing_period == BillingPeriod::Quarterly ? CostPeriod::Quarterly
                                                              : CostPeriod::Annual;
    c.basis = CostBasis::PerAsset;
    c.amount = *l.unit_price;
    c.count = l.quantity;
    c.category = CostCategory::Opex;
    x.costs.push_back(std::move(c));
    out.push_back(std::move(x));
  }
  return out;
}

BudgetResult compute_budget(std::vector<Initiative> initiatives, const LifecycleResult* lifecycle,
                            const std::vector<Asset>& assets, const std::vector<ContractLine>& contracts,
                            const BudgetOptions& options) {
  std::vector<RoadmapFinding> generated;
  if (lifecycle) {
    for (Initiative& x : replacement_initiatives(*lifecycle, assets, generated)) initiatives.push_back(std::move(x));
  }
  for (Initiative& x : renewal_initiatives(contracts)) initiatives.push_back(std::move(x));
  BudgetResult result = compute_budget(std::move(initiatives), options);
  result.findings.insert(result.findings.begin(), generated.begin(), generated.end());
  return result;
}

}  // namespace v1
}  // namespace mspcore
