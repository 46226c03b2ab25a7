#include <mspcore/sla/sla_engine.hpp>

#include "calendar/interval_set.hpp"
#include "sla/sla_clock.hpp"

#include <algorithm>
#include <array>

namespace mspcore {
inline namespace v1 {

using sla::Clock;
using sla::Piece;

namespace {

constexpr std::array<std::string_view, 7> kStatusNames{"met",         "breached",  "at_risk", "paused",
                                                       "in_progress", "no_target", "invalid"};

[[noreturn]] void impossible(const std::string& what) { throw Error(ErrorCode::INVALID_TIMELINE, what); }

// The ticket read against the policy, as of `now`: what each target's clock needs.
struct Timeline {
  std::vector<std::pair<Instant, const SlaPriority*>> spells;  // priority in force from each instant
  std::vector<Interval> pauses;                                // merged; an ongoing pause ends at now
  bool paused_now = false;
  std::optional<Instant> first_resolution;
  std::optional<Instant> last_resolution;  // set when the ticket is resolved as of now
  std::vector<Interval> open_spells;       // open (not resolved) time, the last maybe until now
};

template <class T>
std::vector<std::pair<Instant, T>> sorted_until(std::vector<std::pair<Instant, T>> events, Instant now) {
  std::stable_sort(events.begin(), events.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  events.erase(std::find_if(events.begin(), events.end(), [&](const auto& e) { return e.first > now; }), events.end());
  return events;
}

const SlaPriority& priority_entry(const SlaPolicy& policy, const std::string& name) {
  const SlaPriority* p = policy.find(name);
  if (p == nullptr) {
    throw Error(ErrorCode::UNKNOWN_PRIORITY,
                "priority " + quoted(name) + " has no entry in the policy and the policy has no default targets");
  }
  return *p;
}

Timeline read_timeline(const SlaTicket& t, const SlaPolicy& policy, Instant now) {
  if (now < t.created) {
    impossible("evaluated at " + format_instant(now) + ", before the ticket was created at " + format_instant(t.created));
  }
  auto check_after_created = [&](const std::optional<Instant>& at, const char* what) {
    if (at && *at < t.created) {
      impossible(std::string(what) + " at " + format_instant(*at) + " is before created at " + format_instant(t.created));
    }
  };
  check_after_created(t.first_response, "first_response");
  check_after_created(t.resolved, "resolved");
  check_after_created(t.planned, "planned");

  Timeline out;
  out.spells.emplace_back(t.created, &priority_entry(policy, t.priority));
  for (const auto& [at, name] : sorted_until(t.priority_history, now)) {
    const SlaPriority* entry = &priority_entry(policy, name);
    if (at <= t.created) {
      out.spells.front().second = entry;
    } else {
      out.spells.emplace_back(at, entry);
    }
  }

  // Pauses and resolution state from the status history; `resolved` and `reopened` add to it.
  enum class State { Open, Resolved, Reopened };  // Reopened: an explicit reopen, open afterwards
  std::vector<std::pair<Instant, State>> transitions;
  const auto statuses = sorted_until(t.status_history, now);
  IntervalSet pauses;
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    const auto& [at, status] = statuses[i];
    if (at < t.created) {
      impossible("status " + quoted(status) + " at " + format_instant(at) + " is before created at " +
                 format_instant(t.created));
    }
    const Instant until = i + 1 < statuses.size() ? statuses[i + 1].first : now;
    if (policy.is_pause_status(status)) {
      pauses.add(unix_seconds(at), unix_seconds(until));
      out.paused_now = i + 1 == statuses.size();
    }
    transitions.emplace_back(at, policy.is_resolved_status(status) ? State::Resolved : State::Open);
  }
  if (t.resolved && *t.resolved <= now) transitions.emplace_back(*t.resolved, State::Resolved);
  for (Instant at : t.reopened) {
    if (at <= now) transitions.emplace_back(at, State::Reopened);
  }
  std::stable_sort(transitions.begin(), transitions.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  State state = State::Open;
  Instant open_since = t.created;
  for (auto [at, next] : transitions) {
    if (next == State::Reopened) {
      if (!out.first_resolution) impossible("reopened at " + format_instant(at) + " without a resolution before it");
      next = State::Open;
    }
    if (next == state) continue;
    if (next == State::Resolved) {
      if (!out.first_resolution) out.first_resolution = at;
      out.open_spells.push_back({open_since, at});
    } else {
      open_since = at;
    }
    state = next;
  }
  if (state == State::Open) {
    out.open_spells.push_back({open_since, now});
  } else {
    out.last_resolution = out.open_spells.back().end;
    out.paused_now = false;
  }
  for (const auto& [s, e] : pauses.merged()) {
    out.pauses.push_back({from_unix_seconds(s), from_unix_seconds(e)});
  }
  return out;
}

// Running intervals split where the priority (and so maybe the calendar) changes.
std::vector<Piece> split_by_priority(const std::vector<Interval>& running, const Timeline& tl) {
  std::vector<Piece> out;
  for (const Interval& r : running) {
    for (std::size_t i = 0; i < tl.spells.size(); ++i) {
      const Instant from = std::max(r.start, tl.spells[i].first);
      const Instant to = std::min(r.end, i + 1 < tl.spells.size() ? tl.spells[i + 1].first : kMaxInstant);
      if (from < to) out.push_back({from, to, tl.spells[i].second->calendar.get()});
    }
  }
  return out;
}

std::vector<Segment> explanation(const std::vector<Piece>& pieces, std::span<const Interval> pauses, Instant from,
                                 Instant end) {
  std::vector<Segment> out;
  auto append = [&](Segment s) {
    if (s.start >= s.end) return;
    if (!out.empty() && out.back().kind == s.kind && out.back().end == s.start) {
      out.back().end = s.end;
    } else {
      out.push_back(s);
    }
  };
  Instant cursor = from;
  for (const Piece& p : pieces) {
    if (p.start >= end) break;
    append({cursor, p.start, SegmentKind::Closed});  // the ticket was resolved in between
    const Instant to = std::min(p.end, end);
    for (const Segment& s : p.calendar->explain(p.start, to, pauses)) append(s);
    cursor = to;
  }
  return out;
}

}  // namespace

std::string_view to_string(SlaStatus status) noexcept {
  const auto i = static_cast<std::size_t>(status);
  return i < kStatusNames.size() ? kStatusNames[i] : "unknown";
}

SlaStatus parse_sla_status(std::string_view text) {
  for (std::size_t i = 0; i < kStatusNames.size(); ++i) {
    if (kStatusNames[i] == text) return static_cast<SlaStatus>(i);
  }
  throw Error(ErrorCode::INVALID_ARGUMENT, "unknown SLA status " + quoted(text) +
                                               " (met, breached, at_risk, paused, in_progress, no_target, invalid)");
}

SlaEvaluation evaluate_sla(const SlaTicket& ticket, const SlaPolicy& policy, Instant now, bool explain) {
  SlaEvaluation results;
  try {
    const Timeline tl = read_timeline(ticket, policy, now);
    const SlaPriority& current = *tl.spells.back().second;
    const std::vector<Interval> from_created{{ticket.created, kMaxInstant}};

    for (SlaTarget target : kSlaTargets) {
      const auto k = static_cast<std::size_t>(target);
      SlaResult& r = results[k];
      std::int64_t goal = current.targets[k];
      std::optional<Instant> event;
      const std::vector<Interval>* running = &from_created;
      switch (target) {
        case SlaTarget::Response: {
          event = ticket.first_response && *ticket.first_response <= now ? ticket.first_response : std::nullopt;
          const bool resolved_first = tl.first_resolution && (!event || *tl.first_resolution < *event);
          if (resolved_first) {
            if (policy.response_on_resolve() == SlaPolicy::ResponseOnResolve::Stamp) {
              event = tl.first_resolution;  // the resolution counts as the response
            } else if (!event) {
              goal = 0;  // "ignore": a ticket resolved without a response has no response target
              event = tl.first_resolution;
            }
          }
          break;
        }
        case SlaTarget::Resolution:
          if (policy.resolution_clock() == SlaPolicy::ResolutionClock::Total) {
            running = &tl.open_spells;
            event = tl.last_resolution;
          } else {
            event = tl.first_resolution;
          }
          break;
        case SlaTarget::Plan:
          event = ticket.planned && *ticket.planned <= now ? ticket.planned : std::nullopt;
          break;
      }
      const std::vector<Piece> pieces = split_by_priority(*running, tl);
      const std::span<const Interval> pauses =
          policy.pause_applies_to(target) ? std::span<const Interval>(tl.pauses) : std::span<const Interval>();
      const Clock clock{pieces, pauses};
      const Instant end = event.value_or(now);
      sla::judge(r, goal, sla::elapsed_until(clock, end), event.has_value(),
                 tl.paused_now && policy.pause_applies_to(target), policy.at_risk_threshold());
      if (goal > 0) r.due = sla::due_at(clock, goal);
      if (explain) r.explanation = explanation(pieces, pauses, ticket.created, end);
    }
  } catch (const Error& e) {
    for (SlaResult& r : results) {
      r = SlaResult{};
      r.status = SlaStatus::Invalid;
      r.error = e.code();
      r.message = e.what();
    }
  }
  return results;
}

namespace {

void count(SlaAttainment& a, SlaStatus s) {
  switch (s) {
    case SlaStatus::Met:
      ++a.met;
      break;
    case SlaStatus::Breached:
      ++a.breached;
      break;
    case SlaStatus::AtRisk:
    case SlaStatus::Paused:
    case SlaStatus::InProgress:
      ++a.open;
      break;
    case SlaStatus::NoTarget:
    case SlaStatus::Invalid:
      ++a.excluded;
      break;
  }
}

void finish(SlaAttainment& a) {
  a.evaluated = a.met + a.breached;
  if (a.evaluated > 0) {
    // Hundredths of a percent, rounded half up on exact integers.
    const std::int64_t scaled = a.met * 10000;
    const std::int64_t hundredths = scaled / a.evaluated + (2 * (scaled % a.evaluated) >= a.evaluated ? 1 : 0);
    a.attainment_pct = static_cast<double>(hundredths) / 100.0;
  }
}

}  // namespace

SlaAttainment sla_attainment(std::span<const SlaStatus> statuses) {
  SlaAttainment a;
  for (SlaStatus s : statuses) count(a, s);
  finish(a);
  return a;
}

std::vector<SlaAttainment> sla_attainment_grouped(std::span<const SlaStatus> statuses,
                                                  std::span<const std::int32_t> group, std::size_t groups) {
  if (group.size() != statuses.size()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, "statuses has " + std::to_string(statuses.size()) +
                                                 " rows but groups has " + std::to_string(group.size()));
  }
  std::vector<SlaAttainment> out(groups);
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    if (group[i] < 0 || static_cast<std::size_t>(group[i]) >= groups) {
      throw Error(ErrorCode::OUT_OF_RANGE, "group code " + std::to_string(group[i]) + " at row " + std::to_string(i) +
                                               " is outside 0.." + std::to_string(groups) + "", static_cast<std::int64_t>(i));
    }
    count(out[static_cast<std::size_t>(group[i])], statuses[i]);
  }
  for (SlaAttainment& a : out) finish(a);
  return out;
}

}  // namespace v1
}  // namespace mspcore
