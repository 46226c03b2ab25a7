// The CVSS part of the C ABI (include/mspcore.h), called as a C program would.
#include <mspcore.h>

#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <vector>

TEST_CASE("msp_cvss_score fills a POD result", "[cvss][capi]") {
  msp_cvss_result r;
  msp_error err;
  REQUIRE(msp_cvss_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C", &r, &err) == MSP_STATUS_OK);
  CHECK(err.code == MSP_STATUS_OK);
  CHECK(r.version == MSP_CVSS_VERSION_3_1);
  CHECK(r.base_tenths == 98);
  CHECK(r.temporal_tenths == 88);
  CHECK(r.environmental_tenths == 88);
  CHECK(r.score_tenths == 88);
  CHECK(r.severity == MSP_CVSS_SEVERITY_HIGH);
  CHECK(std::string(r.severity_name) == "High");

  REQUIRE(msp_cvss_score("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", &r, nullptr) == MSP_STATUS_OK);
  CHECK(r.version == MSP_CVSS_VERSION_3_0);
  CHECK(r.score_tenths == 0);
  CHECK(r.severity == MSP_CVSS_SEVERITY_NONE);
  CHECK(std::string(r.severity_name) == "None");

  REQUIRE(msp_cvss_score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U", &r, &err) ==
          MSP_STATUS_OK);
  CHECK(r.version == MSP_CVSS_VERSION_4_0);
  CHECK(r.base_tenths == 93);
  CHECK(r.temporal_tenths == -1);
  CHECK(r.environmental_tenths == -1);
  CHECK(r.score_tenths == 81);
  CHECK(r.severity == MSP_CVSS_SEVERITY_HIGH);
  CHECK(std::string(r.severity_name) == "High");
}

TEST_CASE("msp_cvss_score reports parse errors with the message, out untouched", "[cvss][capi]") {
  msp_cvss_result r;
  std::memset(&r, 0x5A, sizeof r);
  const msp_cvss_result before = r;
  msp_error err;
  CHECK(msp_cvss_score("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", &r, &err) == MSP_STATUS_PARSE_ERROR);
  CHECK(err.code == MSP_STATUS_PARSE_ERROR);
  CHECK(err.row == -1);
  CHECK(std::string(err.message) ==
        "CVSS vector 'CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H': metric AV has no value 'X' (expected N, A, L, P)");
  CHECK(std::memcmp(&r, &before, sizeof r) == 0);

  CHECK(msp_cvss_score("", &r, &err) == MSP_STATUS_PARSE_ERROR);
  CHECK(msp_cvss_score("CVSS:4.0/AV:N", &r, nullptr) == MSP_STATUS_PARSE_ERROR);
  CHECK(msp_cvss_score(nullptr, &r, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(std::string(err.message) == "vector must not be NULL");
  CHECK(msp_cvss_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", nullptr, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(std::string(err.message) == "out must not be NULL");
}

TEST_CASE("msp_cvss_score_many: columns in, a status per row", "[cvss][capi]") {
  const char* vectors[] = {
      "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
      "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/",
      nullptr,
      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
  };
  int32_t scores[4];
  int32_t status[4];
  msp_error err;
  REQUIRE(msp_cvss_score_many(vectors, 4, scores, status, &err) == MSP_STATUS_OK);
  CHECK(err.code == MSP_STATUS_OK);
  CHECK(std::vector<int32_t>(scores, scores + 4) == std::vector<int32_t>{98, -1, -1, 93});
  CHECK(std::vector<int32_t>(status, status + 4) ==
        std::vector<int32_t>{MSP_STATUS_OK, MSP_STATUS_PARSE_ERROR, MSP_STATUS_INVALID_ARGUMENT, MSP_STATUS_OK});

  CHECK(msp_cvss_score_many(nullptr, 0, nullptr, nullptr, &err) == MSP_STATUS_OK);
  CHECK(msp_cvss_score_many(vectors, 4, nullptr, status, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(std::string(err.message) == "score_tenths must not be NULL");
  CHECK(msp_cvss_score_many(nullptr, 1, scores, status, nullptr) == MSP_STATUS_INVALID_ARGUMENT);
}

TEST_CASE("msp_cvss_severity_name", "[cvss][capi]") {
  CHECK(std::string(msp_cvss_severity_name(MSP_CVSS_SEVERITY_NONE)) == "None");
  CHECK(std::string(msp_cvss_severity_name(MSP_CVSS_SEVERITY_LOW)) == "Low");
  CHECK(std::string(msp_cvss_severity_name(MSP_CVSS_SEVERITY_MEDIUM)) == "Medium");
  CHECK(std::string(msp_cvss_severity_name(MSP_CVSS_SEVERITY_HIGH)) == "High");
  CHECK(std::string(msp_cvss_severity_name(MSP_CVSS_SEVERITY_CRITICAL)) == "Critical");
  CHECK(std::string(msp_cvss_severity_name(static_cast<msp_cvss_severity>(42))) == "");
}
