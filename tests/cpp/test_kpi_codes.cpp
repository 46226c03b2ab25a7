// The int8 codes of the KPI inputs: yes/no flags and NPS scores from any numeric type.
#include <mspcore/core/error.hpp>
#include <mspcore/kpi/kpi_codes.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

using namespace mspcore;

TEST_CASE("kpi codes: flags and scores of any numeric type, NaN as -1", "[kpi]") {
  const std::vector<double> flags{1.0, 0.0, std::nan(""), 1.0};
  std::vector<std::int8_t> out(4);
  int8_codes<double>(Int8Rule::YesNo, flags, 0, 4, out.data(), "csat");
  CHECK(out == std::vector<std::int8_t>{1, 0, -1, 1});

  const std::vector<std::uint8_t> scores{10, 0, 7};
  int8_codes<std::uint8_t>(Int8Rule::Score0To10, scores, 1, 3, out.data(), "nps");  // rows 1..2 only
  CHECK(out[0] == 0);
  CHECK(out[1] == 7);
}

TEST_CASE("kpi codes: the first bad value is named with its row", "[kpi]") {
  const std::vector<std::int64_t> flags{0, 1, 2, 5};
  std::vector<std::int8_t> out(4);
  try {
    int8_codes<std::int64_t>(Int8Rule::YesNo, flags, 0, 4, out.data(), "reopened");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::OUT_OF_RANGE);
    CHECK(std::string(e.what()) == "reopened[2] is 2, not a yes/no flag");
    CHECK(e.row() == 2);
  }
  const std::vector<float> scores{7.0f, 7.5f};
  try {
    int8_codes<float>(Int8Rule::Score0To10, scores, 0, 2, out.data(), "nps");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "nps[1] is 7.5, not a whole score 0..10");
  }
  CHECK_THROWS_AS(int8_codes<float>(Int8Rule::Score0To10, scores, 0, 3, out.data(), "nps"), Error);  // past the end
}
