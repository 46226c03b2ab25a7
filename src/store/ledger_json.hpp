// Private: the JSON form of ledger events, shared by the C ABI and the Python binding.
#pragma once

#include <mspcore/contract/trueup_ledger.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>

namespace mspcore {
inline namespace v1 {

/// {"sequence", "kind", "tenant", "contract_id", "line_id", "proposal_id", "run_id",
/// "quantity", "effective_date", "actor", "at" (ISO-8601 instant), "reason", "detail"}.
inline nlohmann::json event_to_json(const LedgerEvent& e) {
  using nlohmann::json;
  auto optional_int = [](const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); };
  return {{"sequence", e.sequence},
          {"kind", e.kind},
          {"tenant", e.tenant},
          {"contract_id", e.contract_id},
          {"line_id", e.line_id},
          {"proposal_id", optional_int(e.proposal_id)},
          {"run_id", optional_int(e.run_id)},
          {"quantity", optional_int(e.quantity)},
          {"effective_date", e.effective_date ? json(format_date(*e.effective_date)) : json(nullptr)},
          {"actor", e.stamp.actor},
          {"at", format_instant(e.stamp.at)},
          {"reason", e.stamp.reason},
          {"detail", json::parse(e.detail_json)}};
}

}  // namespace v1
}  // namespace mspcore
