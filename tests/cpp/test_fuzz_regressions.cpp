// Inputs the fuzzers (tests/fuzz) found, each as a regression test through the C ABI.
#include <mspcore.h>

#include <catch2/catch.hpp>

#include <string>

namespace {

// A number beyond a double's range was an escaped parser exception: status INTERNAL with the
// parser's own text. It is malformed JSON and must say which number.
void check_number_overflow(msp_status status, const msp_error& err) {
  CHECK(status == MSP_STATUS_PARSE_ERROR);
  CHECK(err.code == MSP_STATUS_PARSE_ERROR);
  const std::string message = err.message;
  CHECK(message.find("malformed JSON (number overflow parsing '1e999')") != std::string::npos);
  CHECK(message.find("json.exception") == std::string::npos);
}

}  // namespace

TEST_CASE("fuzz regression: a JSON number beyond a double is PARSE_ERROR in every JSON entry point") {
  msp_error err{};
  char buf[512];
  std::size_t required = 0;

  char* result = nullptr;
  check_number_overflow(msp_trueup_reconcile_json(R"({"as_of": "2024-01-01", "contracts": [1e999]})", &result, &err), err);
  CHECK(result == nullptr);

  msp_calendar* calendar = nullptr;
  err = {};
  check_number_overflow(msp_calendar_new_from_json(R"({"tz": "UTC", "x": 1e999})", &calendar, &err), err);
  CHECK(calendar == nullptr);

  msp_sla_policy* policy = nullptr;
  err = {};
  check_number_overflow(msp_sla_policy_new_from_json(R"({"targets": {"response_minutes": 1e999}})", &policy, &err), err);
  CHECK(policy == nullptr);

  err = {};
  check_number_overflow(msp_risk_score_json(R"({"patch_compliance": 1e999})", nullptr, buf, sizeof buf, &required, &err), err);

  err = {};
  check_number_overflow(msp_escalation_due_json(R"({"default": [{"name": "x", "after_minutes": 1e999}]})", 1, 0, 60,
                                                nullptr, nullptr, buf, sizeof buf, &required, &err),
                        err);

  for (const char* source : {"sentinelone", "sentinelone_uam", "rocketcyber", "barracuda_xdr"}) {
    INFO(source);
    err = {};
    check_number_overflow(msp_alert_normalize_json(source, R"({"id": 1, "score": 1e999})", buf, sizeof buf, &required, &err),
                          err);
  }
}
