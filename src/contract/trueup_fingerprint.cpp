// Input fingerprints of a reconciliation: SHA-256 over a canonical, order-independent form.
#include <mspcore/contract/trueup_columns.hpp>

#include "contract/trueup_detail.hpp"
#include "contract/trueup_json.hpp"
#include "core/sha256.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace mspcore {
inline namespace v1 {

namespace {

// JSON dumps are canonical (nlohmann sorts object keys) and never contain a raw newline, so
// sorted records joined by '\n' hash the same whatever order they came in.
std::string hash_records(std::vector<std::string> records) {
  std::sort(records.begin(), records.end());
  Sha256 h;
  for (const std::string& r : records) {
    h.update(r);
    h.update("\n");
  }
  return h.hex();
}

std::string canonical(const ObservationColumns& o, std::size_t i, const std::vector<BillableUnit>* detail) {
  json units = nullptr;  // "no unit detail" differs from "an empty list of units"
  if (detail != nullptr) {
    std::vector<json> list;
    for (const BillableUnit& u : *detail) {
      list.push_back(json::array({normalize_key(u.identity), u.shared, u.kiosk, u.self_paid, u.service_account}));
    }
    std::sort(list.begin(), list.end());
    units = list;
  }
  return json{{"tenant", o.tenant[i]},
              {"sku", o.sku[i]},
              {"source", to_string(o.source[i])},
              {"quantity", o.quantity[i]},
              {"as_of", unix_seconds(o.as_of[i])},
              {"units", units}}
      .dump();
}

}  // namespace

InputFingerprints fingerprint_inputs(std::span<const ContractLine> lines, std::span<const Observation> observations,
                                     const SkuMap& sku_map, const TrueUpRules& rules) {
  ObservationColumns columns;
  columns.reserve(observations.size());
  for (const Observation& o : observations) columns.push_back(Observation(o));
  return fingerprint_inputs(lines, columns, sku_map, rules);
}

InputFingerprints fingerprint_inputs(std::span<const ContractLine> lines, const ObservationColumns& observations,
                                     const SkuMap& sku_map, const TrueUpRules& rules) {
  std::vector<std::string> contracts;
  contracts.reserve(lines.size());
  for (const ContractLine& l : lines) contracts.push_back(line_to_json(l).dump());
  std::vector<std::string> seen;
  seen.reserve(observations.size());
  std::size_t with_units = 0;  // observations.units is in row order
  for (std::size_t i = 0; i < observations.size(); ++i) {
    const bool detail = with_units < observations.units.size() && observations.units[with_units].first == i;
    seen.push_back(canonical(observations, i, detail ? &observations.units[with_units++].second : nullptr));
  }
  json map = json::array();
  for (const auto& [from, to] : sku_map.entries()) map.push_back(json::array({from, to}));
  return {hash_records(std::move(contracts)), hash_records(std::move(seen)), sha256_hex(map.dump()),
          sha256_hex(rules_to_json(rules).dump())};
}

}  // namespace v1
}  // namespace mspcore
