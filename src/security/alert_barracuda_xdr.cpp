// Barracuda XDR alarms. XDR has no public alarm API: its e-mail and PSA integrations deliver
// the alarm, and the integrator writes it into mspcore's documented JSON shape
// (docs/security-alerts.md). The shape is ours, so unknown keys are typos and are refused.
#include "security/alert_detail.hpp"

#include <array>

namespace mspcore {
inline namespace v1 {
namespace detail::alert {
namespace {

constexpr std::array<Word<AlertVerdict>, 3> kVerdicts{{
    {"true_positive", AlertVerdict::TruePositive},
    {"suspicious", AlertVerdict::Suspicious},
    {"false_positive", AlertVerdict::FalsePositive},
}};

constexpr std::array<Word<MitigationStatus>, 4> kMitigations{{
    {"mitigated", MitigationStatus::Mitigated},
    {"partially_mitigated", MitigationStatus::Partially},
    {"in_progress", MitigationStatus::InProgress},
    {"not_mitigated", MitigationStatus::NotMitigated},
}};

constexpr std::array<Word<AlertStatus>, 5> kStatuses{{
    {"open", AlertStatus::Open},
    {"new", AlertStatus::Open},
    {"in_progress", AlertStatus::InProgress},
    {"closed", AlertStatus::Resolved},
    {"resolved", AlertStatus::Resolved},
}};

}  // namespace

NormalizedAlert normalize_barracuda_xdr(const json& p) {
  NormalizedAlert a;
  a.source = AlertSource::BarracudaXdr;
  a.source_id = require_id(find(p, {"alarm_id"}), record_name(a.source, "") + ": alarm_id");
  return json_util::in_context(record_name(a.source, a.source_id), [&] {
    json_util::reject_unknown_keys(p, "alarm",
                                   {"alarm_id", "account_id", "account_name", "hostname", "device_id", "alarm_name",
                                    "category", "description", "sha256", "severity", "status", "verdict", "mitigation",
                                    "created_at", "updated_at", "cves", "cvss_vector"});
    a.tenant.account_id = text(find(p, {"account_id"}), "account_id");
    a.tenant.account_name = text(find(p, {"account_name"}), "account_name");
    a.asset = {text(find(p, {"device_id"}), "device_id"), text(find(p, {"hostname"}), "hostname")};
    a.affected_assets = a.asset.id || a.asset.name ? 1 : 0;

    const auto name = text(find(p, {"alarm_name"}), "alarm_name");
    a.title = name.value_or("");
    a.description = text(find(p, {"description"}), "description");
    a.category = text(find(p, {"category"}), "category");
    a.threat = threat_key({hash_key(find(p, {"sha256"}), "sha256", "sha256")}, name, a.source_id);
    a.severity = map<AlertSeverity>(find(p, {"severity"}), kSeverityWords, "severity");
    a.verdict = map<AlertVerdict>(find(p, {"verdict"}), kVerdicts, "verdict");
    a.mitigation = map<MitigationStatus>(find(p, {"mitigation"}), kMitigations, "mitigation");
    a.status = map<AlertStatus>(find(p, {"status"}), kStatuses, "status");
    set_seen(a, instant(find(p, {"created_at"}), "created_at"), instant(find(p, {"updated_at"}), "updated_at"),
             "created_at");
    set_vulnerability(a, find(p, {"cves"}), find(p, {"cvss_vector"}));
    return a;
  });
}

}  // namespace detail::alert
}  // namespace v1
}  // namespace mspcore
