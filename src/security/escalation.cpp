// Escalation ladders: due instants on a 24x7 or business clock, stopped by acknowledgement.
#include "core/json_util.hpp"

#include <mspcore/core/error.hpp>
#include <mspcore/security/escalation.hpp>

#include <algorithm>
#include <chrono>

namespace mspcore {
inline namespace v1 {

namespace {

using json = nlohmann::json;
using ordered = nlohmann::ordered_json;

constexpr std::int64_t kMaxMinutes = 525'600LL * 100;  // a century of minutes

int priority_key(const std::string& key, const std::string& where) {
  std::string k = key;
  if (k.size() == 2 && (k[0] == 'P' || k[0] == 'p')) k = k.substr(1);
  if (k.size() == 1 && k[0] >= '1' && k[0] <= '5') return k[0] - '0';
  throw Error(ErrorCode::INVALID_ARGUMENT, where + ": unknown priority " + quoted(key) + " (known: 1-5 or P1-P5)");
}

std::vector<EscalationStep> read_ladder(const json& value, const std::string& where) {
  if (!value.is_array()) throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected a list of steps, got " + value.dump());
  std::vector<EscalationStep> out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string at = where + "[" + std::to_string(i) + "]";
    const json& s = value[i];
    if (!s.is_object()) throw Error(ErrorCode::INVALID_ARGUMENT, at + ": expected an object, got " + s.dump());
    json_util::reject_unknown_keys(s, at, {"name", "after_minutes", "condition"});
    EscalationStep step;
    step.name = json_util::require_string(s.contains("name") ? s["name"] : json(), at + ".name");
    if (step.name.empty()) throw Error(ErrorCode::INVALID_ARGUMENT, at + ".name: must not be empty");
    const json m = s.contains("after_minutes") ? s["after_minutes"] : json();
    if (!m.is_number_integer() || (!m.is_number_unsigned() && m.get<std::int64_t>() < 0) ||
        (m.is_number_unsigned() && m.get<std::uint64_t>() > static_cast<std::uint64_t>(kMaxMinutes))) {
      throw Error(ErrorCode::INVALID_ARGUMENT, at + ".after_minutes: expected whole minutes from 0 to " +
                                                   std::to_string(kMaxMinutes) + ", got " + (m.is_null() ? "nothing" : m.dump()));
    }
    step.after_minutes = m.get<std::int64_t>();
    if (s.contains("condition") && !s["condition"].is_null()) {
      const std::string c = json_util::require_string(s["condition"], at + ".condition");
      if (c == "unacknowledged") {
        step.condition = EscalationCondition::Unacknowledged;
      } else if (c == "always") {
        step.condition = EscalationCondition::Always;
      } else {
        throw Error(ErrorCode::INVALID_ARGUMENT, at + ".condition: unknown value " + quoted(c) + " (known: unacknowledged, always)");
      }
    }
    out.push_back(std::move(step));
  }
  return out;
}

ordered due_json(const EscalationDue& d) {
  return {{"index", d.index},
          {"step", d.step.name},
          {"after_minutes", d.step.after_minutes},
          {"condition", to_string(d.step.condition)},
          {"due_at", format_instant(d.due_at)}};
}

}  // namespace

std::string_view to_string(EscalationCondition condition) noexcept {
  return condition == EscalationCondition::Always ? "always" : "unacknowledged";
}

EscalationPolicy EscalationPolicy::from_json(std::string_view text) {
  const std::string where = "escalation policy";
  const json doc = json_util::parse(text, where);
  if (!doc.is_object()) throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected an object, got " + doc.dump());
  json_util::reject_unknown_keys(doc, where, {"ladders", "default"});
  EscalationPolicy p;
  if (doc.contains("ladders") && !doc["ladders"].is_null()) {
    const json& ladders = doc["ladders"];
    if (!ladders.is_object()) throw Error(ErrorCode::INVALID_ARGUMENT, where + ".ladders: expected an object, got " + ladders.dump());
    for (const auto& [key, value] : ladders.items()) {
      const int priority = priority_key(key, where + ".ladders");
      if (p.ladders.count(priority) != 0) {
        throw Error(ErrorCode::INVALID_ARGUMENT, where + ".ladders: priority " + std::to_string(priority) + " is given twice");
      }
      p.ladders[priority] = read_ladder(value, where + ".ladders." + key);
    }
  }
  if (doc.contains("default") && !doc["default"].is_null()) p.default_ladder = read_ladder(doc["default"], where + ".default");
  return p;
}

const std::vector<EscalationStep>& EscalationPolicy::ladder(int priority) const {
  if (priority < 1 || priority > 5) {
    throw Error(ErrorCode::OUT_OF_RANGE, "escalation: priority " + std::to_string(priority) + " is outside 1..5");
  }
  const auto it = ladders.find(priority);
  if (it != ladders.end()) return it->second;
  if (default_ladder) return *default_ladder;
  throw Error(ErrorCode::UNKNOWN_PRIORITY, "escalation: no ladder for priority " + std::to_string(priority) + " and no default");
}

EscalationStatus escalation_due(const EscalationPolicy& policy, int priority, Instant opened_at, Instant now,
                                std::optional<Instant> acknowledged_at, const BusinessCalendar* calendar) {
  const std::vector<EscalationStep>& ladder = policy.ladder(priority);
  if (now < opened_at) {
    throw Error(ErrorCode::INVALID_TIMELINE, "escalation: now " + format_instant(now) + " is before the incident opened at " +
                                                 format_instant(opened_at));
  }
  if (acknowledged_at && *acknowledged_at < opened_at) {
    throw Error(ErrorCode::INVALID_TIMELINE, "escalation: acknowledged at " + format_instant(*acknowledged_at) +
                                                 " before the incident opened at " + format_instant(opened_at));
  }
  EscalationStatus out;
  out.priority = priority;
  // An acknowledgement after now is not known yet.
  if (acknowledged_at && *acknowledged_at <= now) out.acknowledged_at = acknowledged_at;
  out.acknowledged = out.acknowledged_at.has_value();

  std::vector<EscalationDue> all;
  for (std::size_t i = 0; i < ladder.size(); ++i) {
    const EscalationStep& s = ladder[i];
    const Instant due = calendar != nullptr ? calendar->add_business(opened_at, s.after_minutes * 60)
                                            : opened_at + std::chrono::minutes(s.after_minutes);
    all.push_back({i, s, due});
  }
  std::stable_sort(all.begin(), all.end(), [](const EscalationDue& a, const EscalationDue& b) { return a.due_at < b.due_at; });
  for (EscalationDue& d : all) {
    const bool stopped = d.step.condition == EscalationCondition::Unacknowledged && out.acknowledged_at &&
                         *out.acknowledged_at <= d.due_at;
    if (stopped) {
      out.stopped.push_back(std::move(d));
    } else if (d.due_at <= now) {
      out.due.push_back(std::move(d));
    } else if (!out.next) {
      out.next = std::move(d);
    }
  }
  return out;
}

std::string escalation_status_to_json(const EscalationStatus& s) {
  ordered due = ordered::array();
  for (const EscalationDue& d : s.due) due.push_back(due_json(d));
  ordered stopped = ordered::array();
  for (const EscalationDue& d : s.stopped) stopped.push_back(due_json(d));
  const ordered doc = {{"priority", s.priority},
                       {"acknowledged", s.acknowledged},
                       {"acknowledged_at", s.acknowledged_at ? ordered(format_instant(*s.acknowledged_at)) : ordered(nullptr)},
                       {"due", due},
                       {"stopped", stopped},
                       {"next", s.next ? due_json(*s.next) : ordered(nullptr)}};
  return doc.dump();
}

}  // namespace v1
}  // namespace mspcore
