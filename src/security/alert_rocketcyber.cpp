// RocketCyber incidents, API v3: one element of GET /v3/incidents -> data[]. Incidents
// carry no verdict, confidence or mitigation; status and severity are open strings (the
// public clients disagree on their values). Table in docs/security-alerts.md.
#include "security/alert_detail.hpp"

#include <array>

namespace mspcore {
inline namespace v1 {
namespace detail::alert {
namespace {

constexpr std::array<Word<AlertStatus>, 4> kStatuses{{
    {"open", AlertStatus::Open},
    {"in_progress", AlertStatus::InProgress},
    {"resolved", AlertStatus::Resolved},
    {"closed", AlertStatus::Resolved},
}};

// What normalize_rocketcyber() reads: a member it starts reading must be added here, or it is
// never there.
constexpr KeepMember kMembers[] = {{"accountId", nullptr},   {"accountName", nullptr}, {"affectedDevices", nullptr},
                                   {"createdAt", nullptr},   {"description", nullptr}, {"id", nullptr},
                                   {"severity", nullptr},    {"status", nullptr},      {"title", nullptr},
                                   {"updatedAt", nullptr}};

}  // namespace

const KeepFilter kRocketCyberKeep{kMembers};

NormalizedAlert normalize_rocketcyber(const json& p) {
  NormalizedAlert a;
  a.source = AlertSource::RocketCyber;
  a.source_id = require_id(find(p, {"id"}), record_name(a.source, "") + ": id");
  return json_util::in_context(record_name(a.source, a.source_id), [&] {
    a.tenant.account_id = text(find(p, {"accountId"}), "accountId");
    a.tenant.account_name = text(find(p, {"accountName"}), "accountName");
    if (const json* devices = find(p, {"affectedDevices"})) {
      if (!devices->is_array()) {
        throw Error(ErrorCode::INVALID_ARGUMENT, "affectedDevices: expected a list, got " + devices->dump());
      }
      for (std::size_t i = 0; i < devices->size(); ++i) {
        auto device = text(&(*devices)[i], "affectedDevices[" + std::to_string(i) + "]");
        if (i == 0) a.asset.name = std::move(device);
      }
      a.affected_assets = static_cast<std::uint32_t>(devices->size());
    }

    const auto title = text(find(p, {"title"}), "title");
    a.title = title.value_or("");
    a.description = text(find(p, {"description"}), "description");
    a.threat = threat_key({}, title, a.source_id);
    a.severity = map<AlertSeverity>(find(p, {"severity"}), kSeverityWords, "severity");
    a.status = map<AlertStatus>(find(p, {"status"}), kStatuses, "status");
    set_seen(a, instant(find(p, {"createdAt"}), "createdAt"), instant(find(p, {"updatedAt"}), "updatedAt"), "createdAt");
    return a;
  });
}

}  // namespace detail::alert
}  // namespace v1
}  // namespace mspcore
