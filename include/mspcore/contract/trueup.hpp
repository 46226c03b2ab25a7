/// @file trueup.hpp
/// @brief Contract true-up: contract lines, observations, three-way reconciliation and
/// commitment-aware proposals (the decisions are in docs/contract-trueup.md).
#pragma once

#include <mspcore/contract/proration.hpp>
#include <mspcore/money/money.hpp>
#include <mspcore/money/rounding.hpp>
#include <mspcore/time/instant.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mspcore {
inline namespace v1 {

namespace detail {
/// The placeholder amount of default-constructed results (one currency lookup, not one per record).
inline const Money& zero_money() {
  static const Money zero = Money::zero(Currency::from_code("EUR"));
  return zero;
}
}  // namespace detail

/// How often a line is invoiced; its unit price is per unit and per billing period.
enum class BillingPeriod { Monthly, Quarterly, Annual };
/// Whether a billing period is invoiced at its start or at its end.
enum class BillingMode { Advance, Arrears };
/// The commitment of a line's term. NCE terms renew automatically with the same length.
enum class TermKind { Flexible, NceMonthly, NceAnnual, Fixed };
/// When a decrease takes effect (NCE terms add the 168-hour rule on top).
enum class TrueDownPolicy { Immediate, NextPeriod, AtRenewal, Never };
/// Where an observation comes from. vendor = purchased; license, asset, rmm = assigned;
/// billing, crm = billed.
enum class ObservationSource { Vendor, License, Asset, Rmm, Billing, Crm };
/// What a gap between the three quantities means.
enum class DeviationKind {
  RevenueLeakage,  ///< assigned > billed: unbilled usage
  RefundRisk,      ///< billed > assigned: over-billing
  Shelfware,       ///< purchased > assigned: bought and unused
  Unlicensed       ///< assigned > purchased: compliance gap
};
/// The direction of a proposal.
enum class ProposalAction { TrueUp, TrueDown };

/// @name Names
/// snake_case text forms ("nce_annual", "at_renewal", "revenue_leakage", ...); the parse
/// functions throw Error(INVALID_ARGUMENT) naming the text and listing the known names.
///@{
BillingPeriod parse_billing_period(std::string_view text);
BillingMode parse_billing_mode(std::string_view text);
TermKind parse_term_kind(std::string_view text);
TrueDownPolicy parse_true_down_policy(std::string_view text);
ObservationSource parse_observation_source(std::string_view text);
/// "true_up" or "true_down" exactly.
ProposalAction parse_proposal_action(std::string_view text);
std::string_view to_string(BillingPeriod value) noexcept;
std::string_view to_string(BillingMode value) noexcept;
std::string_view to_string(TermKind value) noexcept;
std::string_view to_string(TrueDownPolicy value) noexcept;
std::string_view to_string(ObservationSource value) noexcept;
std::string_view to_string(DeviationKind value) noexcept;
std::string_view to_string(ProposalAction value) noexcept;
///@}

/// Months in a billing period: 1, 3 or 12.
int months_in(BillingPeriod period) noexcept;

/// Gaps within tolerance are noise: |gap| <= units, or |gap| <= percent % of the base
/// quantity (billed for assigned-vs-billed, the contract quantity for proposals, purchased
/// for purchased-vs-assigned). Zero and zero means every gap counts.
struct Tolerance {
  std::int64_t units = 0;  ///< absolute units, >= 0
  Decimal percent;         ///< percent of the base, >= 0
};

/// One line of a contract: what the MSP invoices a tenant for one SKU.
struct ContractLine {
  std::string tenant;
  std::string contract_id;
  std::string line_id;  ///< unique within (tenant, contract_id)
  std::string sku;      ///< the contract SKU observations are mapped to
  std::int64_t quantity = 0;
  std::optional<Money> unit_price;  ///< per unit and billing period; required (validate())
  BillingPeriod billing_period = BillingPeriod::Monthly;
  BillingMode billing_mode = BillingMode::Advance;
  std::chrono::sys_days term_start{};
  std::optional<std::chrono::sys_days> term_end;  ///< exclusive; required unless flexible
  TermKind term_kind = TermKind::Flexible;
  ProrationConvention proration = ProrationConvention::Actual;
  std::int64_t commitment_minimum = 0;  ///< the quantity is never proposed below this
  TrueDownPolicy true_down = TrueDownPolicy::Immediate;
  Tolerance tolerance;
};

/// Throws Error naming the line ("contracts[3] (contract C-1 line L-2): quantity -2 must be
/// >= 0", row 3) when a field is out of its domain: empty ids, negative quantity or
/// minimum, term_end <= term_start, a missing term_end on a committed term, an NCE term that
/// is not a whole number of months, negative tolerance.
void validate(const ContractLine& line, std::size_t index);

/// One unit behind an observation: a user or a device. The flags exclude it from billing
/// (by TrueUpRules); the identity counts a person once across sources.
struct BillableUnit {
  std::string identity;  ///< e.g. the user's e-mail; compared ignoring ASCII case and outer spaces
  bool shared = false;
  bool kiosk = false;
  bool self_paid = false;
  bool service_account = false;
};

/// A count of one SKU seen by one source for one tenant at one time.
struct Observation {
  std::string tenant;
  std::string sku;  ///< as the source names it; mapped through the SkuMap
  ObservationSource source = ObservationSource::Vendor;
  std::int64_t quantity = 0;  ///< as reported
  Instant as_of{};
  std::optional<std::vector<BillableUnit>> units;  ///< unit-level detail, when the source has it
};

/// Vendor SKUs and product names to contract SKUs. A name that is itself a contract SKU maps
/// to itself. Matching ignores ASCII case and outer spaces.
class SkuMap {
 public:
  /// Map `from` to `to`; a second, different target for the same name is Error(INVALID_ARGUMENT).
  void add(std::string_view from, std::string_view to);
  /// The contract SKU for `name`, if mapped.
  const std::string* find(std::string_view name) const;
  std::size_t size() const noexcept { return map_.size(); }
  /// Entries in (normalised name, target) form, sorted by name.
  std::vector<std::pair<std::string, std::string>> entries() const;

 private:
  std::unordered_map<std::string, std::string> map_;
};

/// Billable-unit rules and defaults of a reconciliation.
struct TrueUpRules {
  bool exclude_shared = true;
  bool exclude_kiosk = true;
  bool exclude_self_paid = true;
  bool exclude_service_accounts = true;
  RoundingMode rounding = RoundingMode::HalfEven;  ///< for every amount, applied once
  std::int64_t nce_decrease_window_hours = 168;    ///< after term start or renewal
  Tolerance default_tolerance;  ///< for a tenant and SKU without a contract line
};

/// Throws Error(INVALID_ARGUMENT) for a negative window or tolerance.
void validate(const TrueUpRules& rules);

/// What one source contributed to a tenant and SKU.
struct SourceEvidence {
  ObservationSource source = ObservationSource::Vendor;
  std::int64_t reported = 0;  ///< sum of the reported quantities at the latest as_of
  std::int64_t counted = 0;   ///< billable units after the rules (= reported without units)
  Instant as_of{};            ///< the latest as_of of this source not after the run's as_of
  std::size_t observations = 0;
};

/// The three quantities of one tenant and SKU; a quantity no source reported is absent,
/// never 0 (billed falls back to the contract quantity).
struct QuantitySnapshot {
  std::optional<std::int64_t> purchased;
  std::optional<std::int64_t> assigned;
  std::optional<std::int64_t> billed;
  std::int64_t contracted = 0;  ///< sum of the active contract lines
  bool billed_from_contract = false;
};

/// A gap between two of the three quantities, beyond tolerance.
struct Deviation {
  std::string tenant;
  std::string sku;
  DeviationKind kind = DeviationKind::RevenueLeakage;
  std::int64_t gap = 0;  ///< units, > 0
  QuantitySnapshot quantities;
  std::string contract_id;  ///< the line that prices the gap; empty without a line
  std::string line_id;
  std::optional<Money> monthly_value;  ///< gap x unit price per month; absent without a line
  std::optional<Money> annual_value;   ///< gap x unit price per year
  std::vector<SourceEvidence> evidence;
};

/// A proposed change of one contract line.
struct Proposal {
  std::string tenant;
  std::string contract_id;
  std::string line_id;
  std::string sku;
  ProposalAction action = ProposalAction::TrueUp;
  std::int64_t delta_quantity = 0;  ///< > 0; the direction is `action`
  std::int64_t quantity_before = 0;
  std::int64_t quantity_after = 0;
  std::chrono::sys_days effective_date{};
  std::optional<std::chrono::sys_days> deferred_until;  ///< set when a rule postponed it
  std::chrono::sys_days prorated_to{};  ///< the amount covers [effective_date, prorated_to)
  std::chrono::sys_days invoice_date{};  ///< effective_date (advance) or its period's end (arrears)
  Money amount = detail::zero_money();  ///< signed: a decrease is a credit
  std::string rule;                      ///< e.g. "true_down.nce_deferred_to_renewal"
  bool limited_by_commitment = false;    ///< the decrease stopped at commitment_minimum
  std::vector<SourceEvidence> evidence;
};

/// A change that was wanted but that a rule forbids (commitment floor, policy never).
struct HeldChange {
  std::string tenant;
  std::string contract_id;
  std::string line_id;
  std::string sku;
  std::int64_t wanted_delta = 0;  ///< signed
  std::string reason;             ///< "commitment_minimum" or "true_down_never"
};

/// An observation whose SKU no map entry and no contract SKU names.
struct UnmappedObservation {
  std::size_t index = 0;  ///< position in the observations given
  std::string tenant;
  std::string sku;
  ObservationSource source = ObservationSource::Vendor;
  std::int64_t quantity = 0;
  Instant as_of{};
};

/// Everything a reconciliation found, sorted by tenant, SKU (and kind or line).
struct ReconcileResult {
  Instant as_of{};
  std::vector<Deviation> deviations;
  std::vector<Proposal> proposals;
  std::vector<HeldChange> held;
  std::vector<UnmappedObservation> unmapped;
};

/// Reconcile purchased, assigned and billed per tenant and SKU as of `as_of` and propose
/// true-ups and true-downs of the contract lines.
///
/// Observations after `as_of` are ignored; per source the latest as_of wins and observations
/// at that as_of are summed. Assigned is the number of distinct billable identities across
/// the sources with unit detail, or the largest count of a source without (sources overlap,
/// so they are never added). Lines whose term has not begun or (fixed, flexible with an end)
/// has ended are not active. Throws Error naming the record for invalid lines, negative
/// quantities, duplicate (tenant, contract_id, line_id) and two currencies for one tenant
/// and SKU.
ReconcileResult reconcile(std::span<const ContractLine> lines, std::span<const Observation> observations,
                          Instant as_of, const SkuMap& sku_map = {}, const TrueUpRules& rules = {});

/// SHA-256 fingerprints (lower-case hex) of the canonical form of each input, so a run can be
/// stored, re-run and compared: equal inputs give equal fingerprints whatever their order.
struct InputFingerprints {
  std::string contracts;
  std::string observations;
  std::string sku_map;
  std::string rules;
};
InputFingerprints fingerprint_inputs(std::span<const ContractLine> lines, std::span<const Observation> observations,
                                     const SkuMap& sku_map, const TrueUpRules& rules);

}  // namespace v1
}  // namespace mspcore
