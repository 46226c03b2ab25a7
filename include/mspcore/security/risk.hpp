/// @file risk.hpp
/// @brief Client risk score 0-100 (higher is riskier) with grade, coverage, per-factor
/// contributions and the model version; a risk register on the NIST SP 800-30 Table I-2 matrix.
///
/// Seven factors each get a risk from 0 (no risk) to 1 by a documented formula: open
/// incidents, unmitigated threats, vulnerabilities (CVSS x EPSS x KEV), lifecycle, backup
/// compliance, patch compliance and control alignment. The score is the sum of weight x risk
/// over all factors (the weights sum to 100). A factor whose input is missing counts as the
/// model's `missing_factor_risk` (default 0.5), never as perfect, and does not add its weight
/// to the coverage. Every number is part of a RiskModel with a version string; the default
/// model "mspcore-risk-1" is written down in docs/security-risk.md.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// The factors of the risk score, in the order of the result.
enum class RiskFactor : std::uint8_t { Incidents, Threats, Vulnerabilities, Lifecycle, Backup, Patch, Controls };

/// Number of RiskFactor values.
inline constexpr std::size_t kRiskFactorCount = 7;

/// "incidents", "threats", "vulnerabilities", "lifecycle", "backup", "patch", "controls".
std::string_view to_string(RiskFactor factor) noexcept;

/// A grade band: scores below `below` (and at or above the previous band's bound) get `grade`.
struct RiskGradeBand {
  std::string grade;           ///< "A"
  std::optional<int> below;    ///< exclusive upper bound in tenths of a point; empty for the last band

  /// Member-wise equality.
  friend bool operator==(const RiskGradeBand&, const RiskGradeBand&) = default;
};

/// Every number of the risk score. The member initialisers are the default model "mspcore-risk-1".
struct RiskModel {
  std::string version = "mspcore-risk-1";  ///< reported with every score
  /// Weight of each factor by RiskFactor; non-negative integers summing to 100.
  std::array<int, kRiskFactorCount> weights{20, 10, 25, 10, 15, 10, 10};
  double missing_factor_risk = 0.5;  ///< risk (0..1) of a factor whose input is missing

  /// Incident points by ITIL priority 1..5 (index priority - 1).
  std::array<double, 5> incident_priority_points{10, 6, 3, 1, 0.5};
  double incident_age_days_to_double = 30;  ///< an incident this old counts twice; older ones no more
  double incidents_half_at = 10;            ///< points at which the incident risk is 0.5
  double threats_half_at = 2;               ///< unmitigated threats at which the threat risk is 0.5
  double default_epss = 0.1;                ///< EPSS of a vulnerability that has none
  double kev_multiplier = 3;                ///< factor for a vulnerability in the CISA KEV catalogue
  double vulnerabilities_half_at = 10;      ///< vulnerability points at which the risk is 0.5
  /// Control weights by importance: high, medium, low.
  std::array<double, 3> control_weights{5, 3, 1};
  /// Alignment value of an answer: aligned, partial, not aligned.
  std::array<double, 3> control_answers{1, 0.5, 0};
  /// Grade bands in ascending order (bounds in tenths): A < 20, B < 40, C < 60, D < 80, F.
  std::vector<RiskGradeBand> grades{{"A", 200}, {"B", 400}, {"C", 600}, {"D", 800}, {"F", std::nullopt}};

  /// The defaults with the members a JSON document gives replaced (format in
  /// docs/security-risk.md). A document that changes any parameter must give its own
  /// "version". Unknown keys, weights that do not sum to 100, values out of range and grade
  /// bands out of order are Error(INVALID_ARGUMENT); malformed JSON is Error(PARSE_ERROR).
  static RiskModel from_json(std::string_view json);
  /// The whole model as JSON, in the format from_json() reads.
  std::string to_json() const;

  /// The grade of a score in tenths (0..1000).
  std::string_view grade(int score_tenths) const;

  /// Member-wise equality.
  friend bool operator==(const RiskModel&, const RiskModel&) = default;
};

/// One open incident: its ITIL priority and how long it has been open.
struct RiskIncident {
  int priority = 3;       ///< 1 (Critical) .. 5 (Planning)
  double age_days = 0;    ///< >= 0
};

/// One open vulnerability.
struct RiskVulnerability {
  std::string id;                 ///< CVE id or any label ("" if none)
  int cvss_base_tenths = 0;       ///< CVSS base score in tenths (98 = 9.8)
  std::optional<double> epss;     ///< EPSS probability 0..1; empty: the model's default_epss
  bool kev = false;               ///< listed in the CISA Known Exploited Vulnerabilities catalogue
};

/// Asset counts for the lifecycle factor.
struct RiskLifecycle {
  std::uint64_t assets = 0;         ///< assets in scope, >= 1
  std::uint64_t past_warranty = 0;  ///< of them, out of warranty
  std::uint64_t os_past_eol = 0;    ///< of them, running an operating system past end of life
};

/// Importance of a control (a standards question).
enum class ControlImportance : std::uint8_t { High, Medium, Low };
/// Answer to a control.
enum class ControlAnswer : std::uint8_t { Aligned, Partial, NotAligned, NotApplicable };

/// One answered control.
struct RiskControl {
  std::string id;                                           ///< question id ("" if none)
  ControlImportance importance = ControlImportance::Medium; ///< weight class
  ControlAnswer answer = ControlAnswer::NotAligned;         ///< the answer
};

/// One entry of the risk register: likelihood and impact on the NIST 1..5 scale
/// (1 Very Low, 2 Low, 3 Moderate, 4 High, 5 Very High).
struct RiskRegisterEntry {
  std::string id;     ///< "" if none
  std::string title;  ///< "" if none
  int likelihood = 1; ///< 1..5
  int impact = 1;     ///< 1..5
};

/// What is known about a client. An empty optional is a missing input; an empty list is
/// a known "none" (no open incidents, no open vulnerabilities).
struct RiskInputs {
  std::optional<std::vector<RiskIncident>> incidents;           ///< open incidents
  std::optional<std::uint64_t> unmitigated_threats;              ///< unmitigated threats
  std::optional<std::vector<RiskVulnerability>> vulnerabilities; ///< open vulnerabilities
  std::optional<RiskLifecycle> lifecycle;                        ///< asset lifecycle
  std::optional<double> backup_compliance;                       ///< percent 0..100
  std::optional<double> patch_compliance;                        ///< percent 0..100
  /// Answered controls; missing when empty or all not applicable.
  std::optional<std::vector<RiskControl>> controls;
  std::vector<RiskRegisterEntry> risk_register;                  ///< rated beside the score

  /// From the JSON of docs/security-risk.md. Unknown keys are Error(INVALID_ARGUMENT),
  /// percentages outside 0..100, EPSS outside 0..1, negative counts and priorities outside
  /// 1..5 Error(OUT_OF_RANGE), a malformed CVSS vector Error(PARSE_ERROR); each message names
  /// the entry ("risk inputs.vulnerabilities[1] (CVE-2024-1): CVSS vector ...").
  static RiskInputs from_json(std::string_view json);
};

/// What one factor added to the score.
struct RiskContribution {
  RiskFactor factor = RiskFactor::Incidents;  ///< the factor
  bool known = false;     ///< its input was given
  double risk = 0;        ///< 0..1; missing_factor_risk when not known
  int weight = 0;         ///< its weight in the model
  double points = 0;      ///< weight x risk
  std::string detail;     ///< the inputs behind the risk, in words
};

/// A risk register entry rated on NIST SP 800-30 Table I-2.
struct RiskRegisterResult {
  RiskRegisterEntry entry;  ///< as given
  int level = 1;            ///< 1 (Very Low) .. 5 (Very High)
};

/// The risk score of a client.
struct RiskScore {
  int score_tenths = 0;     ///< 0..1000: the sum of the points, rounded half up to tenths
  std::string grade;        ///< the model's grade of score_tenths
  int coverage = 0;         ///< 0..100: sum of the weights of the known factors
  std::vector<RiskContribution> contributions;  ///< one per factor, in RiskFactor order
  std::string model_version;                    ///< RiskModel::version
  std::vector<RiskRegisterResult> risk_register;///< the register, rated

  /// score_tenths as a double (42.3).
  double score() const noexcept { return score_tenths / 10.0; }
};

/// The risk score of `inputs` under `model` (see the file description).
RiskScore risk_score(const RiskInputs& inputs, const RiskModel& model = RiskModel{});

/// The result as JSON: {"score", "grade", "coverage", "contributions": {factor: {"known",
/// "risk", "weight", "points", "detail"}}, "model_version", "risk_register": [{"id", "title",
/// "likelihood", "impact", "level"}]} with NIST level names.
std::string risk_score_to_json(const RiskScore& score);

/// NIST SP 800-30 Rev.1 Table I-2: the level of risk (1..5) of a likelihood and an impact
/// (1..5 each). Throws Error(OUT_OF_RANGE) outside 1..5.
int nist_risk_level(int likelihood, int impact);

/// "Very Low", "Low", "Moderate", "High", "Very High" for levels 1..5; "" otherwise.
std::string_view nist_level_name(int level) noexcept;

/// The level 1..5 of a name ("very high", "Very High", "very_high"; case and space/underscore
/// ignored) or of "1".."5"; Error(INVALID_ARGUMENT) otherwise.
int nist_level_from_name(std::string_view name);

}  // namespace v1
}  // namespace mspcore
