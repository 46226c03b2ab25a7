// Names of the true-up enums, line validation and the SKU map.
#include <mspcore/contract/trueup.hpp>
#include <mspcore/core/error.hpp>

#include "contract/trueup_detail.hpp"

#include <algorithm>
#include "core/enum_names.hpp"

#include <array>
#include <string>
#include <utility>

namespace mspcore {
inline namespace v1 {

using detail::parse_enum_name;

namespace {

constexpr std::array<std::string_view, 3> kBillingPeriods{"monthly", "quarterly", "annual"};
constexpr std::array<std::string_view, 2> kBillingModes{"advance", "arrears"};
constexpr std::array<std::string_view, 4> kTermKinds{"flexible", "nce_monthly", "nce_annual", "fixed"};
constexpr std::array<std::string_view, 4> kTrueDownPolicies{"immediate", "next_period", "at_renewal", "never"};
constexpr std::array<std::string_view, 6> kSources{"vendor", "license", "asset", "rmm", "billing", "crm"};
constexpr std::array<std::string_view, 4> kDeviationKinds{"revenue_leakage", "refund_risk", "shelfware",
                                                           "unlicensed"};
constexpr std::array<std::string_view, 2> kActions{"true_up", "true_down"};

}  // namespace

BillingPeriod parse_billing_period(std::string_view t) { return parse_enum_name<BillingPeriod>(t, kBillingPeriods, "billing period"); }
BillingMode parse_billing_mode(std::string_view t) { return parse_enum_name<BillingMode>(t, kBillingModes, "billing mode"); }
TermKind parse_term_kind(std::string_view t) { return parse_enum_name<TermKind>(t, kTermKinds, "term kind"); }
TrueDownPolicy parse_true_down_policy(std::string_view t) {
  return parse_enum_name<TrueDownPolicy>(t, kTrueDownPolicies, "true-down policy");
}
ObservationSource parse_observation_source(std::string_view t) {
  return parse_enum_name<ObservationSource>(t, kSources, "observation source");
}
ProposalAction parse_proposal_action(std::string_view t) { return parse_enum_name<ProposalAction>(t, kActions, "action"); }

std::string_view to_string(BillingPeriod v) noexcept { return kBillingPeriods[static_cast<std::size_t>(v)]; }
std::string_view to_string(BillingMode v) noexcept { return kBillingModes[static_cast<std::size_t>(v)]; }
std::string_view to_string(TermKind v) noexcept { return kTermKinds[static_cast<std::size_t>(v)]; }
std::string_view to_string(TrueDownPolicy v) noexcept { return kTrueDownPolicies[static_cast<std::size_t>(v)]; }
std::string_view to_string(ObservationSource v) noexcept { return kSources[static_cast<std::size_t>(v)]; }
std::string_view to_string(DeviationKind v) noexcept { return kDeviationKinds[static_cast<std::size_t>(v)]; }
std::string_view to_string(ProposalAction v) noexcept { return kActions[static_cast<std::size_t>(v)]; }

int months_in(BillingPeriod period) noexcept {
  switch (period) {
    case BillingPeriod::Monthly: return 1;
    case BillingPeriod::Quarterly: return 3;
    case BillingPeriod::Annual: return 12;
  }
  return 1;
}

std::string describe_line(const ContractLine& line, std::size_t index) {
  return "contracts[" + std::to_string(index) + "] (tenant " + quoted(line.tenant) + " contract " +
         quoted(line.contract_id) + " line " + quoted(line.line_id) + ")";
}

void validate(const ContractLine& line, std::size_t index) {
  auto fail = [&](const std::string& what) {
    throw Error(ErrorCode::INVALID_ARGUMENT, describe_line(line, index) + ": " + what, static_cast<std::int64_t>(index));
  };
  if (static_cast<unsigned>(line.billing_period) > 2 || static_cast<unsigned>(line.billing_mode) > 1 ||
      static_cast<unsigned>(line.term_kind) > 3 || static_cast<unsigned>(line.true_down) > 3 ||
      static_cast<unsigned>(line.proration) > 2) {
    fail("an enum field holds a value outside its range");
  }
  if (line.tenant.empty()) fail("tenant must not be empty");
  if (line.contract_id.empty()) fail("contract_id must not be empty");
  if (line.line_id.empty()) fail("line_id must not be empty");
  if (line.sku.empty()) fail("sku must not be empty");
  if (line.quantity < 0) fail("quantity " + std::to_string(line.quantity) + " must be >= 0");
  if (line.commitment_minimum < 0) {
    fail("commitment_minimum " + std::to_string(line.commitment_minimum) + " must be >= 0");
  }
  if (!line.unit_price) fail("unit_price is missing");
  if (line.unit_price->amount() < Decimal()) fail("unit_price " + line.unit_price->to_string() + " must be >= 0");
  if (line.tolerance.units < 0) fail("tolerance_units " + std::to_string(line.tolerance.units) + " must be >= 0");
  if (line.tolerance.percent < Decimal()) {
    fail("tolerance_percent " + line.tolerance.percent.to_string() + " must be >= 0");
  }
  if (!in_date_range(line.term_start)) fail("term_start " + describe_date(line.term_start) + kDateRangeText);
  if (!line.term_end) {
    if (line.term_kind != TermKind::Flexible) {
      fail("term_end is required for a " + std::string(to_string(line.term_kind)) + " term");
    }
    if (line.true_down == TrueDownPolicy::AtRenewal) fail("true_down 'at_renewal' needs a term_end");
    return;
  }
  if (!in_date_range(*line.term_end)) fail("term_end " + describe_date(*line.term_end) + kDateRangeText);
  if (*line.term_end <= line.term_start) {
    fail("term_end " + format_date(*line.term_end) + " must be after term_start " + format_date(line.term_start));
  }
  if (line.term_kind != TermKind::Flexible && !whole_months(line.term_start, *line.term_end)) {
    fail("a " + std::string(to_string(line.term_kind)) + " term must be a whole number of months: " +
         format_date(line.term_start) + " .. " + format_date(*line.term_end) + " is not");
  }
}

std::string normalize_key(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  std::string out(text.substr(first, last - first + 1));
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
  return out;
}

void SkuMap::add(std::string_view from, std::string_view to) {
  std::string key = normalize_key(from);
  if (key.empty() || to.empty()) {
    throw Error(ErrorCode::INVALID_ARGUMENT,
                "sku_map: entry " + quoted(from) + " -> " + quoted(to) + " needs a name and a target");
  }
  const auto [it, inserted] = map_.emplace(std::move(key), std::string(to));
  if (!inserted && it->second != to) {
    throw Error(ErrorCode::INVALID_ARGUMENT, "sku_map: " + quoted(from) + " maps to both " + mspcore::quoted(it->second) +
                                                 " and " + quoted(to));
  }
}

const std::string* SkuMap::find(std::string_view name) const {
  const auto it = map_.find(normalize_key(name));
  return it == map_.end() ? nullptr : &it->second;
}

std::vector<std::pair<std::string, std::string>> SkuMap::entries() const {
  std::vector<std::pair<std::string, std::string>> out(map_.begin(), map_.end());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace v1
}  // namespace mspcore
