// Prioritisation as JSON: the configuration (read over the defaults, written whole), the
// context, and the result.
#include "security/alert_detail.hpp"

#include <mspcore/security/priority.hpp>

#include <algorithm>
#include <vector>

namespace mspcore {
inline namespace v1 {
namespace detail::alert {
template <>
inline constexpr int kCount<AssetCriticality> = 5;
}  // namespace detail::alert

namespace {

using detail::alert::find;
using detail::alert::json;
using ordered = nlohmann::ordered_json;

constexpr int kMaxPoints = 1000;  // far beyond any sensible weight; keeps sums far from overflow

int read_int(const json& value, const std::string& where, int min, int max) {
  // Unsigned first: a huge unsigned value read as int64 would wrap into range.
  const bool fits = value.is_number_unsigned() ? value.get<std::uint64_t>() <= static_cast<std::uint64_t>(max)
                                               : value.is_number_integer();
  const bool ok = fits && value.get<std::int64_t>() >= min && value.get<std::int64_t>() <= max;
  if (!ok) {
    throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected an integer from " + std::to_string(min) + " to " +
                                                 std::to_string(max) + ", got " + value.dump());
  }
  return value.get<int>();
}

const json& require_object(const json& value, const std::string& where) {
  if (!value.is_object()) throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected an object, got " + value.dump());
  return value;
}

const json& require_array(const json& value, const std::string& where, std::size_t size) {
  if (!value.is_array() || (size != 0 && value.size() != size)) {
    throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected a list" +
                                                 (size != 0 ? " of " + std::to_string(size) + " entries" : "") +
                                                 ", got " + value.dump());
  }
  return value;
}

/// Points by enum name; only the names in `allowed` may appear, each replaces its default.
template <class E, std::size_t N>
void read_points(const json& object, const std::string& where, std::array<int, N>& points, const std::vector<E>& allowed) {
  for (const auto& [name, value] : require_object(object, where).items()) {
    const auto e = detail::alert::from_name<E>(name);
    if (!e || std::find(allowed.begin(), allowed.end(), *e) == allowed.end()) {
      std::string known;
      for (E a : allowed) known += (known.empty() ? "" : ", ") + std::string(to_string(a));
      throw Error(ErrorCode::INVALID_ARGUMENT, where + ": unknown key " + quoted(name) + " (known: " + known + ")");
    }
    points[static_cast<std::size_t>(*e)] = read_int(value, where + "." + name, -kMaxPoints, kMaxPoints);
  }
}

template <class E>
std::vector<E> all_values() {
  std::vector<E> out;
  for (int i = 0; i < detail::alert::kCount<E>; ++i) out.push_back(static_cast<E>(i));
  return out;
}

template <class E, std::size_t N>
ordered write_points(const std::array<int, N>& points, const std::vector<E>& values) {
  ordered out = ordered::object();
  for (E e : values) out[std::string(to_string(e))] = points[static_cast<std::size_t>(e)];
  return out;
}

const std::vector<AlertVerdict> kVerdictKeys{AlertVerdict::TruePositive, AlertVerdict::Suspicious,
                                             AlertVerdict::FalsePositive};

void read_thresholds(const json& object, const std::string& where, int& high_at, int& medium_at) {
  if (const json* v = find(object, {"high_at"})) high_at = read_int(*v, where + ".high_at", -kMaxPoints, kMaxPoints);
  if (const json* v = find(object, {"medium_at"})) medium_at = read_int(*v, where + ".medium_at", -kMaxPoints, kMaxPoints);
  if (high_at <= medium_at) {
    throw Error(ErrorCode::INVALID_ARGUMENT, where + ": high_at (" + std::to_string(high_at) +
                                                 ") must be greater than medium_at (" + std::to_string(medium_at) + ")");
  }
}

void read_impact(const json& object, PriorityConfig& c) {
  const std::string where = "priority config.impact";
  json_util::reject_unknown_keys(require_object(object, where), where, {"asset_criticality", "scope", "high_at", "medium_at"});
  if (const json* v = find(object, {"asset_criticality"})) {
    read_points(*v, where + ".asset_criticality", c.criticality_points, all_values<AssetCriticality>());
  }
  if (const json* v = find(object, {"scope"})) {
    c.scope_steps.clear();
    const json& steps = require_array(*v, where + ".scope", 0);
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const std::string at = where + ".scope[" + std::to_string(i) + "]";
      json_util::reject_unknown_keys(require_object(steps[i], at), at, {"at_least", "points"});
      const json* least = find(steps[i], {"at_least"});
      const json* points = find(steps[i], {"points"});
      if (least == nullptr || points == nullptr) {
        throw Error(ErrorCode::INVALID_ARGUMENT, at + ": needs at_least and points");
      }
      const int n = read_int(*least, at + ".at_least", 1, 1'000'000'000);
      if (!c.scope_steps.empty() && static_cast<std::uint32_t>(n) <= c.scope_steps.back().at_least) {
        throw Error(ErrorCode::INVALID_ARGUMENT, at + ".at_least: the steps must ascend, " + std::to_string(n) +
                                                     " follows " + std::to_string(c.scope_steps.back().at_least));
      }
      c.scope_steps.push_back({static_cast<std::uint32_t>(n), read_int(*points, at + ".points", -kMaxPoints, kMaxPoints)});
    }
  }
  read_thresholds(object, where, c.impact_high_at, c.impact_medium_at);
}

void read_urgency(const json& object, PriorityConfig& c) {
  const std::string where = "priority config.urgency";
  json_util::reject_unknown_keys(require_object(object, where), where,
                                 {"severity", "verdict", "confidence", "mitigation", "high_at", "medium_at"});
  if (const json* v = find(object, {"severity"})) {
    read_points(*v, where + ".severity", c.severity_points, all_values<AlertSeverity>());
  }
  if (const json* v = find(object, {"verdict"})) read_points(*v, where + ".verdict", c.verdict_points, kVerdictKeys);
  if (const json* v = find(object, {"confidence"})) {
    read_points(*v, where + ".confidence", c.confidence_points, all_values<AlertConfidence>());
  }
  if (const json* v = find(object, {"mitigation"})) {
    read_points(*v, where + ".mitigation", c.mitigation_points, all_values<MitigationStatus>());
  }
  read_thresholds(object, where, c.urgency_high_at, c.urgency_medium_at);
}

void read_psa_list(const json& value, const std::string& where, std::array<PsaPriority, 5>& out) {
  const json& list = require_array(value, where, 5);
  for (std::size_t i = 0; i < 5; ++i) {
    const std::string at = where + "[" + std::to_string(i) + "]";
    json_util::reject_unknown_keys(require_object(list[i], at), at, {"id", "name"});
    PsaPriority p;
    if (const json* id = find(list[i], {"id"})) {
      if (!id->is_number_integer()) throw Error(ErrorCode::INVALID_ARGUMENT, at + ".id: expected an integer, got " + id->dump());
      p.id = id->get<std::int64_t>();
    }
    const json* name = find(list[i], {"name"});
    p.name = json_util::require_string(name != nullptr ? *name : json(), at + ".name");
    if (p.name.empty()) throw Error(ErrorCode::INVALID_ARGUMENT, at + ".name: must not be empty");
    out[i] = std::move(p);
  }
}

ordered write_psa_list(const std::array<PsaPriority, 5>& list) {
  ordered out = ordered::array();
  for (const PsaPriority& p : list) out.push_back(ordered{{"id", p.id ? ordered(*p.id) : ordered(nullptr)}, {"name", p.name}});
  return out;
}

ordered psa(const PsaPriority& p) { return {{"id", p.id ? ordered(*p.id) : ordered(nullptr)}, {"name", p.name}}; }

ordered factors(const std::vector<PriorityFactor>& list) {
  ordered out = ordered::array();
  for (const PriorityFactor& f : list) out.push_back(ordered{{"input", f.input}, {"value", f.value}, {"points", f.points}});
  return out;
}

}  // namespace

PriorityConfig PriorityConfig::from_json(std::string_view text) {
  const json doc = json_util::parse(text, "priority config");
  PriorityConfig c;
  json_util::reject_unknown_keys(require_object(doc, "priority config"), "priority config",
                                 {"impact", "urgency", "matrix", "psa"});
  if (const json* v = find(doc, {"impact"})) read_impact(*v, c);
  if (const json* v = find(doc, {"urgency"})) read_urgency(*v, c);
  if (const json* v = find(doc, {"matrix"})) {
    const json& rows = require_array(*v, "priority config.matrix", 3);
    for (std::size_t i = 0; i < 3; ++i) {
      const std::string at = "priority config.matrix[" + std::to_string(i) + "]";
      const json& row = require_array(rows[i], at, 3);
      for (std::size_t u = 0; u < 3; ++u) c.matrix[i][u] = read_int(row[u], at + "[" + std::to_string(u) + "]", 1, 5);
    }
  }
  if (const json* v = find(doc, {"psa"})) {
    json_util::reject_unknown_keys(require_object(*v, "priority config.psa"), "priority config.psa",
                                   {"connectwise", "autotask"});
    if (const json* list = find(*v, {"connectwise"})) read_psa_list(*list, "priority config.psa.connectwise", c.connectwise);
    if (const json* list = find(*v, {"autotask"})) read_psa_list(*list, "priority config.psa.autotask", c.autotask);
  }
  return c;
}

std::string PriorityConfig::to_json() const {
  ordered scope = ordered::array();
  for (const ScopeStep& s : scope_steps) scope.push_back(ordered{{"at_least", s.at_least}, {"points", s.points}});
  const ordered doc = {
      {"impact",
       {{"asset_criticality", write_points(criticality_points, all_values<AssetCriticality>())},
        {"scope", scope},
        {"high_at", impact_high_at},
        {"medium_at", impact_medium_at}}},
      {"urgency",
       {{"severity", write_points(severity_points, all_values<AlertSeverity>())},
        {"verdict", write_points(verdict_points, kVerdictKeys)},
        {"confidence", write_points(confidence_points, all_values<AlertConfidence>())},
        {"mitigation", write_points(mitigation_points, all_values<MitigationStatus>())},
        {"high_at", urgency_high_at},
        {"medium_at", urgency_medium_at}}},
      {"matrix", matrix},
      {"psa", {{"connectwise", write_psa_list(connectwise)}, {"autotask", write_psa_list(autotask)}}},
  };
  return doc.dump();
}

PriorityContext PriorityContext::from_json(std::string_view text) {
  const json doc = json_util::parse(text, "priority context");
  json_util::reject_unknown_keys(require_object(doc, "priority context"), "priority context",
                                 {"asset_criticality", "scope"});
  PriorityContext c;
  if (const json* v = find(doc, {"asset_criticality"})) {
    const std::string name = json_util::require_string(*v, "priority context.asset_criticality");
    const auto value = detail::alert::from_name<AssetCriticality>(name);
    if (!value) {
      throw Error(ErrorCode::INVALID_ARGUMENT, "priority context.asset_criticality: unknown value " + quoted(name) +
                                                   " (known: " + detail::alert::names<AssetCriticality>() + ")");
    }
    c.asset_criticality = *value;
  }
  if (const json* v = find(doc, {"scope"})) {
    c.scope = static_cast<std::uint32_t>(read_int(*v, "priority context.scope", 1, 1'000'000'000));
  }
  return c;
}

std::string priority_result_to_json(const PriorityResult& r) {
  const ordered doc = {
      {"priority", r.priority},
      {"label", r.label()},
      {"impact",
       {{"level", r.impact}, {"label", itil_level_label(r.impact)}, {"points", r.impact_points}, {"factors", factors(r.impact_factors)}}},
      {"urgency",
       {{"level", r.urgency},
        {"label", itil_level_label(r.urgency)},
        {"points", r.urgency_points},
        {"factors", factors(r.urgency_factors)}}},
      {"psa", {{"connectwise", psa(r.connectwise)}, {"autotask", psa(r.autotask)}}},
      {"explanation", r.explanation()},
  };
  return doc.dump();
}

}  // namespace v1
}  // namespace mspcore
