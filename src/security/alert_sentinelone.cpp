// SentinelOne threats, REST API v2.1: one element of GET /web/api/v2.1/threats -> data[].
// The mapping table is in docs/security-alerts.md; keep the two in step.
#include "security/alert_detail.hpp"

#include <array>

namespace mspcore {
inline namespace v1 {
namespace detail::alert {
namespace {

// "blocked": stopped before it ran; "marked_as_benign": nothing left to contain.
constexpr std::array<Word<MitigationStatus>, 7> kMitigations{{
    {"mitigated", MitigationStatus::Mitigated},
    {"blocked", MitigationStatus::Mitigated},
    {"marked_as_benign", MitigationStatus::Mitigated},
    {"partially_mitigated", MitigationStatus::Partially},
    {"not_mitigated", MitigationStatus::NotMitigated},
    {"active", MitigationStatus::NotMitigated},
    {"pending", MitigationStatus::InProgress},
}};

constexpr std::array<Word<AlertStatus>, 3> kStatuses{{
    {"unresolved", AlertStatus::Open},
    {"in_progress", AlertStatus::InProgress},
    {"resolved", AlertStatus::Resolved},
}};

// What normalize_sentinelone() reads: a member it starts reading must be added here, or it
// is never there.
constexpr KeepMember kScopeMembers[] = {{"accountId", nullptr}, {"accountName", nullptr}, {"siteId", nullptr},
                                        {"siteName", nullptr}};
constexpr KeepMember kRealtimeMembers[] = {{"accountId", nullptr}, {"accountName", nullptr}, {"agentComputerName", nullptr},
                                           {"agentId", nullptr},   {"siteId", nullptr},      {"siteName", nullptr}};
constexpr KeepMember kThreatInfoMembers[] = {
    {"analystVerdict", nullptr}, {"classification", nullptr},   {"confidenceLevel", nullptr}, {"createdAt", nullptr},
    {"identifiedAt", nullptr},   {"incidentStatus", nullptr},   {"md5", nullptr},             {"mitigationStatus", nullptr},
    {"sha1", nullptr},           {"sha256", nullptr},           {"threatId", nullptr},        {"threatName", nullptr},
    {"updatedAt", nullptr}};
constexpr KeepFilter kScope{kScopeMembers};
constexpr KeepFilter kRealtime{kRealtimeMembers};
constexpr KeepFilter kThreatInfo{kThreatInfoMembers};
constexpr KeepMember kTopMembers[] = {{"agentDetectionInfo", &kScope},
                                      {"agentRealtimeInfo", &kRealtime},
                                      {"id", nullptr},
                                      {"threatInfo", &kThreatInfo}};


}  // namespace

const KeepFilter kSentinelOneKeep{kTopMembers};

NormalizedAlert normalize_sentinelone(const json& p) {
  NormalizedAlert a;
  a.source = AlertSource::SentinelOne;
  a.source_id = require_id(first_of({find(p, {"id"}), find(p, {"threatInfo", "threatId"})}),
                           record_name(a.source, "") + ": id");
  return json_util::in_context(record_name(a.source, a.source_id), [&] {
    // The scope the agent is in now is where the MSP maps its customer; the scope at
    // detection time only fills what the real-time info lacks.
    const auto scope = [&](const char* key) {
      const char* info = find(p, {"agentRealtimeInfo", key}) ? "agentRealtimeInfo" : "agentDetectionInfo";
      return text(find(p, {info, key}), std::string(info) + "." + key);
    };
    a.tenant = {scope("accountId"), scope("accountName"), scope("siteId"), scope("siteName")};
    a.asset = {text(find(p, {"agentRealtimeInfo", "agentId"}), "agentRealtimeInfo.agentId"),
               text(find(p, {"agentRealtimeInfo", "agentComputerName"}), "agentRealtimeInfo.agentComputerName")};
    a.affected_assets = a.asset.id || a.asset.name ? 1 : 0;

    const auto info = [&](const char* key) { return find(p, {"threatInfo", key}); };
    const auto where = [](const char* key) { return std::string("threatInfo.") + key; };
    a.category = text(info("classification"), where("classification"));
    const auto name = text(info("threatName"), where("threatName"));
    a.title = name.value_or(a.category.value_or(""));
    a.threat = threat_key({hash_key(info("sha256"), "sha256", where("sha256")),
                           hash_key(info("sha1"), "sha1", where("sha1")), hash_key(info("md5"), "md5", where("md5"))},
                          name, a.source_id);
    // Threats carry no severity: it stays unknown, and the confidence level speaks instead.
    a.verdict = map<AlertVerdict>(info("analystVerdict"), kSentinelOneVerdicts, where("analystVerdict"));
    a.confidence = map<AlertConfidence>(info("confidenceLevel"), kSentinelOneConfidences, where("confidenceLevel"));
    a.mitigation = map<MitigationStatus>(info("mitigationStatus"), kMitigations, where("mitigationStatus"));
    a.status = map<AlertStatus>(info("incidentStatus"), kStatuses, where("incidentStatus"));
    // Threats have no last-detection time; updatedAt is the latest change the console knows.
    const char* first = info("identifiedAt") != nullptr ? "identifiedAt" : "createdAt";
    set_seen(a, instant(info(first), where(first)), instant(info("updatedAt"), where("updatedAt")),
             "threatInfo.identifiedAt or createdAt");
    return a;
  });
}

}  // namespace detail::alert
}  // namespace v1
}  // namespace mspcore
