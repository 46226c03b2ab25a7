#include <mspcore/core/error.hpp>

#include <catch2/catch.hpp>

#include <set>

using namespace mspcore;

TEST_CASE("C and C++ status tables agree", "[errors]") {
  std::set<int> values;
  int rows = 0;
#define MSP_TEST_ROW_(name, value, group, text)                                  \
  ++rows;                                                                         \
  values.insert(value);                                                           \
  CHECK(static_cast<int>(ErrorCode::name) == MSP_STATUS_##name);                  \
  CHECK(error_code_name(ErrorCode::name) == std::string_view(#name));             \
  CHECK(error_code_name(ErrorCode::name) == msp_status_name(MSP_STATUS_##name));  \
  CHECK(error_code_description(ErrorCode::name) == msp_status_string(MSP_STATUS_##name));
  MSP_STATUS_TABLE(MSP_TEST_ROW_)
#undef MSP_TEST_ROW_
  // Codes are dense from 0: appended, never renumbered.
  CHECK(static_cast<int>(values.size()) == rows);
  CHECK(*values.begin() == 0);
  CHECK(*values.rbegin() == rows - 1);
  CHECK(MSP_STATUS_END_ == rows);
}

TEST_CASE("Error carries code, message and row", "[errors]") {
  const Error e(ErrorCode::INVALID_TIMELINE, "row 3: resolved before created", 3);
  CHECK(e.code() == ErrorCode::INVALID_TIMELINE);
  CHECK(e.row() == 3);
  CHECK(std::string(e.what()) == "row 3: resolved before created");
  CHECK(quoted(std::string(200, 'x')).size() == 85);
  // 79 ASCII bytes then a two-byte character straddling the cut: the character is dropped whole.
  CHECK(quoted(std::string(79, 'x') + "\xC3\xA4" + std::string(50, 'y')) == "'" + std::string(79, 'x') + "...'");
}

#include <mspcore/core/version.hpp>

#include <fstream>

TEST_CASE("VERSION file and version macros agree", "[version]") {
  std::ifstream in(MSP_SOURCE_DIR "/VERSION");
  std::string version;
  in >> version;
  CHECK(version == mspcore::version_string());
  CHECK(std::string_view(msp_version_string()) == mspcore::version_string());
}
