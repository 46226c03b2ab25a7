/// @file priority.hpp
/// @brief ITIL priority of a normalised alert: impact x urgency, explained, mapped to PSA priorities.
///
/// Impact grows with the asset's criticality and the scope (assets or users affected);
/// urgency with the severity, the analyst verdict (else the engine's confidence) and a
/// missing mitigation. Each input adds points; two thresholds turn the points into a level
/// 1 (High), 2 (Medium) or 3 (Low); the ITIL matrix (the ServiceNow default) turns impact x
/// urgency into priority 1 (Critical) to 5 (Planning). Every number is configurable; the
/// defaults are written down in docs/security-alerts.md.
#pragma once

#include <mspcore/security/alert.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// How much the business depends on the affected asset.
enum class AssetCriticality : std::uint8_t { Unknown, Low, Medium, High, Critical };

/// "unknown", "low", "medium", "high", "critical".
std::string_view to_string(AssetCriticality criticality) noexcept;
/// The criticality named `text`; Error(INVALID_ARGUMENT) naming it and the known names.
AssetCriticality parse_asset_criticality(std::string_view text);

/// What the alert does not say itself: how critical the asset is and how many assets or
/// users are affected.
struct PriorityContext {
  AssetCriticality asset_criticality = AssetCriticality::Unknown;  ///< of the alert's asset
  /// Assets or users affected; empty: the alert's affected_assets (at least 1).
  std::optional<std::uint32_t> scope;

  /// From {"asset_criticality": "high", "scope": 3} (both optional). Unknown keys or values
  /// are Error(INVALID_ARGUMENT), malformed JSON Error(PARSE_ERROR).
  static PriorityContext from_json(std::string_view json);
};

/// A scope at or above `at_least` adds `points` to the impact.
struct ScopeStep {
  std::uint32_t at_least = 1;  ///< smallest scope of the step
  int points = 0;              ///< impact points of the step

  /// Member-wise equality.
  friend bool operator==(const ScopeStep&, const ScopeStep&) = default;
};

/// A priority value of a PSA: the picklist / priority id (when known) and its name.
struct PsaPriority {
  std::optional<std::int64_t> id;  ///< Autotask picklist value, ConnectWise priority id
  std::string name;                ///< "Critical", "Priority 1 - Emergency Response"

  /// Member-wise equality.
  friend bool operator==(const PsaPriority&, const PsaPriority&) = default;
};

/// Levels: 1 (High), 2 (Medium), 3 (Low); priorities 1 (Critical) to 5 (Planning).
/// Arrays of points are indexed by the enum's value. The member initialisers are the defaults.
struct PriorityConfig {
  /// Impact points by AssetCriticality (unknown, low, medium, high, critical).
  std::array<int, 5> criticality_points{1, 0, 1, 2, 3};
  /// Impact points by scope: the step with the largest `at_least` <= scope applies (none: 0).
  std::vector<ScopeStep> scope_steps{{2, 1}, {10, 2}};
  int impact_high_at = 3;    ///< impact is 1 (High) from this many points
  int impact_medium_at = 1;  ///< impact is 2 (Medium) from this many points, else 3 (Low)

  /// Urgency points by AlertSeverity (unknown, info, low, medium, high, critical).
  std::array<int, 6> severity_points{2, 0, 1, 2, 3, 4};
  /// Urgency points by AlertVerdict; only true_positive, suspicious and false_positive count:
  /// an analyst's verdict replaces the engine's confidence, which counts otherwise.
  std::array<int, 5> verdict_points{0, 0, 3, 1, -6};
  /// Urgency points by AlertConfidence (unknown, suspicious, malicious).
  std::array<int, 3> confidence_points{1, 1, 2};
  /// Urgency points by MitigationStatus (unknown, not_mitigated, in_progress, partially, mitigated).
  std::array<int, 5> mitigation_points{1, 2, 1, 1, 0};
  int urgency_high_at = 7;    ///< urgency is 1 (High) from this many points
  int urgency_medium_at = 4;  ///< urgency is 2 (Medium) from this many points, else 3 (Low)

  /// Priority (1-5) by [impact - 1][urgency - 1]: the ServiceNow default ITIL matrix.
  std::array<std::array<int, 3>, 3> matrix{{{1, 2, 3}, {2, 3, 4}, {3, 4, 5}}};

  /// ConnectWise PSA priority by ITIL priority - 1: the stock names (ids differ per instance).
  std::array<PsaPriority, 5> connectwise{{{std::nullopt, "Priority 1 - Emergency Response"},
                                          {std::nullopt, "Priority 2 - Quick Response"},
                                          {std::nullopt, "Priority 3 - Normal Response"},
                                          {std::nullopt, "Priority 4 - Schedule Maintenance"},
                                          {std::nullopt, "Priority 4 - Schedule Maintenance"}}};
  /// Autotask ticket priority by ITIL priority - 1: the typical picklist (4 Critical, 1 High,
  /// 2 Medium, 3 Low); each tenant's picklist may differ.
  std::array<PsaPriority, 5> autotask{{{4, "Critical"}, {1, "High"}, {2, "Medium"}, {3, "Low"}, {3, "Low"}}};

  /// The defaults with the members a JSON document gives replaced (format in
  /// docs/security-alerts.md). Unknown keys, unknown enum names, thresholds out of order,
  /// priorities outside 1-5 and PSA lists without five entries are Error(INVALID_ARGUMENT);
  /// malformed JSON is Error(PARSE_ERROR).
  static PriorityConfig from_json(std::string_view json);
  /// The whole configuration as JSON, in the format from_json() reads.
  std::string to_json() const;

  /// Member-wise equality.
  friend bool operator==(const PriorityConfig&, const PriorityConfig&) = default;
};

/// One input and what it added: {"severity", "critical", 4}.
struct PriorityFactor {
  std::string input;  ///< "asset_criticality", "scope", "severity", "verdict", "confidence" or "mitigation"
  std::string value;  ///< the input's value ("critical", "3")
  int points = 0;     ///< points it added

  /// Member-wise equality.
  friend bool operator==(const PriorityFactor&, const PriorityFactor&) = default;
};

/// The priority of an alert and the inputs that gave it.
struct PriorityResult {
  int impact = 3;                               ///< 1 (High), 2 (Medium), 3 (Low)
  int impact_points = 0;                        ///< sum of impact_factors
  std::vector<PriorityFactor> impact_factors;   ///< asset_criticality, scope
  int urgency = 3;                              ///< 1 (High), 2 (Medium), 3 (Low)
  int urgency_points = 0;                       ///< sum of urgency_factors
  std::vector<PriorityFactor> urgency_factors;  ///< severity, verdict or confidence, mitigation
  int priority = 5;                             ///< ITIL priority 1 (Critical) to 5 (Planning)
  PsaPriority connectwise;                      ///< the configured ConnectWise priority
  PsaPriority autotask;                         ///< the configured Autotask priority

  /// "Critical", "High", "Moderate", "Low" or "Planning".
  std::string_view label() const noexcept;
  /// One line: "impact 2 (Medium): asset_criticality high +2, scope 1 +0 = 2; urgency 1
  /// (High): severity critical +4, confidence malicious +2, mitigation not_mitigated +2 = 8;
  /// priority 2 - High".
  std::string explanation() const;
};

/// The ITIL priority of an alert (see the file description).
PriorityResult prioritize_alert(const NormalizedAlert& alert, const PriorityContext& context,
                                const PriorityConfig& config = PriorityConfig{});

/// The result as JSON: {"priority", "label", "impact": {"level", "label", "points",
/// "factors"}, "urgency": {...}, "psa": {"connectwise": {"id", "name"}, "autotask": {...}},
/// "explanation"}.
std::string priority_result_to_json(const PriorityResult& result);

/// "Critical", "High", "Moderate", "Low", "Planning" for priorities 1-5; "" otherwise.
std::string_view itil_priority_label(int priority) noexcept;

/// "High", "Medium", "Low" for impact and urgency levels 1-3; "" otherwise.
std::string_view itil_level_label(int level) noexcept;

}  // namespace v1
}  // namespace mspcore
