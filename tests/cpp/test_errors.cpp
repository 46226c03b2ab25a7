#include <mspcore/core/error.hpp>

#include <catch2/catch.hpp>

#include <mspcore.h>

#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

using namespace mspcore;

// The checked-in list, written by hand: renumbering or dropping a code fails here.
std::vector<std::pair<std::string, int>> listed_codes() {
  std::ifstream in(MSP_SOURCE_DIR "/tests/error_codes.txt");
  std::vector<std::pair<std::string, int>> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::pair<std::string, int> row;
    fields >> row.first >> row.second;
    out.push_back(row);
  }
  return out;
}

TEST_CASE("Status codes are the checked-in (name, number) pairs, in C and C++", "[errors]") {
  std::vector<std::pair<std::string, int>> compiled;
#define MSP_STATUS(name, value, group, text)                                   \
  compiled.emplace_back(#name, value);                                         \
  CHECK(static_cast<int>(ErrorCode::name) == MSP_STATUS_##name);               \
  CHECK(msp_status_name(MSP_STATUS_##name) == std::string_view(#name));        \
  CHECK(error_code_name(ErrorCode::name) == std::string_view(#name));          \
  CHECK(error_code_description(ErrorCode::name) == msp_status_string(MSP_STATUS_##name));
#include <mspcore/status.def>
  const auto listed = listed_codes();
  REQUIRE(listed.size() >= 22);
  CHECK(compiled == listed);
  CHECK(MSP_STATUS_END_ == static_cast<int>(listed.size()));
  CHECK(std::string_view(msp_status_name(static_cast<msp_status>(listed.size()))) == "UNKNOWN_STATUS");
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
