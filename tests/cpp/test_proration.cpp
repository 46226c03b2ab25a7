#include "test_support.hpp"

#include <mspcore.h>
#include <mspcore/contract/proration.hpp>
#include <mspcore/core/error.hpp>
#include <mspcore/money/money.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <string>

using namespace mspcore;
using mspcore::test::code_of;
using std::chrono::sys_days;

namespace {

Money M(const char* amount, const char* currency = "EUR") { return Money::parse(amount, currency); }

sys_days D(int y, unsigned m, unsigned d) {
  return sys_days(std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d});
}

constexpr auto Actual = ProrationConvention::Actual;
constexpr auto T360 = ProrationConvention::Thirty360;
constexpr auto None = ProrationConvention::None;

// prorate() as "EUR 51.72" for the range [start, end) in [ps, pe).
std::string P(const char* amount, sys_days ps, sys_days pe, sys_days s, sys_days e, ProrationConvention c,
              RoundingMode mode = RoundingMode::HalfEven, const char* currency = "EUR") {
  return prorate(M(amount, currency), ps, pe, s, e, c, mode).to_string();
}

std::pair<std::int64_t, std::int64_t> F(sys_days ps, sys_days pe, sys_days s, sys_days e, ProrationConvention c) {
  const ProrationFactor f = proration_factor(ps, pe, s, e, c);
  return {f.numerator, f.denominator};
}

using Pair = std::pair<std::int64_t, std::int64_t>;

}  // namespace

TEST_CASE("proration: conventions parse by name", "[contract][proration]") {
  CHECK(parse_proration_convention("actual") == Actual);
  CHECK(parse_proration_convention("30/360") == T360);
  CHECK(parse_proration_convention("none") == None);
  for (auto c : {Actual, T360, None}) CHECK(parse_proration_convention(to_string(c)) == c);
  for (const char* bad : {"Actual", "30/365", "", "act/act"}) {
    INFO(bad);
    std::string message;
    CHECK(code_of([&] { (void)parse_proration_convention(bad); }, &message) == ErrorCode::INVALID_ARGUMENT);
    CHECK_THAT(message, Catch::Contains(std::string("'") + bad + "'"));
    CHECK_THAT(message, Catch::Contains("actual, 30/360, none"));
  }
}

TEST_CASE("proration: the worked example: EUR 100.00 for February 2024 from Feb 15", "[contract][proration]") {
  const auto ps = D(2024, 2, 1), pe = D(2024, 3, 1), s = D(2024, 2, 15);
  CHECK(F(ps, pe, s, pe, Actual) == Pair{15, 29});
  CHECK(F(ps, pe, s, pe, T360) == Pair{16, 30});
  CHECK(F(ps, pe, s, pe, None) == Pair{1, 1});
  CHECK(P("100.00", ps, pe, s, pe, Actual) == "EUR 51.72");
  CHECK(P("100.00", ps, pe, s, pe, T360) == "EUR 53.33");
  CHECK(P("100.00", ps, pe, s, pe, None) == "EUR 100.00");
  // The whole month under each convention, and a credit (negative amount).
  CHECK(P("100.00", ps, pe, ps, pe, Actual) == "EUR 100.00");
  CHECK(P("100.00", ps, pe, ps, pe, T360) == "EUR 100.00");
  CHECK(P("-100.00", ps, pe, s, pe, Actual) == "EUR -51.72");
  // Rounding happens once, on the result, to minor units (even from a finer amount).
  CHECK(P("100", ps, pe, s, pe, Actual) == "EUR 51.72");
  CHECK(P("100.004", ps, pe, ps, pe, Actual) == "EUR 100.00");
}

TEST_CASE("proration: in a non-leap February (2023, 28 days)", "[contract][proration]") {
  const auto ps = D(2023, 2, 1), pe = D(2023, 3, 1);
  CHECK(F(ps, pe, D(2023, 2, 15), pe, Actual) == Pair{14, 28});
  CHECK(P("100.00", ps, pe, D(2023, 2, 15), pe, Actual) == "EUR 50.00");
  CHECK(F(ps, pe, D(2023, 2, 15), pe, T360) == Pair{16, 30});  // (3-2)*30 + (1-15)
  CHECK(P("100.00", ps, pe, D(2023, 2, 15), pe, T360) == "EUR 53.33");
  CHECK(P("100.00", ps, pe, D(2023, 2, 10), pe, Actual) == "EUR 67.86");  // 19/28
  CHECK(P("100.00", ps, pe, D(2023, 2, 10), pe, T360) == "EUR 70.00");    // 21/30
  CHECK(F(ps, pe, D(2023, 2, 28), pe, T360) == Pair{3, 30});              // end of Feb: no Feb rule
  CHECK(P("100.00", ps, pe, D(2023, 2, 10), pe, None) == "EUR 100.00");
}

TEST_CASE("proration: over a quarter and a (leap) year", "[contract][proration]") {
  // Q1 2024 = 91 days; Feb 15 -> Apr 1 = 46 days; 30/360: 2*30 + (1-15) = 46 of 90.
  const auto qs = D(2024, 1, 1), qe = D(2024, 4, 1);
  CHECK(F(qs, qe, D(2024, 2, 15), qe, Actual) == Pair{46, 91});
  CHECK(P("300.00", qs, qe, D(2024, 2, 15), qe, Actual) == "EUR 151.65");
  CHECK(F(qs, qe, D(2024, 2, 15), qe, T360) == Pair{46, 90});
  CHECK(P("300.00", qs, qe, D(2024, 2, 15), qe, T360) == "EUR 153.33");
  // 2024 = 366 days; Jul 1 -> Jan 1 = 184 days; 30/360: 180 of 360.
  const auto ys = D(2024, 1, 1), ye = D(2025, 1, 1);
  CHECK(F(ys, ye, D(2024, 7, 1), ye, Actual) == Pair{184, 366});
  CHECK(P("1200.00", ys, ye, D(2024, 7, 1), ye, Actual) == "EUR 603.28");
  CHECK(F(ys, ye, D(2024, 7, 1), ye, T360) == Pair{180, 360});
  CHECK(P("1200.00", ys, ye, D(2024, 7, 1), ye, T360) == "EUR 600.00");
  CHECK(F(D(2023, 1, 1), D(2024, 1, 1), D(2023, 1, 1), D(2024, 1, 1), Actual) == Pair{365, 365});
}

TEST_CASE("proration: 30/360 Bond basis day-31 rules", "[contract][proration]") {
  const auto js = D(2024, 1, 1), je = D(2024, 2, 1);
  // D1 = 31 -> 30: Jan 31 -> Feb 1 counts 30 + (1 - 30) = 1.
  CHECK(F(js, je, D(2024, 1, 31), je, T360) == Pair{1, 30});
  CHECK(P("100.00", js, je, D(2024, 1, 31), je, T360) == "EUR 3.33");
  // D2 = 31 stays 31 when D1 <= 29: Jan 1 -> Jan 31 counts 30.
  CHECK(F(js, je, js, D(2024, 1, 31), T360) == Pair{30, 30});
  // D2 = 31 -> 30 when D1 is 30 or 31: Jan 30 -> Jan 31 counts 0.
  CHECK(F(js, je, D(2024, 1, 30), D(2024, 1, 31), T360) == Pair{0, 30});
  // A period from the 31st: Jan 31 -> Mar 31 is 2 months (60); Feb 15 -> Mar 31 = 30 + 16 = 46.
  CHECK(F(D(2024, 1, 31), D(2024, 3, 31), D(2024, 2, 15), D(2024, 3, 31), T360) == Pair{46, 60});
  CHECK(P("100.00", D(2024, 1, 31), D(2024, 3, 31), D(2024, 2, 15), D(2024, 3, 31), T360) == "EUR 76.67");
  CHECK(F(D(2024, 1, 31), D(2024, 3, 31), D(2024, 1, 31), D(2024, 3, 31), T360) == Pair{60, 60});
  // Mid-month periods are whole months too.
  CHECK(F(D(2024, 1, 15), D(2024, 2, 15), D(2024, 2, 1), D(2024, 2, 15), T360) == Pair{14, 30});
}

TEST_CASE("proration: ranges are clipped to the period", "[contract][proration]") {
  const auto ps = D(2024, 2, 1), pe = D(2024, 3, 1);
  // Partly before: Jan 20 -> Feb 15 counts Feb 1 -> Feb 15 = 14 days.
  CHECK(F(ps, pe, D(2024, 1, 20), D(2024, 2, 15), Actual) == Pair{14, 29});
  CHECK(P("100.00", ps, pe, D(2024, 1, 20), D(2024, 2, 15), Actual) == "EUR 48.28");
  // Partly after: Feb 15 -> Apr 1 counts Feb 15 -> Mar 1.
  CHECK(P("100.00", ps, pe, D(2024, 2, 15), D(2024, 4, 1), Actual) == "EUR 51.72");
  CHECK(P("100.00", ps, pe, D(2024, 2, 15), D(2024, 4, 1), T360) == "EUR 53.33");
  // Covering the whole period and more.
  CHECK(P("100.00", ps, pe, D(2023, 1, 1), D(2025, 1, 1), Actual) == "EUR 100.00");
  // Entirely outside (also touching the half-open ends) and empty: 0, never an error.
  for (auto c : {Actual, T360, None}) {
    CHECK(P("100.00", ps, pe, D(2024, 3, 1), D(2024, 3, 10), c) == "EUR 0.00");
    CHECK(P("100.00", ps, pe, D(2024, 1, 1), D(2024, 2, 1), c) == "EUR 0.00");
    CHECK(P("100.00", ps, pe, D(2020, 1, 1), D(2020, 6, 1), c) == "EUR 0.00");
    CHECK(P("100.00", ps, pe, D(2024, 2, 10), D(2024, 2, 10), c) == "EUR 0.00");
  }
}

TEST_CASE("proration: rounds to the currency's minor units", "[contract][proration]") {
  const auto ps = D(2024, 2, 1), pe = D(2024, 3, 1), s = D(2024, 2, 15);
  CHECK(P("10000", ps, pe, s, pe, Actual, RoundingMode::HalfEven, "JPY") == "JPY 5172");
  CHECK(P("10000", ps, pe, s, pe, T360, RoundingMode::HalfEven, "JPY") == "JPY 5333");
  CHECK(P("100.000", ps, pe, s, pe, Actual, RoundingMode::HalfEven, "KWD") == "KWD 51.724");
  CHECK(P("100.000", ps, pe, s, pe, T360, RoundingMode::HalfEven, "KWD") == "KWD 53.333");
}

TEST_CASE("proration: rounding modes", "[contract][proration]") {
  // Feb 2023: Feb 1 -> Feb 15 is exactly 14/28 = 1/2; 100.01 / 2 = 50.005 is a tie.
  const auto ps = D(2023, 2, 1), pe = D(2023, 3, 1), e = D(2023, 2, 15);
  CHECK(P("100.01", ps, pe, ps, e, Actual) == "EUR 50.00");
  CHECK(P("100.01", ps, pe, ps, e, Actual, RoundingMode::HalfEven) == "EUR 50.00");
  CHECK(P("100.01", ps, pe, ps, e, Actual, RoundingMode::HalfUp) == "EUR 50.01");
  CHECK(P("100.03", ps, pe, ps, e, Actual, RoundingMode::HalfEven) == "EUR 50.02");
  CHECK(P("100.03", ps, pe, ps, e, Actual, RoundingMode::HalfDown) == "EUR 50.01");
  CHECK(P("100.00", D(2024, 2, 1), D(2024, 3, 1), D(2024, 2, 15), D(2024, 3, 1), Actual, RoundingMode::Up) ==
        "EUR 51.73");
  CHECK(P("100.00", D(2024, 2, 1), D(2024, 3, 1), D(2024, 2, 15), D(2024, 3, 1), Actual, RoundingMode::Down) ==
        "EUR 51.72");
  CHECK(P("100.00", ps, pe, ps, e, Actual, RoundingMode::Unnecessary) == "EUR 50.00");
  CHECK(code_of([&] { (void)prorate(M("100.01"), ps, pe, ps, e, Actual, RoundingMode::Unnecessary); }) ==
        ErrorCode::ROUNDING_NECESSARY);
}

TEST_CASE("proration: errors name the values", "[contract][proration]") {
  const auto ps = D(2024, 2, 1), pe = D(2024, 3, 1);
  std::string message;
  CHECK(code_of([&] { (void)prorate(M("100.00"), ps, pe, D(2024, 2, 20), D(2024, 2, 10), Actual); }, &message) ==
        ErrorCode::INVALID_ARGUMENT);
  CHECK_THAT(message, Catch::Contains("'2024-02-20'") && Catch::Contains("'2024-02-10'"));
  // start > end is an error even outside the period.
  CHECK(code_of([&] { (void)prorate(M("100.00"), ps, pe, D(2025, 2, 20), D(2025, 2, 10), None); }) ==
        ErrorCode::INVALID_ARGUMENT);

  for (auto end : {ps, D(2024, 1, 1)}) {
    CHECK(code_of([&] { (void)prorate(M("100.00"), ps, end, ps, pe, Actual); }, &message) ==
          ErrorCode::INVALID_ARGUMENT);
    CHECK_THAT(message, Catch::Contains("period_end") && Catch::Contains("'2024-02-01'"));
  }

  // 30/360 needs whole months.
  CHECK(code_of([&] { (void)prorate(M("100.00"), D(2024, 1, 1), D(2024, 1, 31), ps, pe, T360); }, &message) ==
        ErrorCode::INVALID_ARGUMENT);
  CHECK_THAT(message, Catch::Contains("whole months") && Catch::Contains("'2024-01-01'") &&
                          Catch::Contains("'2024-01-31'"));
  CHECK(code_of([&] { (void)prorate(M("100.00"), D(2024, 1, 31), D(2024, 2, 29), ps, pe, T360); }) ==
        ErrorCode::INVALID_ARGUMENT);
  // ...but any period is fine for actual and none.
  CHECK(P("100.00", D(2024, 1, 1), D(2024, 1, 31), D(2024, 1, 16), D(2024, 1, 31), Actual) == "EUR 50.00");

  // Dates out of 0001..9999.
  CHECK(code_of([&] { (void)prorate(M("1"), ps, sys_days(std::chrono::days(3'000'000)), ps, pe, Actual); },
                &message) == ErrorCode::INVALID_ARGUMENT);
  CHECK_THAT(message, Catch::Contains("period_end"));

  // Overflow is an error, never a wrap.
  const Money big = M("9999999999999999999999999999999999.99");
  CHECK(code_of([&] { (void)prorate(big, D(2024, 1, 1), D(2025, 1, 1), D(2024, 7, 1), D(2025, 1, 1), Actual); }) ==
        ErrorCode::ARITHMETIC_OVERFLOW);
  CHECK(prorate(big, ps, pe, ps, pe, None) == big);
}

TEST_CASE("proration: msp_prorate through the C ABI", "[contract][proration][capi]") {
  // Days since 1970-01-01: 2024-02-01 = 19754, 2024-02-15 = 19768, 2024-03-01 = 19783.
  msp_money amount;
  msp_money out;
  msp_error err;
  REQUIRE(msp_money_parse("100.00", "EUR", &amount, &err) == MSP_STATUS_OK);
  char buf[64];
  REQUIRE(msp_prorate(&amount, 19754, 19783, 19768, 19783, "actual", MSP_ROUNDING_HALF_EVEN, &out, &err) ==
          MSP_STATUS_OK);
  CHECK(err.code == MSP_STATUS_OK);
  REQUIRE(msp_money_format(&out, buf, sizeof buf, nullptr, &err) == MSP_STATUS_OK);
  CHECK(std::string(buf) == "51.72");
  CHECK(std::string(out.currency) == "EUR");
  REQUIRE(msp_prorate(&amount, 19754, 19783, 19768, 19783, "30/360", MSP_ROUNDING_HALF_EVEN, &out, nullptr) ==
          MSP_STATUS_OK);
  REQUIRE(msp_money_format(&out, buf, sizeof buf, nullptr, nullptr) == MSP_STATUS_OK);
  CHECK(std::string(buf) == "53.33");
  REQUIRE(msp_prorate(&amount, 19754, 19783, 19768, 19783, "actual", MSP_ROUNDING_UP, &out, nullptr) ==
          MSP_STATUS_OK);
  REQUIRE(msp_money_format(&out, buf, sizeof buf, nullptr, nullptr) == MSP_STATUS_OK);
  CHECK(std::string(buf) == "51.73");

  CHECK(msp_prorate(&amount, 19754, 19783, 19783, 19768, "actual", MSP_ROUNDING_HALF_EVEN, &out, &err) ==
        MSP_STATUS_INVALID_ARGUMENT);
  CHECK(err.code == MSP_STATUS_INVALID_ARGUMENT);
  CHECK_THAT(std::string(err.message), Catch::Contains("'2024-03-01'") && Catch::Contains("'2024-02-15'"));
  CHECK(msp_prorate(&amount, 19754, 19783, 19768, 19783, "365", MSP_ROUNDING_HALF_EVEN, &out, &err) ==
        MSP_STATUS_INVALID_ARGUMENT);
  CHECK_THAT(std::string(err.message), Catch::Contains("'365'"));
  CHECK(msp_prorate(&amount, 19754, 19783, 19768, 19783, nullptr, MSP_ROUNDING_HALF_EVEN, &out, &err) ==
        MSP_STATUS_INVALID_ARGUMENT);
  CHECK(msp_prorate(nullptr, 19754, 19783, 19768, 19783, "actual", MSP_ROUNDING_HALF_EVEN, &out, &err) ==
        MSP_STATUS_INVALID_ARGUMENT);
  CHECK(msp_prorate(&amount, 19754, 19783, 19768, 19783, "actual", MSP_ROUNDING_HALF_EVEN, nullptr, &err) ==
        MSP_STATUS_INVALID_ARGUMENT);
  CHECK(msp_prorate(&amount, 19754, 19783, 19768, 19783, "actual", static_cast<msp_rounding>(99), &out, &err) ==
        MSP_STATUS_INVALID_ARGUMENT);
  CHECK(msp_prorate(&amount, 19754, INT32_MAX, 19768, 19783, "30/360", MSP_ROUNDING_HALF_EVEN, &out, &err) ==
        MSP_STATUS_INVALID_ARGUMENT);
}
