// Private to the alert pipeline: the rules of docs/security-alert-pipeline.md that decide what
// an alert does to an incident (join it, reopen it, raise its priority, or open a new one) and
// which ticket action that asks for. They work on incidents in memory; the store reads and
// writes them.
#pragma once

#include <mspcore/security/alert_pipeline.hpp>

#include "security/alert_prepare.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mspcore {
inline namespace v1 {
namespace detail::pipeline {

/// An incident a batch is working on: the stored columns and what the batch did to it.
struct Work {
  Incident inc;
  std::int64_t ordinal = 1;
  std::string explanation;
  std::string title;
  bool created = false;
  bool reopened = false;
  bool grew = false;
  bool raised = false;
  bool dirty = false;                  // its row must be written
  std::vector<std::string> alert_ids;  // the alerts that ask for its request
};

/// Whether a new alert first seen at `first_seen` joins `latest`, the latest incident of its
/// key: an open one within the correlation window, or a resolved one that recurs within
/// reopen_within under ReopenPolicy::Reopen (which reopens it).
bool correlate(Work& latest, Instant first_seen, const AlertPipelineConfig& config);

/// `p` joins `w`: one more alert, a wider time span, perhaps a higher priority.
void join(Work& w, const Prepared& p);

/// Takes the priority of `p` (and its explanation) when it is higher than that of `w`
/// (a smaller number). Returns whether it did.
bool raise_priority(Work& w, const Prepared& p);

/// A new incident of `p`: the `ordinal`-th of its key, with id `id`. Takes the strings of `p`
/// but its keys (source_id, alert_id, incident_key), which the batch still needs.
Work open_incident(Prepared& p, std::int64_t id, std::int64_t ordinal);

/// The request `w` asks for at the end of a batch: create, reopen, update, or none.
std::optional<TicketAction> action_for(const Work& w);

}  // namespace detail::pipeline
}  // namespace v1
}  // namespace mspcore
