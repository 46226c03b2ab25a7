#include <mspcore/sla/sla_policy.hpp>

#include "core/json_util.hpp"

#include <algorithm>
#include <cmath>

namespace mspcore {
inline namespace v1 {
namespace {

using json = nlohmann::json;
constexpr std::array<const char*, 3> kTargetKeys{"response_minutes", "resolution_minutes", "plan_minutes"};

SlaTargetSeconds parse_targets(const json& targets, const std::string& where) {
  if (!targets.is_object()) throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected an object of targets");
  json_util::reject_unknown_keys(targets, where, {kTargetKeys[0], kTargetKeys[1], kTargetKeys[2]});
  SlaTargetSeconds out{};
  for (std::size_t i = 0; i < kTargetKeys.size(); ++i) {
    if (!targets.contains(kTargetKeys[i]) || targets[kTargetKeys[i]].is_null()) continue;
    const json& v = targets[kTargetKeys[i]];
    const std::string at = where + "." + kTargetKeys[i];
    if (!v.is_number()) throw Error(ErrorCode::INVALID_ARGUMENT, at + ": expected minutes, got " + v.dump());
    const double minutes = v.get<double>();
    if (!std::isfinite(minutes) || minutes < 0 || minutes > 1e9 || std::floor(minutes * 60) != minutes * 60) {
      throw Error(ErrorCode::OUT_OF_RANGE, at + ": " + v.dump() + " is not a whole number of seconds >= 0");
    }
    out[i] = static_cast<std::int64_t>(minutes * 60);
  }
  return out;
}

std::shared_ptr<const BusinessCalendar> parse_calendar(const json& value, const std::string& where) {
  return json_util::in_context(where, [&] { return BusinessCalendar::from_json(value.dump()); });
}

std::vector<std::string> parse_strings(const json& doc, const char* key) {
  std::vector<std::string> out;
  for (const auto& [i, item] : json_util::list(doc, key, "policy")) {
    out.push_back(json_util::require_string(item, "policy." + std::string(key) + "[" + std::to_string(i) + "]"));
  }
  return out;
}

template <class Enum>
Enum parse_choice(const json& doc, const char* key, std::initializer_list<std::pair<const char*, Enum>> choices,
                  Enum fallback) {
  if (!doc.contains(key) || doc[key].is_null()) return fallback;
  const std::string value = json_util::require_string(doc[key], std::string("policy.") + key);
  std::string known;
  for (const auto& [name, e] : choices) {
    if (value == name) return e;
    known += (known.empty() ? "" : " or ") + std::string(name);
  }
  throw Error(ErrorCode::INVALID_ARGUMENT, std::string("policy.") + key + ": " + quoted(value) + " is not " + known);
}

}  // namespace

std::string_view to_string(SlaTarget target) noexcept {
  switch (target) {
    case SlaTarget::Response:
      return "response";
    case SlaTarget::Resolution:
      return "resolution";
    case SlaTarget::Plan:
      return "plan";
  }
  return "unknown";
}

std::shared_ptr<const SlaPolicy> SlaPolicy::from_json(std::string_view text) {
  const json doc = json_util::parse(text, "policy");
  if (!doc.is_object()) throw Error(ErrorCode::INVALID_ARGUMENT, "policy: expected a JSON object");
  json_util::reject_unknown_keys(doc, "policy",
                                 {"calendar", "targets", "priorities", "pause_statuses", "pause_applies_to",
                                  "at_risk_threshold", "response_on_resolve", "resolution_clock", "resolved_statuses",
                                  "name"});
  auto policy = std::make_shared<SlaPolicy>();
  std::shared_ptr<const BusinessCalendar> calendar;
  if (doc.contains("calendar") && !doc["calendar"].is_null()) calendar = parse_calendar(doc["calendar"], "policy.calendar");
  if (doc.contains("targets") && !doc["targets"].is_null()) {
    if (!calendar) throw Error(ErrorCode::INVALID_ARGUMENT, "policy.targets: a policy with targets needs a calendar");
    policy->default_ = SlaPriority{parse_targets(doc["targets"], "policy.targets"), calendar};
  }
  if (doc.contains("priorities") && !doc["priorities"].is_null()) {
    const json& priorities = doc["priorities"];
    if (!priorities.is_object()) throw Error(ErrorCode::INVALID_ARGUMENT, "policy.priorities: expected an object");
    for (const auto& [name, entry] : priorities.items()) {
      const std::string where = "policy.priorities." + name;
      if (!entry.is_object()) throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected an object");
      json_util::reject_unknown_keys(entry, where, {"targets", "calendar"});
      SlaPriority p;
      p.calendar = entry.contains("calendar") ? parse_calendar(entry["calendar"], where + ".calendar") : calendar;
      if (!p.calendar) throw Error(ErrorCode::INVALID_ARGUMENT, where + ": no calendar here or at the top level");
      if (entry.contains("targets")) {
        p.targets = parse_targets(entry["targets"], where + ".targets");
      } else if (policy->default_) {
        p.targets = policy->default_->targets;
      }
      policy->priorities_.emplace(name, std::move(p));
    }
  }
  policy->pause_statuses_ = parse_strings(doc, "pause_statuses");
  if (doc.contains("resolved_statuses")) policy->resolved_statuses_ = parse_strings(doc, "resolved_statuses");
  if (doc.contains("pause_applies_to") && !doc["pause_applies_to"].is_null()) {
    policy->pause_applies_ = {false, false, false};
    for (const std::string& name : parse_strings(doc, "pause_applies_to")) {
      const auto it = std::find_if(kSlaTargets.begin(), kSlaTargets.end(),
                                   [&](SlaTarget t) { return to_string(t) == name; });
      if (it == kSlaTargets.end()) {
        throw Error(ErrorCode::INVALID_ARGUMENT,
                    "policy.pause_applies_to: unknown target " + quoted(name) + " (response, resolution, plan)");
      }
      policy->pause_applies_[static_cast<std::size_t>(*it)] = true;
    }
  }
  if (doc.contains("at_risk_threshold") && !doc["at_risk_threshold"].is_null()) {
    const json& v = doc["at_risk_threshold"];
    if (!v.is_number() || v.get<double>() <= 0 || v.get<double>() > 1) {
      throw Error(ErrorCode::OUT_OF_RANGE, "policy.at_risk_threshold: " + v.dump() + " must be a number in (0, 1]");
    }
    policy->at_risk_threshold_ = v.get<double>();
  }
  policy->response_on_resolve_ = parse_choice(doc, "response_on_resolve",
                                              {{"stamp", ResponseOnResolve::Stamp}, {"ignore", ResponseOnResolve::Ignore}},
                                              ResponseOnResolve::Stamp);
  policy->resolution_clock_ = parse_choice(doc, "resolution_clock",
                                           {{"first", ResolutionClock::First}, {"total", ResolutionClock::Total}},
                                           ResolutionClock::First);
  if (!policy->default_ && policy->priorities_.empty()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, "policy: neither 'targets' nor 'priorities' is given");
  }
  return policy;
}

const SlaPriority* SlaPolicy::find(std::string_view priority) const {
  const auto it = priorities_.find(priority);
  if (it != priorities_.end()) return &it->second;
  return default_ ? &*default_ : nullptr;
}

bool SlaPolicy::is_pause_status(std::string_view status) const {
  return std::find(pause_statuses_.begin(), pause_statuses_.end(), status) != pause_statuses_.end();
}

bool SlaPolicy::is_resolved_status(std::string_view status) const {
  return std::find(resolved_statuses_.begin(), resolved_statuses_.end(), status) != resolved_statuses_.end();
}

bool SlaPolicy::has_target(SlaTarget target) const {
  const auto i = static_cast<std::size_t>(target);
  if (default_ && default_->targets[i] > 0) return true;
  return std::any_of(priorities_.begin(), priorities_.end(), [&](const auto& p) { return p.second.targets[i] > 0; });
}

}  // namespace v1
}  // namespace mspcore
