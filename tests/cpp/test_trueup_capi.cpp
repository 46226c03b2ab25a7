// msp_trueup_reconcile_json: the JSON documents of the C ABI, worked examples and bad input.
#include <mspcore.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

using nlohmann::json;

namespace {

json nce_line() {
  return {{"tenant", "acme"},         {"contract_id", "C-1"},        {"line_id", "L-1"},
          {"sku", "M365-BP"},         {"quantity", 10},              {"unit_price", "20.00"},
          {"currency", "EUR"},        {"term_start", "2024-03-01"},  {"term_end", "2025-03-01"},
          {"term_kind", "nce_annual"}};
}

json request(const json& line, const char* as_of, int assigned = 8) {
  return {{"contracts", json::array({line})},
          {"observations", json::array({{{"tenant", "acme"},
                                         {"sku", "M365-BP"},
                                         {"source", "license"},
                                         {"quantity", assigned},
                                         {"as_of", "2024-03-01"}}})},
          {"as_of", as_of}};
}

// The parsed result, or the status with err filled.
msp_status call(const json& req, json* out, msp_error* err) {
  char* result = reinterpret_cast<char*>(1);  // must be reset by the call
  const std::string text = req.dump();
  const msp_status s = msp_trueup_reconcile_json(text.c_str(), &result, err);
  if (s == MSP_STATUS_OK) {
    *out = json::parse(result);
  } else {
    CHECK(result == nullptr);
  }
  msp_string_free(result);
  return s;
}

}  // namespace

TEST_CASE("true-up C ABI: NCE decrease on day 6 and day 8", "[contract][trueup][capi]") {
  msp_error err{};
  json out;
  REQUIRE(call(request(nce_line(), "2024-03-06T12:00:00Z"), &out, &err) == MSP_STATUS_OK);
  REQUIRE(out["proposals"].size() == 1);
  const json& p = out["proposals"][0];
  CHECK(p["action"] == "true_down");
  CHECK(p["delta_quantity"] == 2);
  CHECK(p["effective_date"] == "2024-03-06");
  CHECK(p["deferred_until"].is_null());
  CHECK(p["amount"] == "-473.55");  // -(20.00 x 2 x (26/31 + 11))
  CHECK(p["currency"] == "EUR");
  CHECK(p["evidence"][0]["source"] == "license");
  CHECK(p["evidence"][0]["as_of"] == "2024-03-01T00:00:00Z");

  REQUIRE(call(request(nce_line(), "2024-03-08T12:00:00Z"), &out, &err) == MSP_STATUS_OK);
  CHECK(out["proposals"][0]["deferred_until"] == "2025-03-01");
  CHECK(out["proposals"][0]["rule"] == "true_down.nce_deferred_to_renewal");
  CHECK(out["deviations"][0]["kind"] == "refund_risk");
  CHECK(out["deviations"][0]["monthly_value"] == "40.00");
}

TEST_CASE("true-up C ABI: bad records fail with their index and name", "[contract][trueup][capi]") {
  msp_error err{};
  json out;
  json line = nce_line();

  line["currency"] = "EUX";
  CHECK(call(request(line, "2024-03-06T00:00:00Z"), &out, &err) == MSP_STATUS_UNKNOWN_CURRENCY);
  CHECK_THAT(std::string(err.message), Catch::Contains("'EUX'"));
  CHECK(err.row == 0);

  line = nce_line();
  line["unit_price"] = "USD 20.00";
  CHECK(call(request(line, "2024-03-06T00:00:00Z"), &out, &err) == MSP_STATUS_CURRENCY_MISMATCH);
  CHECK_THAT(std::string(err.message), Catch::Contains("two currencies in one line") && Catch::Contains("'L-1'"));

  line = nce_line();
  line["quantity"] = -2;
  CHECK(call(request(line, "2024-03-06T00:00:00Z"), &out, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK_THAT(std::string(err.message), Catch::Contains("contracts[0]") && Catch::Contains("quantity -2"));

  line = nce_line();
  line["term_end"] = "2023-03-01";
  CHECK(call(request(line, "2024-03-06T00:00:00Z"), &out, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK_THAT(std::string(err.message), Catch::Contains("term_end 2023-03-01 must be after term_start 2024-03-01"));

  line = nce_line();
  line["quantity"] = 2.5;
  CHECK(call(request(line, "2024-03-06T00:00:00Z"), &out, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK_THAT(std::string(err.message), Catch::Contains("expected a whole number, got 2.5"));

  json dup = request(nce_line(), "2024-03-06T00:00:00Z");
  dup["contracts"].push_back(nce_line());
  CHECK(call(dup, &out, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(err.row == 1);
  CHECK_THAT(std::string(err.message), Catch::Contains("duplicate line id 'L-1'"));

  json typo = request(nce_line(), "2024-03-06T00:00:00Z");
  typo["observations"][0]["quantitiy"] = 3;
  CHECK(call(typo, &out, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK_THAT(std::string(err.message), Catch::Contains("observations[0]") && Catch::Contains("'quantitiy'"));

  json bad_source = request(nce_line(), "2024-03-06T00:00:00Z");
  bad_source["observations"][0]["source"] = "psa";
  CHECK(call(bad_source, &out, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK_THAT(std::string(err.message), Catch::Contains("'psa'") && Catch::Contains("vendor, license"));

  char* result = nullptr;
  CHECK(msp_trueup_reconcile_json("{\"contracts\": [", &result, &err) == MSP_STATUS_PARSE_ERROR);
  CHECK(result == nullptr);
  CHECK(msp_trueup_reconcile_json(nullptr, &result, &err) == MSP_STATUS_INVALID_ARGUMENT);
  msp_string_free(nullptr);
}
