// Columnar SLA evaluation: the same clock arithmetic as evaluate_sla, without per-row
// allocation (pauses arrive sorted from the caller, one priority per row).
#include <mspcore/sla/sla_engine.hpp>

#include "calendar/interval_set.hpp"
#include "sla/sla_clock.hpp"

#include <limits>

namespace mspcore {
inline namespace v1 {
namespace {

void require_rows(std::size_t rows, std::size_t size, const char* what) {
  if (size != rows) {
    throw Error(ErrorCode::INVALID_ARGUMENT,
                std::string(what) + " has " + std::to_string(size) + " rows, expected " + std::to_string(rows));
  }
}

}  // namespace

void evaluate_sla_columns(const SlaColumns& in, const SlaPolicy& policy, Instant now,
                          std::array<SlaResultColumns, 3> out, std::span<std::int32_t> error) {
  const std::size_t rows = in.created.size();
  require_rows(rows, in.first_response.size(), "first_response");
  require_rows(rows, in.resolved.size(), "resolved");
  require_rows(rows, in.priority.size(), "priority");
  if (!in.planned.empty()) require_rows(rows, in.planned.size(), "planned");
  require_rows(rows, error.size(), "error");
  const bool has_pauses = !in.pause_offsets.empty();
  if (has_pauses) {
    require_rows(rows + 1, in.pause_offsets.size(), "pause_offsets");
    require_rows(in.pause_starts.size(), in.pause_ends.size(), "pause_ends");
    if (in.pause_offsets.front() != 0 || static_cast<std::size_t>(in.pause_offsets.back()) != in.pause_starts.size()) {
      throw Error(ErrorCode::INVALID_ARGUMENT, "pause_offsets must start at 0 and end at the number of pauses");
    }
  }
  for (const SlaResultColumns& o : out) {
    if (o.status.empty()) continue;
    require_rows(rows, o.status.size(), "status");
    require_rows(rows, o.due.size(), "due");
    require_rows(rows, o.elapsed_seconds.size(), "elapsed_seconds");
    require_rows(rows, o.remaining_minutes.size(), "remaining_minutes");
    require_rows(rows, o.consumed_ratio.size(), "consumed_ratio");
    if (!o.elapsed_minutes.empty()) require_rows(rows, o.elapsed_minutes.size(), "elapsed_minutes");
  }
  // Priority names resolve once; an unknown one makes its rows invalid, not the call.
  std::vector<const SlaPriority*> entries;
  entries.reserve(in.priority_names.size());
  for (const std::string& name : in.priority_names) entries.push_back(policy.find(name));

  std::vector<Interval> pauses;
  std::vector<Interval> scratch;
  std::vector<sla::SingleClock::Pause> positions;
  for (std::size_t i = 0; i < rows; ++i) {
    SlaResult results[3];
    try {
      const std::int32_t code = in.priority[i];
      if (code < 0 || static_cast<std::size_t>(code) >= entries.size() || entries[static_cast<std::size_t>(code)] == nullptr) {
        const std::string name = code >= 0 && static_cast<std::size_t>(code) < in.priority_names.size()
                                     ? in.priority_names[static_cast<std::size_t>(code)]
                                     : std::to_string(code);
        throw Error(ErrorCode::UNKNOWN_PRIORITY, "row " + std::to_string(i) + ": priority " + quoted(name) +
                                                     " has no entry in the policy and no default");
      }
      const SlaPriority& entry = *entries[static_cast<std::size_t>(code)];
      if (in.created[i] == kNoInstant) throw Error(ErrorCode::INVALID_TIMELINE, "row " + std::to_string(i) + ": created is missing");
      const Instant created = from_unix_seconds(in.created[i]);
      if (now < created) throw Error(ErrorCode::INVALID_TIMELINE, "row " + std::to_string(i) + ": created after now");
      auto event = [&](std::int64_t v, const char* what) -> std::optional<Instant> {
        if (v == kNoInstant || from_unix_seconds(v) > now) return std::nullopt;
        if (from_unix_seconds(v) < created) {
          throw Error(ErrorCode::INVALID_TIMELINE, "row " + std::to_string(i) + ": " + what + " at " +
                                                       format_instant(from_unix_seconds(v)) + " is before created at " +
                                                       format_instant(created));
        }
        return from_unix_seconds(v);
      };
      const std::optional<Instant> resolved = event(in.resolved[i], "resolved");
      std::optional<Instant> response = event(in.first_response[i], "first_response");
      std::int64_t response_goal = entry.targets[0];
      if (resolved && (!response || *resolved < *response)) {
        if (policy.response_on_resolve() == SlaPolicy::ResponseOnResolve::Stamp) {
          response = resolved;
        } else if (!response) {
          response_goal = 0;
          response = resolved;
        }
      }
      bool paused_now = false;
      pauses.clear();
      if (has_pauses) {
        for (auto k = in.pause_offsets[i]; k < in.pause_offsets[i + 1]; ++k) {
          const auto uk = static_cast<std::size_t>(k);
          const bool ongoing = in.pause_ends[uk] == kNoInstant;
          const Instant start = from_unix_seconds(in.pause_starts[uk]);
          const Instant end = ongoing ? now : std::min(from_unix_seconds(in.pause_ends[uk]), now);  // known so far
          if (start <= now && (ongoing || now < from_unix_seconds(in.pause_ends[uk]))) paused_now = true;
          pauses.push_back({start, std::max(start, end)});
        }
      }
      const sla::SingleClock clock(*entry.calendar, created, IntervalSet::normalized(pauses, scratch), positions);
      const std::optional<Instant> planned =
          in.planned.empty() ? std::nullopt : event(in.planned[i], "planned");
      const std::optional<Instant> events[3] = {response, resolved, planned};
      const std::int64_t goals[3] = {response_goal, entry.targets[1], entry.targets[2]};
      for (SlaTarget target : kSlaTargets) {
        const auto k = static_cast<std::size_t>(target);
        if (out[k].status.empty()) continue;
        const bool applies = policy.pause_applies_to(target);
        sla::judge(results[k], goals[k], clock.elapsed_until(events[k].value_or(now), applies), events[k].has_value(),
                   paused_now && applies && !resolved, policy.at_risk_threshold());
        if (goals[k] > 0) results[k].due = clock.due_at(goals[k], applies);
      }
      error[i] = 0;
    } catch (const Error& e) {
      for (SlaResult& r : results) r.status = SlaStatus::Invalid;
      error[i] = static_cast<std::int32_t>(e.code());
    }
    for (std::size_t k = 0; k < 3; ++k) {
      const SlaResultColumns& o = out[k];
      if (o.status.empty()) continue;
      const SlaResult& r = results[k];
      o.status[i] = static_cast<std::int8_t>(r.status);
      o.due[i] = r.due ? unix_seconds(*r.due) : kNoInstant;
      o.elapsed_seconds[i] = r.elapsed_seconds;
      o.remaining_minutes[i] = r.remaining_minutes.value_or(kNoInstant);
      o.consumed_ratio[i] = r.consumed_ratio.value_or(std::numeric_limits<double>::quiet_NaN());
      if (!o.elapsed_minutes.empty()) o.elapsed_minutes[i] = static_cast<std::int32_t>(r.elapsed_minutes);
    }
  }
}

}  // namespace v1
}  // namespace mspcore
