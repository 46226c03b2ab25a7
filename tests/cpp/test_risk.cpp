// Client risk score: each factor formula by hand, missing inputs, grades, KEV/EPSS, control
// weights, every cell of NIST SP 800-30 Table I-2 from the shared JSON, bad input, the C ABI.
#include "test_support.hpp"

#include <mspcore.h>
#include <mspcore/security/risk.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <string>
#include <vector>

using namespace mspcore;
using mspcore::test::code_of;
using nlohmann::json;

namespace {

json shared(const std::string& path) {
  std::ifstream in(std::string(MSP_SHARED_DATA_DIR) + "/" + path);
  REQUIRE(in.good());
  return json::parse(in);
}

json score(const json& inputs, const char* model = nullptr) {
  const RiskModel m = model ? RiskModel::from_json(model) : RiskModel{};
  return json::parse(risk_score_to_json(risk_score(RiskInputs::from_json(inputs.dump()), m)));
}

// Risk of one factor when only it is known.
double risk_of(const json& inputs, const char* factor) { return score(inputs).at("contributions").at(factor).at("risk").get<double>(); }

const char* const kV31Critical = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";  // base 9.8

}  // namespace

TEST_CASE("risk: NIST Table I-2 equals the shared JSON in every cell", "[risk][nist]") {
  const json doc = shared("frameworks/table_I-2_risk_matrix.json");
  const json& levels = doc.at("levels");
  REQUIRE(levels.size() == 5);
  int cells = 0;
  for (int l = 1; l <= 5; ++l) {
    CHECK(nist_level_name(l) == levels.at(static_cast<std::size_t>(l - 1)).get<std::string>());
    CHECK(nist_level_from_name(levels.at(static_cast<std::size_t>(l - 1)).get<std::string>()) == l);
    for (int i = 1; i <= 5; ++i) {
      const std::string expected =
          doc.at("risk_level").at(std::string(nist_level_name(l))).at(std::string(nist_level_name(i))).get<std::string>();
      CHECK(nist_level_name(nist_risk_level(l, i)) == expected);
      // The same cell through the risk register, given by names.
      const json out = score({{"risk_register", {{{"id", "R"}, {"likelihood", std::string(nist_level_name(l))}, {"impact", std::string(nist_level_name(i))}}}}});
      CHECK(out.at("risk_register").at(0).at("level") == expected);
      ++cells;
    }
  }
  CHECK(cells == 25);
  CHECK(code_of([] { nist_risk_level(0, 3); }) == ErrorCode::OUT_OF_RANGE);
  CHECK(code_of([] { nist_risk_level(3, 6); }) == ErrorCode::OUT_OF_RANGE);
  CHECK(nist_level_from_name("very_high") == 5);
  CHECK(nist_level_from_name("3") == 3);
  CHECK(code_of([] { nist_level_from_name("Extreme"); }) == ErrorCode::INVALID_ARGUMENT);
  const json numbers = score({{"risk_register", {{{"likelihood", 3}, {"impact", 5}, {"title", "ransomware"}}}}});
  CHECK(numbers.at("risk_register").at(0) ==
        json{{"id", ""}, {"title", "ransomware"}, {"likelihood", "Moderate"}, {"impact", "Very High"}, {"level", "High"}});
}

TEST_CASE("risk: a full example computed by hand", "[risk]") {
  const json inputs = {
      // 10 x 2 (age 30 doubles) + 6 x 1 + 1 x 2 + 1 x 2 (age capped at 30) = 30 -> 30 / 40 = 0.75
      {"incidents",
       {{{"priority", 1}, {"age_days", 30}}, {{"priority", "P2"}, {"age_days", 0}}, {{"priority", 4}, {"age_days", 30}},
        {{"priority", 4}, {"age_days", 60}}}},
      {"unmitigated_threats", 2},  // 2 / (2 + 2) = 0.5
      // 10 x 0.5 x 3 (KEV) twice = 30 -> 30 / 40 = 0.75
      {"vulnerabilities",
       {{{"id", "CVE-1"}, {"cvss_score", 10.0}, {"epss", 0.5}, {"kev", true}},
        {{"id", "CVE-2"}, {"cvss_score", 10}, {"epss", 0.5}, {"kev", true}}}},
      {"lifecycle", {{"assets", 10}, {"past_warranty", 2}, {"os_past_eol", 4}}},  // (0.2 + 0.4) / 2 = 0.3
      {"backup_compliance", 90},                                                    // 0.1
      {"patch_compliance", 80},                                                     // 0.2
      // (5 x 1 + 3 x 0.5 + 1 x 0) / 9 = 6.5 / 9 aligned -> risk 2.5 / 9
      {"controls",
       {{{"weight", "High"}, {"answer", "aligned"}},
        {{"weight", "medium"}, {"answer", "partial"}},
        {{"weight", "low"}, {"answer", "not aligned"}},
        {{"weight", "high"}, {"answer", "not_applicable"}}}},
  };
  const json out = score(inputs);
  const json& c = out.at("contributions");
  CHECK(c.at("incidents").at("risk").get<double>() == Approx(0.75));
  CHECK(c.at("incidents").at("points").get<double>() == Approx(15));
  CHECK(c.at("threats").at("points").get<double>() == Approx(5));
  CHECK(c.at("vulnerabilities").at("points").get<double>() == Approx(18.75));
  CHECK(c.at("lifecycle").at("points").get<double>() == Approx(3));
  CHECK(c.at("backup").at("points").get<double>() == Approx(1.5));
  CHECK(c.at("patch").at("points").get<double>() == Approx(2));
  CHECK(c.at("controls").at("risk").get<double>() == Approx(2.5 / 9));
  CHECK(c.at("controls").at("weight") == 10);
  // 15 + 5 + 18.75 + 3 + 1.5 + 2 + 2.777... = 48.03 -> 48.0
  CHECK(out.at("score").get<double>() == 48.0);
  CHECK(out.at("grade") == "C");
  CHECK(out.at("coverage") == 100);
  CHECK(out.at("model_version") == "mspcore-risk-1");
  for (const auto& [name, f] : c.items()) CHECK(f.at("known") == true);
  CHECK(c.at("incidents").at("detail") == "4 open (P1 1, P2 1, P3 0, P4 2, P5 0), 30 points");
}

TEST_CASE("risk: missing inputs lower the coverage and never count as perfect", "[risk][missing]") {
  const json none = score(json::object());
  CHECK(none.at("score").get<double>() == 50.0);  // every factor at missing_factor_risk 0.5
  CHECK(none.at("coverage") == 0);
  CHECK(none.at("grade") == "C");
  for (const auto& [name, f] : none.at("contributions").items()) {
    CHECK(f.at("known") == false);
    CHECK(f.at("risk").get<double>() == 0.5);
  }
  // Perfect backup and patch; the other 75 weight points count 0.5: 37.5, coverage 25.
  const json some = score({{"backup_compliance", 100}, {"patch_compliance", 100.0}});
  CHECK(some.at("score").get<double>() == 37.5);
  CHECK(some.at("coverage") == 25);
  CHECK(some.at("grade") == "B");
  // null is missing; an empty list is a known "none".
  const json nulls = score({{"incidents", nullptr}, {"vulnerabilities", json::array()}, {"unmitigated_threats", 0}});
  CHECK(nulls.at("contributions").at("incidents").at("known") == false);
  CHECK(nulls.at("contributions").at("vulnerabilities").at("known") == true);
  CHECK(nulls.at("contributions").at("vulnerabilities").at("risk").get<double>() == 0);
  CHECK(nulls.at("contributions").at("threats").at("risk").get<double>() == 0);
  CHECK(nulls.at("coverage") == 35);
  // Controls that are all not applicable are missing.
  const json na = score({{"controls", {{{"weight", "high"}, {"answer", "not_applicable"}}}}});
  CHECK(na.at("contributions").at("controls").at("known") == false);
  // A stricter model: missing factors count as 1.
  const json strict = score({{"backup_compliance", 100}}, R"({"version": "strict-1", "missing_factor_risk": 1})");
  CHECK(strict.at("score").get<double>() == 85.0);
  CHECK(strict.at("model_version") == "strict-1");
}

TEST_CASE("risk: each factor formula", "[risk][factors]") {
  // Incidents: priority points 10, 6, 3, 1, 0.5; age doubles over 30 days; x / (x + 10).
  CHECK(risk_of({{"incidents", {{{"priority", 1}, {"age_days", 0}}}}}, "incidents") == Approx(0.5));
  CHECK(risk_of({{"incidents", {{{"priority", 3}, {"age_days", 15}}}}}, "incidents") == Approx(4.5 / 14.5));
  CHECK(risk_of({{"incidents", {{{"priority", 5}, {"age_days", 365}}}}}, "incidents") == Approx(1.0 / 11));
  CHECK(risk_of({{"incidents", json::array()}}, "incidents") == 0);
  // Threats: n / (n + 2).
  CHECK(risk_of({{"unmitigated_threats", 1}}, "threats") == Approx(1.0 / 3));
  CHECK(risk_of({{"unmitigated_threats", 6}}, "threats") == Approx(0.75));
  // Lifecycle: mean of the two shares.
  CHECK(risk_of({{"lifecycle", {{"assets", 4}, {"past_warranty", 4}, {"os_past_eol", 0}}}}, "lifecycle") == Approx(0.5));
  // Backup and patch: 1 - compliance.
  CHECK(risk_of({{"backup_compliance", 37.5}}, "backup") == Approx(0.625));
  CHECK(risk_of({{"patch_compliance", 0}}, "patch") == 1);
  // Controls: High 5 / Medium 3 / Low 1; aligned 1, partial 0.5, not aligned 0.
  CHECK(risk_of({{"controls", {{{"weight", "high"}, {"answer", "not_aligned"}}, {{"weight", "low"}, {"answer", "aligned"}}}}},
                "controls") == Approx(5.0 / 6));
  CHECK(risk_of({{"controls", {{{"weight", "medium"}, {"answer", "partial"}}}}}, "controls") == Approx(0.5));
}

TEST_CASE("risk: vulnerabilities weighted by EPSS and KEV membership", "[risk][kev]") {
  // CVSS base x EPSS x (KEV ? 3 : 1); x / (x + 10).
  CHECK(risk_of({{"vulnerabilities", {{{"cvss_score", 10}, {"epss", 1}}}}}, "vulnerabilities") == Approx(0.5));
  CHECK(risk_of({{"vulnerabilities", {{{"cvss_score", 10}, {"epss", 1}, {"kev", true}}}}}, "vulnerabilities") == Approx(0.75));
  // No EPSS: the default 0.1.
  CHECK(risk_of({{"vulnerabilities", {{{"cvss_score", 10}}}}}, "vulnerabilities") == Approx(1.0 / 11));
  // A vector is scored (base 9.8).
  CHECK(risk_of({{"vulnerabilities", {{{"cvss", kV31Critical}, {"epss", 1}}}}}, "vulnerabilities") == Approx(9.8 / 19.8));
  // KEV membership from the CISA catalogue (the shared sample), ids matched ignoring case.
  const json kev = shared("frameworks/kev/kev_sample.json");
  const std::string listed = kev.at("vulnerabilities").at(0).at("cveID").get<std::string>();
  std::string lower = listed;
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  const json vulns = {{{"id", lower}, {"cvss_score", 10}, {"epss", 1}}, {{"id", "CVE-1999-0001"}, {"cvss_score", 10}, {"epss", 1}}};
  // 10 x 3 + 10 = 40 -> 0.8
  CHECK(risk_of({{"vulnerabilities", vulns}, {"kev_catalog", kev}}, "vulnerabilities") == Approx(0.8));
  CHECK(risk_of({{"vulnerabilities", vulns}, {"kev_catalog", {listed}}}, "vulnerabilities") == Approx(0.8));
  CHECK(risk_of({{"vulnerabilities", vulns}}, "vulnerabilities") == Approx(2.0 / 3));
  // An explicit "kev": false wins over the catalogue.
  const json explicit_no = {{{"id", listed}, {"cvss_score", 10}, {"epss", 1}, {"kev", false}}};
  CHECK(risk_of({{"vulnerabilities", explicit_no}, {"kev_catalog", kev}}, "vulnerabilities") == Approx(0.5));
  CHECK(score({{"vulnerabilities", vulns}, {"kev_catalog", kev}}).at("contributions").at("vulnerabilities").at("detail") ==
        "2 open (1 in KEV), 40 points");
}

TEST_CASE("risk: grade bands and rounding", "[risk][grades]") {
  const RiskModel m;
  CHECK(m.grade(0) == "A");
  CHECK(m.grade(199) == "A");
  CHECK(m.grade(200) == "B");
  CHECK(m.grade(399) == "B");
  CHECK(m.grade(400) == "C");
  CHECK(m.grade(599) == "C");
  CHECK(m.grade(600) == "D");
  CHECK(m.grade(799) == "D");
  CHECK(m.grade(800) == "F");
  CHECK(m.grade(1000) == "F");
  // 85 x 0.5 + 15 x 0.15 = 44.75 -> 44.8 (half up)
  CHECK(score({{"backup_compliance", 85}}).at("score").get<double>() == 44.8);
  // Configured bands.
  const char* model = R"({"version": "pf-1", "grades": [{"grade": "pass", "below": 50}, {"grade": "fail"}]})";
  CHECK(score({{"backup_compliance", 85}}, model).at("grade") == "pass");
  CHECK(score(json::object(), model).at("grade") == "fail");  // 50.0 is not below 50
}

TEST_CASE("risk: the model as JSON", "[risk][model]") {
  const RiskModel defaults;
  CHECK(RiskModel::from_json(defaults.to_json()) == defaults);
  CHECK(RiskModel::from_json("{}") == defaults);
  const RiskModel m = RiskModel::from_json(
      R"({"version": "x", "weights": {"incidents": 30, "vulnerabilities": 15}, "controls": {"weights": {"high": 10}}})");
  CHECK(m.weights[0] == 30);
  CHECK(m.weights[2] == 15);
  CHECK(m.control_weights[0] == 10);
  std::string msg;
  CHECK(code_of([] { RiskModel::from_json(R"({"version": "x", "weights": {"incidents": 10}})"); }, &msg) ==
        ErrorCode::INVALID_ARGUMENT);
  CHECK_THAT(msg, Catch::Contains("must sum to 100, they sum to 90"));
  CHECK(code_of([] { RiskModel::from_json(R"({"version": "x", "weights": {"backups": 15}})"); }, &msg) ==
        ErrorCode::INVALID_ARGUMENT);
  CHECK_THAT(msg, Catch::Contains("unknown factor 'backups'"));
  CHECK(code_of([] { RiskModel::from_json(R"({"missing_factor_risk": 0.7})"); }, &msg) == ErrorCode::INVALID_ARGUMENT);
  CHECK_THAT(msg, Catch::Contains("needs its own \"version\""));
  CHECK(code_of([] { RiskModel::from_json(R"({"version": "x", "missing_factor_risk": 1.5})"); }) == ErrorCode::OUT_OF_RANGE);
  CHECK(code_of([] { RiskModel::from_json(R"({"version": "x", "grades": [{"grade": "A", "below": 50}, {"grade": "B", "below": 40}, {"grade": "C"}]})"); }) ==
        ErrorCode::INVALID_ARGUMENT);
  CHECK(code_of([] { RiskModel::from_json(R"({"version": "x", "grades": [{"grade": "A", "below": 50}]})"); }) ==
        ErrorCode::INVALID_ARGUMENT);
  CHECK(code_of([] { RiskModel::from_json("{"); }) == ErrorCode::PARSE_ERROR);
}

TEST_CASE("risk: bad inputs are errors that name the value", "[risk][errors]") {
  auto fails = [](const json& inputs, ErrorCode code, const std::string& text) {
    std::string msg;
    CHECK(code_of([&] { RiskInputs::from_json(inputs.dump()); }, &msg) == code);
    CHECK_THAT(msg, Catch::Contains(text));
  };
  fails({{"backups", 90}}, ErrorCode::INVALID_ARGUMENT, "unknown key 'backups'");
  fails({{"backup_compliance", 100.5}}, ErrorCode::OUT_OF_RANGE, "backup_compliance: 100.5 is outside 0..100");
  fails({{"patch_compliance", -1}}, ErrorCode::OUT_OF_RANGE, "patch_compliance");
  fails({{"patch_compliance", "90%"}}, ErrorCode::INVALID_ARGUMENT, "expected a number");
  fails({{"unmitigated_threats", -1}}, ErrorCode::OUT_OF_RANGE, "count -1 must be >= 0");
  fails({{"unmitigated_threats", 1.5}}, ErrorCode::INVALID_ARGUMENT, "whole count");
  fails({{"lifecycle", {{"assets", 10}, {"past_warranty", -2}, {"os_past_eol", 0}}}}, ErrorCode::OUT_OF_RANGE,
        "lifecycle.past_warranty: count -2");
  fails({{"lifecycle", {{"assets", 10}, {"past_warranty", 11}, {"os_past_eol", 0}}}}, ErrorCode::OUT_OF_RANGE, "must not exceed");
  fails({{"lifecycle", {{"assets", 0}, {"past_warranty", 0}, {"os_past_eol", 0}}}}, ErrorCode::OUT_OF_RANGE, "at least 1");
  fails({{"incidents", {{{"priority", 6}, {"age_days", 1}}}}}, ErrorCode::OUT_OF_RANGE, "incidents[0].priority");
  fails({{"incidents", {{{"priority", 1}, {"age_days", -1}}}}}, ErrorCode::OUT_OF_RANGE, "age_days");
  fails({{"incidents", {{{"priority", 1}}}}}, ErrorCode::INVALID_ARGUMENT, "needs priority and age_days");
  fails({{"vulnerabilities", {{{"id", "CVE-A"}, {"cvss_score", 5}}, {{"id", "CVE-2024-0002"}, {"cvss", "CVSS:3.1/AV:Q"}}}}},
        ErrorCode::PARSE_ERROR, "vulnerabilities[1] (CVE-2024-0002): CVSS vector 'CVSS:3.1/AV:Q'");
  fails({{"vulnerabilities", {{{"id", "CVE-A"}, {"cvss_score", 11}}}}}, ErrorCode::OUT_OF_RANGE, "cvss_score");
  fails({{"vulnerabilities", {{{"id", "CVE-A"}}}}}, ErrorCode::INVALID_ARGUMENT, "needs exactly one of");
  fails({{"vulnerabilities", {{{"cvss_score", 5}, {"epss", 2}}}}}, ErrorCode::OUT_OF_RANGE, "epss");
  fails({{"vulnerabilities", {{{"cvss_score", 5}, {"severity", "high"}}}}}, ErrorCode::INVALID_ARGUMENT, "unknown key 'severity'");
  fails({{"controls", {{{"weight", "critical"}, {"answer", "aligned"}}}}}, ErrorCode::INVALID_ARGUMENT, "unknown value \"critical\"");
  fails({{"controls", {{{"weight", "high"}, {"answer", "yes"}}}}}, ErrorCode::INVALID_ARGUMENT, "controls[0].answer");
  fails({{"risk_register", {{{"likelihood", "Extreme"}, {"impact", 1}}}}}, ErrorCode::INVALID_ARGUMENT, "risk_register[0].likelihood");
  fails({{"risk_register", {{{"likelihood", 0}, {"impact", 1}}}}}, ErrorCode::OUT_OF_RANGE, "risk_register[0].likelihood");
  fails(json::array(), ErrorCode::INVALID_ARGUMENT, "expected an object");
  CHECK(code_of([] { RiskInputs::from_json("{\"backup_compliance\": "); }) == ErrorCode::PARSE_ERROR);
}

TEST_CASE("msp_risk_score_json writes the score into the caller's buffer", "[risk][capi]") {
  const std::string inputs = R"({"backup_compliance": 100, "patch_compliance": 100})";
  msp_error err;
  size_t required = 0;
  REQUIRE(msp_risk_score_json(inputs.c_str(), nullptr, nullptr, 0, &required, &err) == MSP_STATUS_OK);
  REQUIRE(required > 1);
  std::vector<char> buf(required);
  REQUIRE(msp_risk_score_json(inputs.c_str(), nullptr, buf.data(), buf.size(), &required, &err) == MSP_STATUS_OK);
  const json out = json::parse(buf.data());
  CHECK(out.at("score").get<double>() == 37.5);
  CHECK(out.at("coverage") == 25);
  CHECK(out.at("grade") == "B");

  CHECK(msp_risk_score_json(R"({"backup_compliance": 101})", nullptr, buf.data(), buf.size(), &required, &err) ==
        MSP_STATUS_OUT_OF_RANGE);
  CHECK(std::string(err.message).find("backup_compliance") != std::string::npos);
  CHECK(msp_risk_score_json(inputs.c_str(), R"({"weights": {}})", buf.data(), buf.size(), &required, &err) ==
        MSP_STATUS_INVALID_ARGUMENT);
  CHECK(msp_risk_score_json(nullptr, nullptr, buf.data(), buf.size(), &required, &err) == MSP_STATUS_INVALID_ARGUMENT);

  REQUIRE(msp_risk_model_default_json(nullptr, 0, &required, nullptr) == MSP_STATUS_OK);
  std::vector<char> model(required);
  REQUIRE(msp_risk_model_default_json(model.data(), model.size(), &required, &err) == MSP_STATUS_OK);
  CHECK(json::parse(model.data()).at("version") == "mspcore-risk-1");
}
