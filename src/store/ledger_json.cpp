// The JSON form of ledger events (ledger_events_json in mspcore/contract/trueup_ledger.hpp).
#include <mspcore/contract/trueup_ledger.hpp>

#include <nlohmann/json.hpp>

namespace mspcore {
inline namespace v1 {

namespace {

nlohmann::json event_to_json(const LedgerEvent& e) {
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

}  // namespace

std::string ledger_events_json(std::span<const LedgerEvent> events) {
  nlohmann::json out = nlohmann::json::array();
  for (const LedgerEvent& e : events) out.push_back(event_to_json(e));
  return out.dump();
}

}  // namespace v1
}  // namespace mspcore
