// ITIL priority of an alert: points per input, thresholds to levels, the impact x urgency matrix.
#include <mspcore/security/priority.hpp>
#include <mspcore/core/error.hpp>

#include <algorithm>

namespace mspcore {
inline namespace v1 {
namespace {

int level(int points, int high_at, int medium_at) { return points >= high_at ? 1 : points >= medium_at ? 2 : 3; }

int add(std::vector<PriorityFactor>& factors, std::string_view input, std::string value, int points) {
  factors.push_back({std::string(input), std::move(value), points});
  return points;
}

// Appends "input value +points, ... = total" to `out` (one string for the whole explanation:
// it is made for every new incident of a batch).
void describe(std::string& out, const std::vector<PriorityFactor>& factors, int points) {
  for (std::size_t i = 0; i < factors.size(); ++i) {
    const PriorityFactor& f = factors[i];
    if (i > 0) out += ", ";
    out.append(f.input).append(" ").append(f.value).append(f.points >= 0 ? " +" : " ").append(std::to_string(f.points));
  }
  out.append(" = ").append(std::to_string(points));
}

}  // namespace

std::string_view to_string(AssetCriticality criticality) noexcept {
  static constexpr std::string_view kNames[] = {"unknown", "low", "medium", "high", "critical"};
  return kNames[static_cast<int>(criticality)];
}

AssetCriticality parse_asset_criticality(std::string_view text) {
  for (int i = 0; i < 5; ++i) {
    const auto c = static_cast<AssetCriticality>(i);
    if (to_string(c) == text) return c;
  }
  throw Error(ErrorCode::INVALID_ARGUMENT,
              "unknown asset criticality " + quoted(text) + " (known: unknown, low, medium, high, critical)");
}

std::string_view itil_priority_label(int priority) noexcept {
  static constexpr std::string_view kLabels[] = {"Critical", "High", "Moderate", "Low", "Planning"};
  return priority >= 1 && priority <= 5 ? kLabels[priority - 1] : std::string_view();
}

std::string_view itil_level_label(int level) noexcept {
  static constexpr std::string_view kLabels[] = {"High", "Medium", "Low"};
  return level >= 1 && level <= 3 ? kLabels[level - 1] : std::string_view();
}

std::string_view PriorityResult::label() const noexcept { return itil_priority_label(priority); }

std::string PriorityResult::explanation() const {
  std::string out;
  out.reserve(160);
  out.append("impact ").append(std::to_string(impact)).append(" (").append(itil_level_label(impact)).append("): ");
  describe(out, impact_factors, impact_points);
  out.append("; urgency ").append(std::to_string(urgency)).append(" (").append(itil_level_label(urgency)).append("): ");
  describe(out, urgency_factors, urgency_points);
  out.append("; priority ").append(std::to_string(priority)).append(" - ").append(label());
  return out;
}

PriorityResult prioritize_alert(const NormalizedAlert& alert, const PriorityContext& context,
                                const PriorityConfig& config) {
  PriorityResult r;
  const auto at = [](const auto& points, auto value) { return points[static_cast<std::size_t>(value)]; };

  r.impact_points += add(r.impact_factors, "asset_criticality", std::string(to_string(context.asset_criticality)),
                         at(config.criticality_points, context.asset_criticality));
  const std::uint32_t scope = context.scope.value_or(std::max<std::uint32_t>(alert.affected_assets, 1));
  int scope_points = 0;
  for (const ScopeStep& step : config.scope_steps) {  // ascending at_least: the last match wins
    if (step.at_least <= scope) scope_points = step.points;
  }
  r.impact_points += add(r.impact_factors, "scope", std::to_string(scope), scope_points);
  r.impact = level(r.impact_points, config.impact_high_at, config.impact_medium_at);

  const AlertSeverity severity = alert.severity.value;
  r.urgency_points += add(r.urgency_factors, "severity", std::string(to_string(severity)), at(config.severity_points, severity));
  // An analyst's verdict outweighs the engine's confidence; without one the confidence counts.
  const AlertVerdict verdict = alert.verdict.value;
  if (verdict == AlertVerdict::TruePositive || verdict == AlertVerdict::Suspicious || verdict == AlertVerdict::FalsePositive) {
    r.urgency_points += add(r.urgency_factors, "verdict", std::string(to_string(verdict)), at(config.verdict_points, verdict));
  } else {
    const AlertConfidence confidence = alert.confidence.value;
    r.urgency_points += add(r.urgency_factors, "confidence", std::string(to_string(confidence)),
                            at(config.confidence_points, confidence));
  }
  const MitigationStatus mitigation = alert.mitigation.value;
  r.urgency_points += add(r.urgency_factors, "mitigation", std::string(to_string(mitigation)),
                          at(config.mitigation_points, mitigation));
  r.urgency = level(r.urgency_points, config.urgency_high_at, config.urgency_medium_at);

  r.priority = config.matrix[static_cast<std::size_t>(r.impact - 1)][static_cast<std::size_t>(r.urgency - 1)];
  if (r.priority < 1 || r.priority > 5) {  // a hand-built config; from_json() refuses such a matrix
    throw Error(ErrorCode::INVALID_ARGUMENT, "priority matrix: impact " + std::to_string(r.impact) + " x urgency " +
                                                 std::to_string(r.urgency) + " gives " + std::to_string(r.priority) +
                                                 ", not a priority 1-5");
  }
  r.connectwise = config.connectwise[static_cast<std::size_t>(r.priority - 1)];
  r.autotask = config.autotask[static_cast<std::size_t>(r.priority - 1)];
  return r;
}

}  // namespace v1
}  // namespace mspcore
