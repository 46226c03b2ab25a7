#include <mspcore/core/error.hpp>
#include <mspcore/money/decimal.hpp>

#include <catch2/catch.hpp>

#include "test_support.hpp"

using namespace mspcore;
using mspcore::test::code_of;

namespace {
Decimal D(const char* s) { return Decimal::parse(s); }
std::string S(const Decimal& d) { return d.to_string(); }
}  // namespace

TEST_CASE("Decimal parses and formats plain decimals", "[decimal]") {
  CHECK(S(D("1234.5")) == "1234.5");
  CHECK(S(D("-0.01")) == "-0.01");
  CHECK(S(D("+7")) == "7");
  CHECK(S(D("0.000")) == "0.000");
  CHECK(S(D("-0")) == "0");
  CHECK(S(D("007.50")) == "7.50");
  CHECK(D("-0.01").scale() == 2);
  CHECK(S(D("99999999999999999999999999999999999999")) == "99999999999999999999999999999999999999");
  CHECK(S(D("0.00000000000000000000000000000000000001")) == "0.00000000000000000000000000000000000001");
}

TEST_CASE("Decimal rejects what is not a plain decimal, naming it", "[decimal][errors]") {
  for (const char* bad : {"1e3", "12,50", "", "NaN", "1.2.3", " 1", "1 ", ".5", "5.", "-", "+", "0x10", "1_000", "Infinity"}) {
    INFO(bad);
    try {
      (void)D(bad);
      FAIL("accepted");
    } catch (const Error& e) {
      CHECK(e.code() == ErrorCode::PARSE_ERROR);
      CHECK_THAT(e.what(), Catch::Contains(std::string("'") + bad + "'"));
    }
  }
  CHECK(code_of([] { D("123456789012345678901234567890123456789"); }) == ErrorCode::ARITHMETIC_OVERFLOW);
  CHECK(code_of([] { D("0.000000000000000000000000000000000000001"); }) == ErrorCode::OUT_OF_RANGE);
}

TEST_CASE("Decimal equality ignores scale, ordering is numeric", "[decimal]") {
  CHECK(D("1.5") == D("1.50"));
  CHECK(D("-0.10") < D("-0.01"));
  CHECK(D("2") > D("1.999"));
  CHECK(D("10") == Decimal(10));
  CHECK(S(D("1.500").normalized()) == "1.5");
  CHECK(S(D("100").normalized()) == "100");
}

TEST_CASE("Decimal arithmetic is exact", "[decimal]") {
  CHECK(S(D("0.1") + D("0.2")) == "0.3");
  CHECK(S(D("1.05") - D("2")) == "-0.95");
  CHECK(S(D("1.5") * D("0.25")) == "0.375");
  CHECK(S(D("-3") * D("0.5")) == "-1.5");
  CHECK(S(Decimal::divide(D("1"), D("3"), 10, RoundingMode::HalfEven)) == "0.3333333333");
  CHECK(S(Decimal::divide(D("2"), D("3"), 2, RoundingMode::Down)) == "0.66");
  CHECK(S(Decimal::divide(D("100.00"), D("0.29"), 4, RoundingMode::HalfUp)) == "344.8276");
}

TEST_CASE("Decimal rounding modes on the classic table", "[decimal][rounding]") {
  // java.math.RoundingMode's documentation table, to 0 fraction digits.
  struct Row {
    const char* input;
    const char* up;
    const char* down;
    const char* ceiling;
    const char* floor;
    const char* half_up;
    const char* half_down;
    const char* half_even;
  };
  const Row rows[] = {
      {"5.5", "6", "5", "6", "5", "6", "5", "6"},      {"2.5", "3", "2", "3", "2", "3", "2", "2"},
      {"1.6", "2", "1", "2", "1", "2", "2", "2"},      {"1.1", "2", "1", "2", "1", "1", "1", "1"},
      {"1.0", "1", "1", "1", "1", "1", "1", "1"},      {"-1.0", "-1", "-1", "-1", "-1", "-1", "-1", "-1"},
      {"-1.1", "-2", "-1", "-1", "-2", "-1", "-1", "-1"}, {"-1.6", "-2", "-1", "-1", "-2", "-2", "-2", "-2"},
      {"-2.5", "-3", "-2", "-2", "-3", "-3", "-2", "-2"}, {"-5.5", "-6", "-5", "-5", "-6", "-6", "-5", "-6"},
  };
  for (const Row& r : rows) {
    INFO(r.input);
    const Decimal x = D(r.input);
    CHECK(S(x.rescale(0, RoundingMode::Up)) == r.up);
    CHECK(S(x.rescale(0, RoundingMode::Down)) == r.down);
    CHECK(S(x.rescale(0, RoundingMode::Ceiling)) == r.ceiling);
    CHECK(S(x.rescale(0, RoundingMode::Floor)) == r.floor);
    CHECK(S(x.rescale(0, RoundingMode::HalfUp)) == r.half_up);
    CHECK(S(x.rescale(0, RoundingMode::HalfDown)) == r.half_down);
    CHECK(S(x.rescale(0, RoundingMode::HalfEven)) == r.half_even);
  }
  CHECK(S(D("1.0").rescale(0, RoundingMode::Unnecessary)) == "1");
  CHECK(code_of([] { D("1.5").rescale(0, RoundingMode::Unnecessary); }) == ErrorCode::ROUNDING_NECESSARY);
  CHECK(S(D("1.5").rescale(3, RoundingMode::Unnecessary)) == "1.500");
}

TEST_CASE("Decimal overflow is an error, never a wrap", "[decimal][errors]") {
  const Decimal max = D("99999999999999999999999999999999999999");
  CHECK(code_of([&] { (void)(max + Decimal(1)); }) == ErrorCode::ARITHMETIC_OVERFLOW);
  CHECK(code_of([&] { (void)(-max - Decimal(1)); }) == ErrorCode::ARITHMETIC_OVERFLOW);
  CHECK(code_of([&] { (void)(max * Decimal(2)); }) == ErrorCode::ARITHMETIC_OVERFLOW);
  CHECK(code_of([&] { (void)max.rescale(1, RoundingMode::HalfEven); }) == ErrorCode::ARITHMETIC_OVERFLOW);
  CHECK(code_of([] { (void)Decimal::divide(D("1"), D("0.00"), 2, RoundingMode::HalfEven); }) ==
        ErrorCode::DIVISION_BY_ZERO);
  // An exact product that only fits after dropping trailing zeros still fits.
  CHECK(S(D("0.10000000000000000000000000000000000000") * D("0.10000000000000000000000000000000000000")) ==
        "0.01" + std::string(36, '0'));
}

TEST_CASE("Decimal properties hold on random values", "[decimal][property]") {
  const auto a_units = GENERATE(take(200, random(-1000000000000LL, 1000000000000LL)));
  const auto b_units = GENERATE(take(5, random(-1000000000LL, 1000000000LL)));
  const int scale_a = static_cast<int>((a_units & 7));
  const Decimal a(Coefficient(a_units), scale_a);
  const Decimal b(Coefficient(b_units), 2);
  CHECK(Decimal::parse(a.to_string()) == a);
  CHECK(Decimal::parse(a.to_string()).scale() == a.scale());
  CHECK(a + b - b == a);
  CHECK(a - a == Decimal(0));
  CHECK((a * b) == (b * a));
  if (!b.is_zero()) {
    // Division rounded down then multiplied back never exceeds the dividend's magnitude.
    const Decimal q = Decimal::divide(a, b, 6, RoundingMode::Down);
    const Decimal back = q * b;
    CHECK((a.sign() >= 0 ? back <= a : back >= a));
  }
}
