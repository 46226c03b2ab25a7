#include "capi/boundary.hpp"

#include <mspcore/contract/trueup_ledger.hpp>

#include <mspcore/contract/trueup_records.hpp>

#include "contract/trueup_json.hpp"
#include "core/json_util.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

using namespace mspcore;
using capi::deref;
using capi::guarded;
using capi::text;

struct msp_trueup_ledger {
  TrueUpLedger ledger;
};

namespace {

TrueUpLedger& ledger_of(msp_trueup_ledger* handle) { return deref(handle, "ledger").ledger; }
const TrueUpLedger& ledger_of(const msp_trueup_ledger* handle) { return deref(handle, "ledger").ledger; }

// reason is optional: NULL is "".
AuditStamp stamp_of(const char* actor, int64_t at, const char* reason) {
  return {std::string(text(actor, "actor")), from_unix_seconds(at), reason == nullptr ? std::string() : reason};
}

std::chrono::sys_days date_of(const char* date) { return parse_date(text(date, "effective_date")); }

// NULL is every tenant (an MSP-wide caller); "" is Error(INVALID_ARGUMENT), never "all".
TenantScope scope_of(const char* tenant) { return tenant == nullptr ? TenantScope::all() : TenantScope::only(tenant); }

}  // namespace

extern "C" {

msp_status msp_trueup_ledger_open(const char* path, msp_trueup_ledger** out, msp_error* err) {
  return guarded(err, [&] {
    deref(out, "out") = nullptr;
    *out = new msp_trueup_ledger{TrueUpLedger(std::string(text(path, "path")))};
  });
}

void msp_trueup_ledger_free(msp_trueup_ledger* ledger) { delete ledger; }

msp_status msp_trueup_ledger_record_change_json(msp_trueup_ledger* ledger, const char* line_json,
                                                const char* effective_date, const char* actor, int64_t at,
                                                const char* reason, int64_t* sequence, msp_error* err) {
  return guarded(err, [&] {
    TrueUpLedger& l = ledger_of(ledger);
    const LineChange change{line_from_json(json_util::parse(text(line_json, "line_json"), "line_json"), 0),
                            date_of(effective_date)};
    const std::int64_t seq = l.record_change(change, stamp_of(actor, at, reason));
    if (sequence != nullptr) *sequence = seq;
  });
}

msp_status msp_trueup_ledger_propose_json(msp_trueup_ledger* ledger, const char* proposals_json, const char* actor,
                                          int64_t at, const char* reason, int64_t run_id, int64_t* ids,
                                          size_t ids_cap, size_t* count, msp_error* err) {
  return guarded(err, [&] {
    TrueUpLedger& l = ledger_of(ledger);
    const std::vector<Proposal> proposals = proposals_from_json(text(proposals_json, "proposals_json"), "proposals_json");
    const AuditStamp stamp = stamp_of(actor, at, reason);
    if (count != nullptr) *count = proposals.size();
    // Checked before anything is written: a short buffer must not leave proposals behind.
    if (ids_cap < proposals.size() || (ids == nullptr && !proposals.empty())) {
      throw Error(ErrorCode::BUFFER_TOO_SMALL, "room for " + std::to_string(ids == nullptr ? 0 : ids_cap) +
                                                   " ids is too small: " + std::to_string(proposals.size()) +
                                                   " needed; nothing was written");
    }
    const auto written = l.propose(proposals, stamp, run_id < 0 ? std::nullopt : std::optional<std::int64_t>(run_id));
    std::copy(written.begin(), written.end(), ids);
  });
}

msp_status msp_trueup_ledger_decide(msp_trueup_ledger* ledger, const char* tenant, int64_t proposal_id,
                                    const char* decision, const char* actor, int64_t at, const char* reason,
                                    msp_error* err) {
  return guarded(err, [&] {
    TrueUpLedger& l = ledger_of(ledger);
    l.decide(scope_of(tenant), proposal_id, parse_proposal_state(text(decision, "decision")),
             stamp_of(actor, at, reason));
  });
}

msp_status msp_trueup_ledger_apply(msp_trueup_ledger* ledger, const char* tenant, int64_t proposal_id,
                                   const char* actor, int64_t at, const char* reason, int64_t* sequence,
                                   msp_error* err) {
  return guarded(err, [&] {
    const std::int64_t seq = ledger_of(ledger).apply(scope_of(tenant), proposal_id, stamp_of(actor, at, reason));
    if (sequence != nullptr) *sequence = seq;
  });
}

msp_status msp_trueup_ledger_quantity_as_of(const msp_trueup_ledger* ledger, const char* tenant,
                                            const char* contract_id, const char* line_id, const char* date,
                                            int64_t known_at, int64_t* quantity, msp_error* err) {
  return guarded(err, [&] {
    const TrueUpLedger& l = ledger_of(ledger);
    deref(quantity, "quantity");
    const std::optional<Instant> known =
        known_at == MSP_NO_INSTANT ? std::nullopt : std::optional<Instant>(from_unix_seconds(known_at));
    *quantity = l.quantity_as_of(text(tenant, "tenant"), text(contract_id, "contract_id"), text(line_id, "line_id"),
                                 parse_date(text(date, "date")), known);
  });
}

msp_status msp_trueup_ledger_history_json(const msp_trueup_ledger* ledger, const char* tenant,
                                          const char* contract_id, const char* line_id, char* buf, size_t buf_size,
                                          size_t* required, msp_error* err) {
  return guarded(err, [&] {
    const TrueUpLedger& l = ledger_of(ledger);
    const std::vector<LedgerEvent> events = l.history(text(tenant, "tenant"), contract_id == nullptr ? "" : contract_id,
                                                      line_id == nullptr ? "" : line_id);
    capi::write_string(ledger_events_json(events), buf, buf_size, required);
  });
}

}  // extern "C"
