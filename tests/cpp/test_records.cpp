// The records layer's rules, through the JSON carrier: what each typed read accepts and the
// exact message for what it refuses (Python gets the same rules through its own carrier).
#include <mspcore/contract/trueup_records.hpp>
#include <mspcore/records/field_reader.hpp>

#include "records/json_fields.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <array>

using namespace mspcore;
using mspcore::test::code_of;
using nlohmann::json;

namespace {

constexpr std::array<std::string_view, 3> kNames = {"n", "d", "t"};

// Field `f` of {"<name>": value} read with `read`; the message of its Error, or "" when none.
template <class Read>
std::string refusal(const char* value, Read read) {
  const json doc = json::parse(value);
  const JsonFields fields(doc, kNames, "rec[2]");
  const FieldReader r(fields, kNames, "rec[2]", 2);
  std::string message;
  code_of([&] { read(r); }, &message);
  return message;
}

}  // namespace

TEST_CASE("records: whole numbers accept integers and whole floats only", "[records]") {
  const json doc = json::parse(R"({"n": 12.0, "d": 7})");
  const JsonFields fields(doc, kNames, "rec[2]");
  const FieldReader r(fields, kNames, "rec[2]", 2);
  CHECK(r.whole(0) == 12);
  CHECK(r.whole(1) == 7);
  CHECK(r.whole_or(2, -5) == -5);  // absent: the fallback
  CHECK(refusal(R"({"n": 2.5})", [](const FieldReader& f) { f.whole(0); }) ==
        "rec[2].n: expected a whole number, got 2.5");
  CHECK(refusal(R"({"n": 1e19})", [](const FieldReader& f) { f.whole(0); }) ==
        "rec[2].n: expected a whole number, got 1e+19");
  CHECK(refusal(R"({"n": "3"})", [](const FieldReader& f) { f.whole(0); }) ==
        "rec[2].n: expected a whole number, got \"3\"");
  CHECK(refusal(R"({"d": 1})", [](const FieldReader& f) { f.whole(0); }) == "rec[2]: n is missing");
  CHECK(refusal(R"({"n": null})", [](const FieldReader& f) { f.whole(0); }) == "rec[2]: n is missing");
}

TEST_CASE("records: decimals are exact text or integers; a float is a type error", "[records]") {
  const json doc = json::parse(R"({"n": "12.50", "d": 3})");
  const JsonFields fields(doc, kNames, "rec[2]");
  const FieldReader r(fields, kNames, "rec[2]", 2);
  CHECK(r.decimal(0).to_string() == "12.50");
  CHECK(r.decimal(1).to_string() == "3");
  const json bad = json::parse(R"({"n": 0.1})");
  const JsonFields bad_fields(bad, kNames, "rec[2]");
  std::string message;
  CHECK(code_of([&] { FieldReader(bad_fields, kNames, "rec[2]", 2).decimal(0); }, &message) == ErrorCode::INVALID_TYPE);
  CHECK(message == "rec[2].n: 0.1 is a binary floating-point number; money must be exact: write it as a string (\"0.1\")");
  CHECK(refusal(R"({"n": "12,50"})", [](const FieldReader& f) { f.decimal(0); }).rfind("rec[2].n: ", 0) == 0);
  CHECK(refusal(R"({"n": true})", [](const FieldReader& f) { f.decimal(0); }) ==
        "rec[2].n: expected a decimal string, got true");
}

TEST_CASE("records: dates and instants", "[records]") {
  const json doc = json::parse(R"({"d": "2024-02-29", "t": "2024-03-01"})");
  const JsonFields fields(doc, kNames, "rec[2]");
  const FieldReader r(fields, kNames, "rec[2]", 2);
  CHECK(format_date(r.date(1)) == "2024-02-29");
  CHECK(format_instant(r.instant(2)) == "2024-03-01T00:00:00Z");  // a date is its midnight UTC
  CHECK(refusal(R"({"t": "2024-03-01T10:00:00+01:00"})", [](const FieldReader& f) {
          CHECK(format_instant(f.instant(2)) == "2024-03-01T09:00:00Z");
        }) == "");
  CHECK(refusal(R"({"d": "2024-02-30"})", [](const FieldReader& f) { f.date(1); }).rfind("rec[2].d: ", 0) == 0);
  CHECK(refusal(R"({"d": 20240229})", [](const FieldReader& f) { f.date(1); }) ==
        "rec[2].d: expected a date 'YYYY-MM-DD', got 20240229");
  CHECK(refusal(R"({"t": 5})", [](const FieldReader& f) { f.instant(2); }) ==
        "rec[2].t: expected an ISO-8601 instant, got 5");
}

TEST_CASE("records: every error carries the record's row", "[records]") {
  const json doc = json::parse(R"({"n": "x"})");
  const JsonFields fields(doc, kNames, "rec[2]");
  try {
    FieldReader(fields, kNames, "rec[2]", 2).whole(0);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.row() == 2);
  }
}

TEST_CASE("records: a carrier refuses unknown keys and records that are not objects", "[records]") {
  std::string message;
  const json typo = json::parse(R"({"n": 1, "x": 2})");
  CHECK(code_of([&] { JsonFields(typo, kNames, "rec[2]"); }, &message) == ErrorCode::INVALID_ARGUMENT);
  CHECK(message == "rec[2]: unknown key 'x' (known: n, d, t)");
  const json list = json::parse("[1]");
  CHECK(code_of([&] { JsonFields(list, kNames, "rec[2]").require_object("rec[2]"); }, &message) ==
        ErrorCode::INVALID_ARGUMENT);
  CHECK(message == "rec[2]: expected an object, got [1]");
}

TEST_CASE("records: an observation's quantity defaults to its number of units", "[records][trueup]") {
  const json doc = json::parse(R"({"tenant": "acme", "sku": "E3", "source": "license", "as_of": "2024-05-01",
                                   "units": ["a@x", {"identity": "b@x", "shared": true}]})");
  const Observation o = read_observation(JsonFields(doc, kObservationFields, "observations[0]"), 0);
  CHECK(o.quantity == 2);
  REQUIRE(o.units);
  CHECK((*o.units)[1].identity == "b@x");
  CHECK((*o.units)[1].shared);
  CHECK_FALSE((*o.units)[0].shared);
  const json bad = json::parse(R"({"tenant": "acme", "sku": "E3", "source": "license", "as_of": "2024-05-01",
                                   "units": [{"identity": "a", "kisok": true}]})");
  std::string message;
  CHECK(code_of([&] { read_observation(JsonFields(bad, kObservationFields, "observations[0]"), 0); }, &message) ==
        ErrorCode::INVALID_ARGUMENT);
  CHECK(message == "observations[0].units[0]: unknown key 'kisok' (known: identity, shared, kiosk, self_paid, "
                   "service_account)");
}

TEST_CASE("records: a contract line's own currency in its price must agree", "[records][trueup]") {
  const json doc = json::parse(R"({"tenant": "acme", "contract_id": "C", "line_id": "L", "sku": "E3", "quantity": 3,
                                   "unit_price": "USD 4.00", "currency": "EUR", "term_start": "2024-01-01"})");
  std::string message;
  CHECK(code_of([&] { read_contract_line(JsonFields(doc, kContractLineFields, "contracts[0]"), 0); }, &message) ==
        ErrorCode::CURRENCY_MISMATCH);
  CHECK(message == "contracts[0] (tenant 'acme' contract 'C' line 'L'): two currencies in one line: unit_price "
                   "'USD 4.00' but currency 'EUR'");
}
