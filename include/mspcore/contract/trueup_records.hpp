/// @file trueup_records.hpp
/// @brief The one decoder of true-up records (contract lines, observations), whatever
/// carries them: the C ABI's JSON, Python dicts and DataFrames, a host's rows.
#pragma once

#include <mspcore/contract/trueup.hpp>
#include <mspcore/records/fields.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// The fields of a contract line, numbered as in kContractLineFields.
enum class ContractLineField : std::size_t {
  tenant, contract_id, line_id, sku, quantity, unit_price, currency, billing_period, billing_mode, term_start,
  term_end, term_kind, proration, commitment_minimum, true_down, tolerance_units, tolerance_percent
};
inline constexpr std::array<std::string_view, 17> kContractLineFields = {
    "tenant", "contract_id", "line_id", "sku", "quantity", "unit_price", "currency", "billing_period",
    "billing_mode", "term_start", "term_end", "term_kind", "proration", "commitment_minimum", "true_down",
    "tolerance_units", "tolerance_percent"};

/// The fields of an observation, numbered as in kObservationFields.
enum class ObservationField : std::size_t { tenant, sku, source, quantity, as_of, units };
inline constexpr std::array<std::string_view, 6> kObservationFields = {"tenant", "sku",   "source",
                                                                       "quantity", "as_of", "units"};

/// The fields of a billable unit given as an object (a unit may also be just its identity).
inline constexpr std::array<std::string_view, 5> kBillableUnitFields = {"identity", "shared", "kiosk", "self_paid",
                                                                        "service_account"};

/// Contract line `index` of a request ("contracts[index]" in errors, which carry the row).
/// Required: tenant, contract_id, line_id, sku, quantity, unit_price (a decimal, optionally
/// "EUR 12.50" which must agree with currency), currency, term_start. Defaults: monthly,
/// advance, flexible, actual-day proration, no commitment minimum, immediate true-down, no
/// tolerance. The line is validated (validate(const ContractLine&, std::size_t)).
ContractLine read_contract_line(const Fields& fields, std::size_t index);

/// Observation `index` ("observations[index]"). Required: tenant, sku, source, as_of (an
/// instant, or a date for midnight UTC), and quantity unless units are given: it is then the
/// number of units. Units are identities or objects with an identity and flags.
Observation read_observation(const Fields& fields, std::size_t index);

/// The billable-unit rules and defaults of a reconciliation from their JSON object
/// ({"exclude_shared": true, "rounding": "half_even", ...}); "null" or "" gives the defaults.
/// Malformed JSON is Error(PARSE_ERROR), an unknown key or bad value Error(INVALID_ARGUMENT).
TrueUpRules trueup_rules_from_json(std::string_view text);

/// Contract lines from JSON text, one object or a list of them; `what` names the text in
/// errors about its syntax, records are named contracts[i].
std::vector<ContractLine> contract_lines_from_json(std::string_view text, const std::string& what);
/// Proposals from JSON text, one object or a list of them (proposals[i] in errors).
std::vector<Proposal> proposals_from_json(std::string_view text, const std::string& what);
/// A contract line as its JSON object (the keys of kContractLineFields).
std::string contract_line_json(const ContractLine& line);

/// A reconciliation result as the JSON document of the C ABI (msp_trueup_reconcile_json).
std::string reconcile_result_json(const ReconcileResult& result);

}  // namespace v1
}  // namespace mspcore
