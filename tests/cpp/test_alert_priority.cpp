// Alert prioritisation: the embedded ITIL matrix and PSA tables equal priority_matrices.json,
// every matrix case holds through the inputs, the explanation, the configuration.
#include "test_support.hpp"

#include <mspcore/security/priority.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <string>

using namespace mspcore;
using mspcore::test::code_of;
using nlohmann::json;

namespace {

json priority_matrices() {
  std::ifstream in(std::string(MSP_SHARED_DATA_DIR) + "/frameworks/priority_matrices.json");
  REQUIRE(in.good());
  return json::parse(in);
}

NormalizedAlert alert(AlertSeverity severity, AlertVerdict verdict, AlertConfidence confidence, MitigationStatus mitigation,
                      std::uint32_t affected = 1) {
  NormalizedAlert a;
  a.severity.value = severity;
  a.verdict.value = verdict;
  a.confidence.value = confidence;
  a.mitigation.value = mitigation;
  a.affected_assets = affected;
  return a;
}

}  // namespace

TEST_CASE("alert priority: the embedded ITIL matrix equals priority_matrices.json", "[alerts][priority][tables]") {
  const json doc = priority_matrices();
  const PriorityConfig defaults;
  const json& rows = doc.at("servicenow_default_impact_x_urgency");
  REQUIRE(rows.size() == 9);
  for (const json& row : rows) {
    const int impact = row.at("impact").get<int>();
    const int urgency = row.at("urgency").get<int>();
    const int priority = defaults.matrix[static_cast<std::size_t>(impact - 1)][static_cast<std::size_t>(urgency - 1)];
    CHECK(std::to_string(priority) + " - " + std::string(itil_priority_label(priority)) == row.at("priority").get<std::string>());
  }
  for (int level = 1; level <= 3; ++level) {
    CHECK(itil_level_label(level) == doc.at("impact_levels").at(std::to_string(level)).get<std::string>());
    CHECK(itil_level_label(level) == doc.at("urgency_levels").at(std::to_string(level)).get<std::string>());
  }
  CHECK(itil_priority_label(0).empty());
  CHECK(itil_priority_label(6).empty());
}

TEST_CASE("alert priority: the default PSA tables use the values of priority_matrices.json", "[alerts][priority][tables]") {
  const json doc = priority_matrices();
  const PriorityConfig defaults;
  const json& cw = doc.at("connectwise_stock_priority_names");
  REQUIRE(cw.size() == 4);
  for (std::size_t p = 0; p < 5; ++p) {
    CHECK(defaults.connectwise[p].name == cw.at(std::min<std::size_t>(p, 3)).get<std::string>());  // P5 -> the 4th
    CHECK(!defaults.connectwise[p].id);
  }
  const json& at = doc.at("autotask_priority_picklist_typical");
  // ITIL 1..5 -> Critical, High, Medium, Low, Low.
  const char* names[] = {"Critical", "High", "Medium", "Low", "Low"};
  for (std::size_t p = 0; p < 5; ++p) {
    REQUIRE(defaults.autotask[p].id);
    CHECK(defaults.autotask[p].name == names[p]);
    CHECK(at.at(std::to_string(*defaults.autotask[p].id)).get<std::string>() == names[p]);
  }
}

TEST_CASE("alert priority: every matrix case of priority_matrices.json holds through the inputs", "[alerts][priority]") {
  // Inputs that give each impact and urgency level under the default configuration.
  const AssetCriticality impact_inputs[] = {AssetCriticality::Critical, AssetCriticality::Medium, AssetCriticality::Low};
  const NormalizedAlert urgency_inputs[] = {
      alert(AlertSeverity::Critical, AlertVerdict::TruePositive, AlertConfidence::Unknown, MitigationStatus::NotMitigated),
      alert(AlertSeverity::Medium, AlertVerdict::Undefined, AlertConfidence::Suspicious, MitigationStatus::InProgress),
      alert(AlertSeverity::Info, AlertVerdict::FalsePositive, AlertConfidence::Malicious, MitigationStatus::Mitigated),
  };
  const json doc = priority_matrices();
  for (const json& row : doc.at("servicenow_default_impact_x_urgency")) {
    const int impact = row.at("impact").get<int>();
    const int urgency = row.at("urgency").get<int>();
    const PriorityResult r = prioritize_alert(urgency_inputs[urgency - 1], {impact_inputs[impact - 1], std::nullopt});
    INFO(r.explanation());
    CHECK(r.impact == impact);
    CHECK(r.urgency == urgency);
    CHECK(std::to_string(r.priority) + " - " + std::string(r.label()) == row.at("priority").get<std::string>());
  }
}

TEST_CASE("alert priority: the result says which inputs gave it", "[alerts][priority]") {
  const NormalizedAlert uam =
      alert(AlertSeverity::Critical, AlertVerdict::Undefined, AlertConfidence::Malicious, MitigationStatus::NotMitigated);
  const PriorityResult r = prioritize_alert(uam, {AssetCriticality::High, std::nullopt});
  CHECK(r.impact_factors == std::vector<PriorityFactor>{{"asset_criticality", "high", 2}, {"scope", "1", 0}});
  CHECK(r.impact_points == 2);
  CHECK(r.impact == 2);
  CHECK(r.urgency_factors == std::vector<PriorityFactor>{{"severity", "critical", 4},
                                                         {"confidence", "malicious", 2},
                                                         {"mitigation", "not_mitigated", 2}});
  CHECK(r.urgency_points == 8);
  CHECK(r.urgency == 1);
  CHECK(r.priority == 2);
  CHECK(r.label() == "High");
  CHECK(r.connectwise == PsaPriority{std::nullopt, "Priority 2 - Quick Response"});
  CHECK(r.autotask == PsaPriority{1, "High"});
  CHECK(r.explanation() ==
        "impact 2 (Medium): asset_criticality high +2, scope 1 +0 = 2; urgency 1 (High): severity critical +4, "
        "confidence malicious +2, mitigation not_mitigated +2 = 8; priority 2 - High");

  // An analyst's verdict replaces the engine's confidence.
  const NormalizedAlert fp =
      alert(AlertSeverity::Critical, AlertVerdict::FalsePositive, AlertConfidence::Malicious, MitigationStatus::NotMitigated);
  const PriorityResult low = prioritize_alert(fp, {AssetCriticality::Critical, std::nullopt});
  CHECK(low.urgency_factors[1] == PriorityFactor{"verdict", "false_positive", -6});
  CHECK(low.urgency_points == 0);
  CHECK(low.urgency == 3);
  CHECK(low.priority == 3);
  CHECK(low.explanation() ==
        "impact 1 (High): asset_criticality critical +3, scope 1 +0 = 3; urgency 3 (Low): severity critical +4, "
        "verdict false_positive -6, mitigation not_mitigated +2 = 0; priority 3 - Moderate");
  CHECK(low.autotask == PsaPriority{2, "Medium"});
}

TEST_CASE("alert priority: thresholds and scope steps", "[alerts][priority]") {
  const auto urgency_of = [](AlertSeverity s, AlertConfidence c, MitigationStatus m) {
    return prioritize_alert(alert(s, AlertVerdict::Unknown, c, m), {}).urgency;
  };
  // 7 points is High, 6 Medium; 4 Medium, 3 Low.
  CHECK(urgency_of(AlertSeverity::High, AlertConfidence::Malicious, MitigationStatus::NotMitigated) == 1);  // 3+2+2
  CHECK(urgency_of(AlertSeverity::High, AlertConfidence::Suspicious, MitigationStatus::NotMitigated) == 2);  // 3+1+2
  CHECK(urgency_of(AlertSeverity::Low, AlertConfidence::Malicious, MitigationStatus::InProgress) == 2);  // 1+2+1
  CHECK(urgency_of(AlertSeverity::Low, AlertConfidence::Unknown, MitigationStatus::InProgress) == 3);  // 1+1+1

  const NormalizedAlert any = alert(AlertSeverity::Low, AlertVerdict::Unknown, AlertConfidence::Unknown, MitigationStatus::Mitigated);
  const auto impact_of = [&](AssetCriticality c, std::optional<std::uint32_t> scope, std::uint32_t affected = 1) {
    NormalizedAlert a = any;
    a.affected_assets = affected;
    return prioritize_alert(a, {c, scope});
  };
  CHECK(impact_of(AssetCriticality::Low, 1).impact == 3);
  CHECK(impact_of(AssetCriticality::Low, 2).impact_factors[1] == PriorityFactor{"scope", "2", 1});
  CHECK(impact_of(AssetCriticality::Low, 9).impact == 2);
  CHECK(impact_of(AssetCriticality::Low, 10).impact_factors[1] == PriorityFactor{"scope", "10", 2});
  CHECK(impact_of(AssetCriticality::High, 2).impact == 1);  // 2+1
  CHECK(impact_of(AssetCriticality::Medium, 10).impact == 1);  // 1+2
  // Without a scope the alert's affected assets count, at least 1.
  CHECK(impact_of(AssetCriticality::Low, std::nullopt, 3).impact_factors[1] == PriorityFactor{"scope", "3", 1});
  CHECK(impact_of(AssetCriticality::Low, std::nullopt, 0).impact_factors[1] == PriorityFactor{"scope", "1", 0});
  CHECK(impact_of(AssetCriticality::Unknown, std::nullopt).impact == 2);
}

TEST_CASE("alert priority: configuration from JSON over the defaults", "[alerts][priority]") {
  CHECK(PriorityConfig::from_json("{}") == PriorityConfig{});
  const PriorityConfig defaults;
  CHECK(PriorityConfig::from_json(defaults.to_json()) == defaults);
  CHECK(json::parse(defaults.to_json()).at("urgency").at("verdict") ==
        json{{"true_positive", 3}, {"suspicious", 1}, {"false_positive", -6}});

  const PriorityConfig c = PriorityConfig::from_json(R"({
    "impact": {"asset_criticality": {"high": 3}, "scope": [{"at_least": 5, "points": 3}], "high_at": 4},
    "urgency": {"mitigation": {"mitigated": -2}, "medium_at": 2},
    "matrix": [[1, 1, 2], [2, 3, 4], [3, 4, 5]],
    "psa": {"connectwise": [{"id": 11, "name": "P1"}, {"id": 12, "name": "P2"}, {"id": 13, "name": "P3"},
                            {"id": 14, "name": "P4"}, {"id": 15, "name": "P5"}]}})");
  CHECK(c.criticality_points == std::array<int, 5>{1, 0, 1, 3, 3});
  CHECK(c.scope_steps == std::vector<ScopeStep>{{5, 3}});
  CHECK(c.impact_high_at == 4);
  CHECK(c.impact_medium_at == 1);
  CHECK(c.mitigation_points == std::array<int, 5>{1, 2, 1, 1, -2});
  CHECK(c.urgency_high_at == 7);
  CHECK(c.urgency_medium_at == 2);
  CHECK(c.matrix[0] == std::array<int, 3>{1, 1, 2});
  CHECK(c.connectwise[4] == PsaPriority{15, "P5"});
  CHECK(c.autotask == defaults.autotask);

  const PriorityResult r = prioritize_alert(
      alert(AlertSeverity::High, AlertVerdict::Unknown, AlertConfidence::Suspicious, MitigationStatus::Mitigated),
      {AssetCriticality::High, 1}, c);
  CHECK(r.impact_points == 3);
  CHECK(r.impact == 2);
  CHECK(r.urgency_points == 2);  // 3 + 1 - 2
  CHECK(r.urgency == 2);
  CHECK(r.priority == 3);
  CHECK(r.connectwise == PsaPriority{13, "P3"});

  std::string message;
  CHECK(code_of([] { PriorityConfig::from_json(R"({"urgncy": {}})"); }, &message) == ErrorCode::INVALID_ARGUMENT);
  CHECK(message == "priority config: unknown key 'urgncy' (known: impact, urgency, matrix, psa)");
  CHECK(code_of([] { PriorityConfig::from_json(R"({"urgency": {"verdict": {"undefined": 1}}})"); }, &message) ==
        ErrorCode::INVALID_ARGUMENT);
  CHECK(message ==
        "priority config.urgency.verdict: unknown key 'undefined' (known: true_positive, suspicious, false_positive)");
  CHECK(code_of([] { PriorityConfig::from_json(R"({"impact": {"high_at": 1}})"); }, &message) ==
        ErrorCode::INVALID_ARGUMENT);
  CHECK(message == "priority config.impact: high_at (1) must be greater than medium_at (1)");
  CHECK(code_of([] { PriorityConfig::from_json(R"({"matrix": [[1, 2, 3], [2, 3, 4], [3, 4, 6]]})"); }, &message) ==
        ErrorCode::INVALID_ARGUMENT);
  CHECK(message == "priority config.matrix[2][2]: expected an integer from 1 to 5, got 6");
  CHECK(code_of([] { PriorityConfig::from_json(R"({"psa": {"autotask": [{"id": 4, "name": "Critical"}]}})"); },
                &message) == ErrorCode::INVALID_ARGUMENT);
  CHECK(message.starts_with("priority config.psa.autotask: expected a list of 5 entries, got "));
  CHECK(code_of([] { PriorityConfig::from_json(R"({"impact": {"scope": [{"at_least": 5, "points": 1},
                                                                         {"at_least": 5, "points": 2}]}})"); },
                &message) == ErrorCode::INVALID_ARGUMENT);
  CHECK(message == "priority config.impact.scope[1].at_least: the steps must ascend, 5 follows 5");
  CHECK(code_of([] { PriorityConfig::from_json(R"({"urgency": {"severity": {"high": 18446744073709551615}}})"); }) ==
        ErrorCode::INVALID_ARGUMENT);
  CHECK(code_of([] { PriorityConfig::from_json("{"); }) == ErrorCode::PARSE_ERROR);

  PriorityConfig broken;
  broken.matrix[0][0] = 0;
  CHECK(code_of([&] {
          prioritize_alert(alert(AlertSeverity::Critical, AlertVerdict::TruePositive, AlertConfidence::Unknown,
                                 MitigationStatus::NotMitigated),
                           {AssetCriticality::Critical, std::nullopt}, broken);
        }) == ErrorCode::INVALID_ARGUMENT);
}

TEST_CASE("alert priority: context and result as JSON", "[alerts][priority]") {
  const PriorityContext c = PriorityContext::from_json(R"({"asset_criticality": "critical", "scope": 4})");
  CHECK(c.asset_criticality == AssetCriticality::Critical);
  CHECK(c.scope == 4u);
  CHECK(PriorityContext::from_json("{}").scope == std::nullopt);
  std::string message;
  CHECK(code_of([] { PriorityContext::from_json(R"({"asset_criticality": "vital"})"); }, &message) ==
        ErrorCode::INVALID_ARGUMENT);
  CHECK(message ==
        "priority context.asset_criticality: unknown value 'vital' (known: unknown, low, medium, high, critical)");
  CHECK(code_of([] { PriorityContext::from_json(R"({"scope": 0})"); }) == ErrorCode::INVALID_ARGUMENT);

  const PriorityResult r = prioritize_alert(
      alert(AlertSeverity::Critical, AlertVerdict::Undefined, AlertConfidence::Malicious, MitigationStatus::NotMitigated),
      {AssetCriticality::High, std::nullopt});
  const json doc = json::parse(priority_result_to_json(r));
  CHECK(doc.at("priority") == 2);
  CHECK(doc.at("label") == "High");
  CHECK(doc.at("impact") == json{{"level", 2},
                                 {"label", "Medium"},
                                 {"points", 2},
                                 {"factors", {{{"input", "asset_criticality"}, {"value", "high"}, {"points", 2}},
                                              {{"input", "scope"}, {"value", "1"}, {"points", 0}}}}});
  CHECK(doc.at("urgency").at("level") == 1);
  CHECK(doc.at("urgency").at("factors").size() == 3);
  CHECK(doc.at("psa") == json{{"connectwise", {{"id", nullptr}, {"name", "Priority 2 - Quick Response"}}},
                              {"autotask", {{"id", 1}, {"name", "High"}}}});
  CHECK(doc.at("explanation") == r.explanation());
}
