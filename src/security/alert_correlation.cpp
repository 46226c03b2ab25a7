// Correlation and reopening: how alerts group into incidents (docs/security-alert-pipeline.md).
#include "security/alert_correlation.hpp"

#include "security/alert_keys.hpp"

#include <algorithm>
#include <utility>

namespace mspcore {
inline namespace v1 {
namespace detail::pipeline {

bool correlate(Work& latest, Instant first_seen, const AlertPipelineConfig& config) {
  if (latest.inc.open) {
    return first_seen <= latest.inc.last_seen + config.correlation_window &&
           first_seen + config.correlation_window >= latest.inc.first_seen;
  }
  if (config.reopen_policy == ReopenPolicy::Reopen && latest.inc.resolved_at &&
      first_seen <= *latest.inc.resolved_at + config.reopen_within) {
    latest.inc.open = true;
    latest.reopened = true;
    return true;
  }
  return false;
}

bool raise_priority(Work& w, const Prepared& p) {
  if (p.priority >= w.inc.priority) return false;
  w.inc.priority = p.priority;
  w.explanation = p.explanation;
  w.raised = true;
  w.dirty = true;
  return true;
}

void join(Work& w, const Prepared& p) {
  ++w.inc.alert_count;
  w.inc.first_seen = std::min(w.inc.first_seen, p.first_seen);
  w.inc.last_seen = std::max(w.inc.last_seen, p.last_seen);
  w.grew = true;
  w.dirty = true;
  raise_priority(w, p);
  w.alert_ids.push_back(p.alert_id);
}

Work open_incident(Prepared& p, std::int64_t id, std::int64_t ordinal) {
  Work w;
  w.inc.id = id;
  w.ordinal = ordinal;
  w.inc.dedup_key = dedup_key(p.incident_key, ordinal);
  w.inc.open = true;
  w.inc.priority = p.priority;
  w.explanation = std::move(p.explanation);
  w.inc.alert_count = 1;
  w.inc.first_seen = p.first_seen;
  w.inc.last_seen = p.last_seen;
  w.title = std::move(p.title);
  w.created = true;
  w.alert_ids.push_back(p.alert_id);
  w.inc.tenant = std::move(p.tenant);
  w.inc.asset = std::move(p.asset);
  w.inc.threat = std::move(p.threat);
  return w;
}

std::optional<TicketAction> action_for(const Work& w) {
  if (w.created) return TicketAction::Create;
  if (w.reopened) return TicketAction::Reopen;
  if ((w.grew || w.raised) && w.inc.open) return TicketAction::Update;
  return std::nullopt;
}

}  // namespace detail::pipeline
}  // namespace v1
}  // namespace mspcore
