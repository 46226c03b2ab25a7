// Private: the JSON form of true-up records, shared by the C ABI and the ledger. Keys are the
// snake_case field names of the C++ structs (docs/contract-trueup.md lists them).
#pragma once

#include <mspcore/contract/trueup.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace mspcore {
inline namespace v1 {

using nlohmann::json;

/// A date ("2024-03-05", midnight UTC) or an instant ("2024-03-05T10:00:00Z").
Instant parse_instant_or_date(const std::string& text);

json line_to_json(const ContractLine& line);
/// Errors name the record as contracts[index].
ContractLine line_from_json(const json& value, std::size_t index);
std::vector<ContractLine> lines_from_json(const json& list);

/// Errors name the record as observations[index].
Observation observation_from_json(const json& value, std::size_t index);
std::vector<Observation> observations_from_json(const json& list);

/// {"vendor name": "CONTRACT-SKU", ...}; null is an empty map.
SkuMap sku_map_from_json(const json& value);
/// {"exclude_shared": true, "rounding": "half_even", ...}; null gives the defaults.
TrueUpRules rules_from_json(const json& value);
json rules_to_json(const TrueUpRules& rules);

json proposal_to_json(const Proposal& proposal);
Proposal proposal_from_json(const json& value, std::size_t index);
json result_to_json(const ReconcileResult& result);

/// {"contracts": [...], "observations": [...], "as_of": "...", "sku_map": {...}, "rules": {...}}
ReconcileResult reconcile_json(const json& request);

}  // namespace v1
}  // namespace mspcore
