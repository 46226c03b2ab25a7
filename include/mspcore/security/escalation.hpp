/// @file escalation.hpp
/// @brief Escalation workflows: per priority a ladder of steps, due a number of minutes (24x7
/// or business minutes) after an incident opened, some only while it is not acknowledged.
///
/// Evaluated against the acknowledgement: which steps are due now and when the next one is.
/// Format and rules in docs/security-risk.md (section "Escalation").
#pragma once

#include <mspcore/calendar/business_calendar.hpp>
#include <mspcore/time/instant.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// When a step applies.
enum class EscalationCondition : std::uint8_t {
  Unacknowledged,  ///< only if the incident is not acknowledged at or before the step's due instant
  Always           ///< whatever the acknowledgement
};

/// "unacknowledged" or "always".
std::string_view to_string(EscalationCondition condition) noexcept;

/// One step of a ladder.
struct EscalationStep {
  std::string name;                 ///< "notify on-call"
  std::int64_t after_minutes = 0;   ///< after the incident opened; business minutes with a calendar
  EscalationCondition condition = EscalationCondition::Unacknowledged;  ///< when it applies

  /// Member-wise equality.
  friend bool operator==(const EscalationStep&, const EscalationStep&) = default;
};

/// Ladders by ITIL priority 1..5, and an optional default ladder for the others.
struct EscalationPolicy {
  std::map<int, std::vector<EscalationStep>> ladders;   ///< by priority 1..5
  std::optional<std::vector<EscalationStep>> default_ladder;  ///< for priorities without a ladder

  /// From {"ladders": {"P1": [{"name", "after_minutes", "condition"}, ...], ...}, "default": [...]}.
  /// Priority keys are "1".."5" or "P1".."P5". Unknown keys, empty names, negative minutes and
  /// unknown conditions are Error(INVALID_ARGUMENT); malformed JSON Error(PARSE_ERROR).
  static EscalationPolicy from_json(std::string_view json);

  /// The ladder of a priority (1..5): its own, else the default; Error(UNKNOWN_PRIORITY) if
  /// neither exists, Error(OUT_OF_RANGE) outside 1..5.
  const std::vector<EscalationStep>& ladder(int priority) const;
};

/// A step and its due instant.
struct EscalationDue {
  std::size_t index = 0;  ///< position in the ladder
  EscalationStep step;    ///< the step
  Instant due_at;         ///< when it is (or was) due
};

/// What the ladder says at `now`.
struct EscalationStatus {
  int priority = 1;                        ///< the priority evaluated
  bool acknowledged = false;               ///< acknowledged at or before now
  std::optional<Instant> acknowledged_at;  ///< when, if acknowledged
  std::vector<EscalationDue> due;          ///< due at or before now, by due instant then ladder order
  std::vector<EscalationDue> stopped;      ///< conditional steps the acknowledgement stopped
  std::optional<EscalationDue> next;       ///< the first step due after now, if any
};

/// Evaluate the ladder of `priority` for an incident opened at `opened_at`.
///
/// A step's due instant is opened_at + after_minutes, or calendar->add_business(opened_at,
/// 60 x after_minutes) with a calendar (business minutes; nullptr is 24x7). A step is due when
/// its due instant is at or before `now`, unless it is conditional and the incident was
/// acknowledged at or before its due instant (then it is stopped). An acknowledgement after
/// `now` is not yet known and is ignored. `next` is the earliest step due after `now` that is
/// not stopped. Throws Error(INVALID_TIMELINE) if `now` or the acknowledgement is before
/// `opened_at`.
EscalationStatus escalation_due(const EscalationPolicy& policy, int priority, Instant opened_at, Instant now,
                                std::optional<Instant> acknowledged_at = std::nullopt,
                                const BusinessCalendar* calendar = nullptr);

/// The status as JSON: {"priority", "acknowledged", "acknowledged_at", "due": [{"index", "step",
/// "after_minutes", "condition", "due_at"}], "stopped": [...], "next": {...} or null}, with
/// instants as ISO-8601 UTC text.
std::string escalation_status_to_json(const EscalationStatus& status);

}  // namespace v1
}  // namespace mspcore
