// The alert part of the C ABI (include/mspcore.h), called as a C program would.
#include <mspcore.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <string>
#include <vector>

using nlohmann::json;

namespace {

std::string rc_incident() {
  std::ifstream in(std::string(MSP_SHARED_DATA_DIR) + "/alerts/rocketcyber_incident.synthetic.json");
  REQUIRE(in.good());
  return json::parse(in).at("GET /v3/incidents").at("data").at(0).dump();
}

}  // namespace

TEST_CASE("msp_alert_normalize_json writes the record into the caller's buffer", "[alerts][capi]") {
  const std::string payload = rc_incident();
  msp_error err;
  size_t required = 0;
  REQUIRE(msp_alert_normalize_json("rocketcyber", payload.c_str(), nullptr, 0, &required, &err) == MSP_STATUS_OK);
  std::vector<char> small(required - 1);
  CHECK(msp_alert_normalize_json("rocketcyber", payload.c_str(), small.data(), small.size(), &required, &err) ==
        MSP_STATUS_BUFFER_TOO_SMALL);
  CHECK(err.code == MSP_STATUS_BUFFER_TOO_SMALL);
  REQUIRE(required > 1);

  std::vector<char> buf(required);
  REQUIRE(msp_alert_normalize_json("rocketcyber", payload.c_str(), buf.data(), buf.size(), &required, &err) ==
          MSP_STATUS_OK);
  CHECK(err.code == MSP_STATUS_OK);
  CHECK(required == buf.size());
  const json doc = json::parse(buf.data());
  CHECK(doc.at("source") == "rocketcyber");
  CHECK(doc.at("source_id") == "5001");
  CHECK(doc.at("asset") == json{{"id", nullptr}, {"name", "DESKTOP-ABC123"}});
  CHECK(doc.at("status") == json{{"value", "open"}, {"raw", "open"}});
  CHECK(doc.at("last_seen") == "2025-06-01T16:00:00Z");
}

TEST_CASE("msp_alert_normalize_json reports bad records with the message", "[alerts][capi]") {
  char buf[4096];
  msp_error err;
  CHECK(msp_alert_normalize_json("crowdstrike", "{}", buf, sizeof buf, nullptr, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(std::string(err.message) ==
        "unknown alert source 'crowdstrike' (known: sentinelone, sentinelone_uam, rocketcyber, barracuda_xdr)");
  CHECK(msp_alert_normalize_json("rocketcyber", "{\"id\": ", buf, sizeof buf, nullptr, &err) == MSP_STATUS_PARSE_ERROR);
  CHECK(msp_alert_normalize_json("rocketcyber", "{}", buf, sizeof buf, nullptr, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(std::string(err.message) == "RocketCyber incident: id: expected a non-empty string or integer id, got nothing");
  CHECK(msp_alert_normalize_json(nullptr, "{}", buf, sizeof buf, nullptr, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(std::string(err.message) == "source must not be NULL");
  CHECK(msp_alert_normalize_json("rocketcyber", nullptr, buf, sizeof buf, nullptr, nullptr) == MSP_STATUS_INVALID_ARGUMENT);
}

TEST_CASE("msp_alert_prioritize_json: defaults, context and configuration", "[alerts][capi]") {
  const std::string payload = rc_incident();
  std::vector<char> alert(8192);
  msp_error err;
  REQUIRE(msp_alert_normalize_json("rocketcyber", payload.c_str(), alert.data(), alert.size(), nullptr, &err) ==
          MSP_STATUS_OK);

  char buf[4096];
  size_t required = 0;
  REQUIRE(msp_alert_prioritize_json(alert.data(), nullptr, nullptr, buf, sizeof buf, &required, &err) == MSP_STATUS_OK);
  CHECK(required == std::string(buf).size() + 1);
  json r = json::parse(buf);
  CHECK(r.at("priority") == 3);
  CHECK(r.at("label") == "Moderate");
  CHECK(r.at("explanation") ==
        "impact 2 (Medium): asset_criticality unknown +1, scope 1 +0 = 1; urgency 2 (Medium): severity unknown +2, "
        "confidence unknown +1, mitigation unknown +1 = 4; priority 3 - Moderate");
  CHECK(r.at("psa").at("autotask") == json{{"id", 2}, {"name", "Medium"}});

  REQUIRE(msp_alert_prioritize_json(alert.data(), R"({"asset_criticality": "critical"})",
                                    R"({"urgency": {"severity": {"unknown": 4}}})", buf, sizeof buf, nullptr,
                                    &err) == MSP_STATUS_OK);
  r = json::parse(buf);
  CHECK(r.at("impact").at("level") == 1);
  CHECK(r.at("urgency").at("points") == 6);
  CHECK(r.at("priority") == 2);
  CHECK(r.at("psa").at("connectwise").at("name") == "Priority 2 - Quick Response");

  CHECK(msp_alert_prioritize_json(alert.data(), R"({"scope": -1})", nullptr, buf, sizeof buf, nullptr, &err) ==
        MSP_STATUS_INVALID_ARGUMENT);
  CHECK(std::string(err.message) == "priority context.scope: expected an integer from 1 to 1000000000, got -1");
  CHECK(msp_alert_prioritize_json("{}", nullptr, nullptr, buf, sizeof buf, nullptr, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(msp_alert_prioritize_json(alert.data(), nullptr, "{", buf, sizeof buf, nullptr, &err) == MSP_STATUS_PARSE_ERROR);
  CHECK(msp_alert_prioritize_json(nullptr, nullptr, nullptr, buf, sizeof buf, nullptr, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(msp_alert_prioritize_json(alert.data(), nullptr, nullptr, buf, 10, &required, &err) == MSP_STATUS_BUFFER_TOO_SMALL);
}
