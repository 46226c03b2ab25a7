// SentinelOne Unified Alert Management: one node of the GraphQL `alerts` query
// (data.alerts.edges[].node), with upper-case enums. Table in docs/security-alerts.md.
#include "security/alert_detail.hpp"

#include <array>

namespace mspcore {
inline namespace v1 {
namespace detail::alert {
namespace {

// `result`: what the agent did about the detection.
constexpr std::array<Word<MitigationStatus>, 5> kResults{{
    {"mitigated", MitigationStatus::Mitigated},
    {"blocked", MitigationStatus::Mitigated},
    {"partially_mitigated", MitigationStatus::Partially},
    {"unmitigated", MitigationStatus::NotMitigated},
    {"not_mitigated", MitigationStatus::NotMitigated},
}};

constexpr std::array<Word<AlertStatus>, 3> kStatuses{{
    {"new", AlertStatus::Open},
    {"in_progress", AlertStatus::InProgress},
    {"resolved", AlertStatus::Resolved},
}};

}  // namespace

NormalizedAlert normalize_sentinelone_uam(const json& p) {
  NormalizedAlert a;
  a.source = AlertSource::SentinelOneUam;
  a.source_id = require_id(find(p, {"id"}), record_name(a.source, "") + ": id");
  return json_util::in_context(record_name(a.source, a.source_id), [&] {
    // As for REST threats: the real-time scope first, the detection-time scope where it is silent.
    const auto scope = [&](const char* object, const char* key, const char* detection_key) {
      if (const json* v = find(p, {"realTime", "scope", object, key})) {
        return text(v, std::string("realTime.scope.") + object + "." + key);
      }
      return text(find(p, {"detectionTime", "scope", detection_key}), std::string("detectionTime.scope.") + detection_key);
    };
    a.tenant = {scope("account", "id", "accountId"), scope("account", "name", "accountName"),
                scope("site", "id", "siteId"), scope("site", "name", "siteName")};
    a.asset = {text(find(p, {"asset", "id"}), "asset.id"), text(find(p, {"asset", "name"}), "asset.name")};
    a.affected_assets = a.asset.id || a.asset.name ? 1 : 0;

    const auto name = text(find(p, {"name"}), "name");
    a.title = name.value_or("");
    a.description = text(find(p, {"description"}), "description");
    a.category = text(find(p, {"classification"}), "classification");
    const auto file = [&](const char* key) { return find(p, {"process", "file", key}); };
    a.threat = threat_key({hash_key(file("sha256"), "sha256", "process.file.sha256"),
                           hash_key(file("sha1"), "sha1", "process.file.sha1"),
                           hash_key(file("md5"), "md5", "process.file.md5")},
                          name, a.source_id);
    a.severity = map<AlertSeverity>(find(p, {"severity"}), kSeverityWords, "severity");
    a.verdict = map<AlertVerdict>(find(p, {"analystVerdict"}), kSentinelOneVerdicts, "analystVerdict");
    a.confidence = map<AlertConfidence>(find(p, {"confidenceLevel"}), kSentinelOneConfidences, "confidenceLevel");
    a.mitigation = map<MitigationStatus>(find(p, {"result"}), kResults, "result");
    a.status = map<AlertStatus>(find(p, {"status"}), kStatuses, "status");

    const char* first = find(p, {"firstSeenAt"}) ? "firstSeenAt" : find(p, {"detectedAt"}) ? "detectedAt" : "createdAt";
    const char* last = find(p, {"lastSeenAt"}) ? "lastSeenAt" : "updatedAt";
    set_seen(a, instant(find(p, {first}), first), instant(find(p, {last}), last),
             "firstSeenAt, detectedAt or createdAt");
    return a;
  });
}

}  // namespace detail::alert
}  // namespace v1
}  // namespace mspcore
