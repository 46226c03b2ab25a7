#include <mspcore/core/error.hpp>
#include <mspcore/money/money.hpp>

#include <catch2/catch.hpp>

#include <numeric>

using namespace mspcore;

namespace {
Money M(const char* amount, const char* currency = "EUR") { return Money::parse(amount, currency); }
std::vector<std::string> strings(const std::vector<Money>& parts) {
  std::vector<std::string> out;
  for (const Money& p : parts) out.push_back(p.to_string());
  return out;
}
}  // namespace

TEST_CASE("Currency table: active ISO 4217 codes with minor units", "[money][currency]") {
  CHECK(Currency::from_code("EUR").minor_units() == 2);
  CHECK(Currency::from_code("JPY").minor_units() == 0);
  CHECK(Currency::from_code("KRW").minor_units() == 0);
  CHECK(Currency::from_code("BHD").minor_units() == 3);
  CHECK(Currency::from_code("KWD").minor_units() == 3);
  CHECK(Currency::from_code("TND").minor_units() == 3);
  CHECK(Currency::from_code("CLF").minor_units() == 4);
  CHECK(Currency::from_code("CHF").minor_units() == 2);
  const auto& all = Currency::all();
  CHECK(all.size() > 150);
  CHECK(std::is_sorted(all.begin(), all.end(), [](const Currency& a, const Currency& b) { return a.code() < b.code(); }));
  CHECK(std::adjacent_find(all.begin(), all.end()) == all.end());
  for (const char* gone : {"HRK", "XAU", "XXX", "DEM", "eur", "EU", "EURO", ""}) {
    INFO(gone);
    try {
      (void)Currency::from_code(gone);
      FAIL("accepted");
    } catch (const Error& e) {
      CHECK(e.code() == ErrorCode::UNKNOWN_CURRENCY);
      CHECK_THAT(e.what(), Catch::Contains(std::string("'") + gone + "'"));
    }
  }
}

TEST_CASE("Money rounds to minor units with an explicit mode", "[money]") {
  CHECK(M("10.005").round(RoundingMode::HalfEven).to_string() == "EUR 10.00");
  CHECK(M("10.005").round(RoundingMode::HalfUp).to_string() == "EUR 10.01");
  CHECK(M("10.015").round(RoundingMode::HalfEven).to_string() == "EUR 10.02");
  CHECK(M("-10.005").round(RoundingMode::HalfUp).to_string() == "EUR -10.01");
  CHECK(M("10").round(RoundingMode::HalfEven).to_string() == "EUR 10.00");
  CHECK(M("1234.5", "JPY").round(RoundingMode::HalfEven).to_string() == "JPY 1234");
  CHECK(M("0.0005", "KWD").round(RoundingMode::HalfUp).to_string() == "KWD 0.001");
}

TEST_CASE("Money arithmetic and comparison", "[money]") {
  CHECK((M("0.10") + M("0.20")).to_string() == "EUR 0.30");
  CHECK((M("1") - M("1.01")).to_string() == "EUR -0.01");
  CHECK((-M("5.00")).to_string() == "EUR -5.00");
  CHECK((M("19.99") * Decimal(3)).to_string() == "EUR 59.97");
  CHECK((M("100.00") * Decimal::parse("0.19")).to_string() == "EUR 19.0000");
  CHECK(M("10.0") == M("10.00"));
  CHECK(!(M("10", "EUR") == M("10", "USD")));
  CHECK(M("9.99") < M("10"));
  try {
    (void)(M("1.00") + M("1.00", "USD"));
    FAIL("added two currencies");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::CURRENCY_MISMATCH);
    CHECK_THAT(e.what(), Catch::Contains("EUR 1.00") && Catch::Contains("USD 1.00"));
  }
  CHECK_THROWS_AS((void)(M("1") < M("1", "USD")), Error);
}

TEST_CASE("divide rounds once to minor units", "[money]") {
  CHECK(divide(M("100.00"), Decimal(3), RoundingMode::HalfEven).to_string() == "EUR 33.33");
  CHECK(divide(M("100.00"), Decimal(3), RoundingMode::Up).to_string() == "EUR 33.34");
  CHECK(divide(M("0.05"), Decimal(2), RoundingMode::HalfEven).to_string() == "EUR 0.02");
  CHECK(divide(M("0.07"), Decimal(2), RoundingMode::HalfEven).to_string() == "EUR 0.04");
  CHECK(divide(M("-0.05"), Decimal(2), RoundingMode::HalfUp).to_string() == "EUR -0.03");
  CHECK(divide(M("1000", "JPY"), Decimal(3), RoundingMode::HalfEven).to_string() == "JPY 333");
  CHECK_THROWS_AS(divide(M("1"), Decimal(0), RoundingMode::HalfEven), Error);
  CHECK_THROWS_AS(divide(M("1.00"), Decimal(3), RoundingMode::Unnecessary), Error);
}

TEST_CASE("allocate: parts sum exactly, leftovers by largest remainder", "[money][allocate]") {
  const std::vector<Decimal> thirds{1, 1, 1};
  CHECK(strings(allocate(M("100.00"), thirds)) ==
        std::vector<std::string>{"EUR 33.34", "EUR 33.33", "EUR 33.33"});
  CHECK(strings(allocate(M("-100.00"), thirds)) ==
        std::vector<std::string>{"EUR -33.34", "EUR -33.33", "EUR -33.33"});
  CHECK(strings(allocate(M("0.05"), std::vector<Decimal>{3, 7})) ==
        std::vector<std::string>{"EUR 0.02", "EUR 0.03"});  // 0.015 / 0.035: remainders tie, earlier first
  CHECK(strings(allocate(M("1.00"), std::vector<Decimal>{1, 99})) == std::vector<std::string>{"EUR 0.01", "EUR 0.99"});
  CHECK(strings(allocate(M("100", "JPY"), thirds)) == std::vector<std::string>{"JPY 34", "JPY 33", "JPY 33"});
  CHECK(strings(allocate(M("10.005"), std::vector<Decimal>{1, 1})) ==
        std::vector<std::string>{"EUR 5.003", "EUR 5.002"});
  CHECK(strings(allocate(M("10.00"), std::vector<Decimal>{Decimal::parse("0.5"), Decimal::parse("0.25"), 0})) ==
        std::vector<std::string>{"EUR 6.67", "EUR 3.33", "EUR 0.00"});
  CHECK_THROWS_AS(allocate(M("1"), std::vector<Decimal>{}), Error);
  CHECK_THROWS_AS(allocate(M("1"), std::vector<Decimal>{0, 0}), Error);
  try {
    (void)allocate(M("1"), std::vector<Decimal>{1, -1});
    FAIL("negative ratio accepted");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::INVALID_ARGUMENT);
    CHECK_THAT(e.what(), Catch::Contains("-1") && Catch::Contains("index 1"));
  }
}

TEST_CASE("allocate always sums exactly (random totals and ratios)", "[money][allocate][property]") {
  const auto cents = GENERATE(take(300, random(-100000000LL, 100000000LL)));
  const auto n = GENERATE(1, 2, 3, 7, 13);
  std::vector<Decimal> ratios;
  for (int i = 0; i < n; ++i) ratios.emplace_back(std::abs(cents * 31 + i * 17) % 97 + (i == 0 ? 1 : 0));
  const Money total = Money::from_minor_units(cents, Currency::from_code("EUR"));
  const auto parts = allocate(total, ratios);
  REQUIRE(parts.size() == static_cast<std::size_t>(n));
  CHECK(sum(parts, total.currency()) == total);
  for (const Money& p : parts) CHECK(p.amount().scale() == 2);
}

TEST_CASE("column sum of minor units is exact", "[money]") {
  const std::vector<std::int64_t> cents{INT64_MAX, INT64_MAX, 1, -5};
  CHECK(sum_minor_units(cents, Currency::from_code("EUR")).to_string() == "EUR 184467440737095516.10");
  CHECK(sum_minor_units({}, Currency::from_code("JPY")).to_string() == "JPY 0");
}
