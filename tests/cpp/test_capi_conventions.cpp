// Conventions every C function follows (docs/c-abi.md): the string-buffer protocol of each
// function that writes a string, and the struct_size rule of the structs that grow.
#include "capi/struct_size.hpp"
#include "test_support.hpp"

#include <mspcore.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstring>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

using mspcore::ErrorCode;
using mspcore::test::code_of;
using mspcore::test::TempDir;

namespace {

using Writer = std::function<msp_status(char*, size_t, size_t*, msp_error*)>;

// (NULL, 0) reports the size and succeeds; one byte less is BUFFER_TOO_SMALL and leaves the
// buffer alone; exactly `required` bytes succeed; a NULL buffer with a size, or a size query
// without `required`, is INVALID_ARGUMENT. Returns the string written.
std::string follows_protocol(const char* name, const Writer& call) {
  INFO(name);
  msp_error err{};
  size_t required = 0;
  REQUIRE(call(nullptr, 0, &required, &err) == MSP_STATUS_OK);
  CHECK(err.code == MSP_STATUS_OK);
  REQUIRE(required >= 1);

  std::vector<char> small(required, 'x');
  size_t again = 0;
  CHECK(call(small.data(), required - 1, &again, &err) == MSP_STATUS_BUFFER_TOO_SMALL);
  CHECK(err.code == MSP_STATUS_BUFFER_TOO_SMALL);
  CHECK(again == required);
  CHECK(std::string(small.begin(), small.end()) == std::string(required, 'x'));  // nothing truncated into it

  std::vector<char> buf(required, 'x');
  again = 0;
  REQUIRE(call(buf.data(), buf.size(), &again, &err) == MSP_STATUS_OK);
  CHECK(again == required);
  CHECK(std::strlen(buf.data()) + 1 == required);

  CHECK(call(nullptr, 5, &again, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(std::string(err.message) == "buf is NULL but buf_size is 5");
  CHECK(call(nullptr, 0, nullptr, &err) == MSP_STATUS_INVALID_ARGUMENT);
  return buf.data();
}

std::string rocketcyber_incident() {
  std::ifstream in(std::string(MSP_SHARED_DATA_DIR) + "/alerts/rocketcyber_incident.synthetic.json");
  REQUIRE(in.good());
  return nlohmann::json::parse(in).at("GET /v3/incidents").at("data").at(0).dump();
}

}  // namespace

TEST_CASE("every C function that writes a string follows the size-query protocol", "[capi]") {
  msp_money money;
  REQUIRE(msp_money_parse("1.50", "EUR", &money, nullptr) == MSP_STATUS_OK);
  CHECK(follows_protocol("msp_money_format", [&](char* b, size_t n, size_t* r, msp_error* e) {
          return msp_money_format(&money, b, n, r, e);
        }) == "1.50");
  CHECK(follows_protocol("msp_instant_format", [](char* b, size_t n, size_t* r, msp_error* e) {
          return msp_instant_format(0, b, n, r, e);
        }) == "1970-01-01T00:00:00Z");

  const std::string payload = rocketcyber_incident();
  const std::string alert = follows_protocol("msp_alert_normalize_json", [&](char* b, size_t n, size_t* r, msp_error* e) {
    return msp_alert_normalize_json("rocketcyber", payload.c_str(), b, n, r, e);
  });
  CHECK(nlohmann::json::parse(alert).at("source") == "rocketcyber");
  follows_protocol("msp_alert_prioritize_json", [&](char* b, size_t n, size_t* r, msp_error* e) {
    return msp_alert_prioritize_json(alert.c_str(), nullptr, nullptr, b, n, r, e);
  });

  const char* inputs = R"({"backup_compliance": 100, "patch_compliance": 100})";
  CHECK(nlohmann::json::parse(follows_protocol("msp_risk_score_json", [&](char* b, size_t n, size_t* r, msp_error* e) {
          return msp_risk_score_json(inputs, nullptr, b, n, r, e);
        })).at("score") == 37.5);
  CHECK(nlohmann::json::parse(follows_protocol("msp_risk_model_default_json", [](char* b, size_t n, size_t* r,
                                                                                 msp_error* e) {
          return msp_risk_model_default_json(b, n, r, e);
        })).at("version") == "mspcore-risk-1");

  const char* lifecycle = R"({"as_of": "2025-10-15", "licences": [{"tenant": "t", "sku": "s", "seats": 1}]})";
  CHECK(nlohmann::json::parse(follows_protocol("msp_lifecycle_evaluate_json", [&](char* b, size_t n, size_t* r,
                                                                                 msp_error* e) {
          return msp_lifecycle_evaluate_json(lifecycle, b, n, r, e);
        })).at("licences").at(0).at("status") == "unknown");
  CHECK(nlohmann::json::parse(follows_protocol("msp_os_lifecycle_table_json", [](char* b, size_t n, size_t* r,
                                                                                 msp_error* e) {
          return msp_os_lifecycle_table_json(b, n, r, e);
        })).at("version") == "mspcore-os-1");
  CHECK(follows_protocol("msp_os_lifecycle_table_version", [](char* b, size_t n, size_t* r, msp_error* e) {
          return msp_os_lifecycle_table_version(b, n, r, e);
        }) == "mspcore-os-1");

  const char* ladder = R"({"ladders": {"P1": [{"name": "notify on-call", "after_minutes": 0}]}})";
  CHECK(nlohmann::json::parse(follows_protocol("msp_escalation_due_json", [&](char* b, size_t n, size_t* r,
                                                                             msp_error* e) {
          return msp_escalation_due_json(ladder, 1, 0, 60, nullptr, nullptr, b, n, r, e);
        })).at("due").size() == 1);

  msp_sla_policy* policy = nullptr;
  REQUIRE(msp_sla_policy_new_from_json(R"({"calendar": {"tz": "UTC", "24x7": true}, "targets": {"response_minutes": 60}})", &policy, nullptr) ==
          MSP_STATUS_OK);
  const std::string evaluation = follows_protocol("msp_sla_evaluate_json", [&](char* b, size_t n, size_t* r,
                                                                              msp_error* e) {
    return msp_sla_evaluate_json(policy, R"({"created": "2024-06-03T09:00:00Z", "priority": "P3"})", 1717405800, 0, b,
                                 n, r, e);
  });
  CHECK(nlohmann::json::parse(evaluation).at("response").at("status") == "in_progress");
  msp_sla_policy_free(policy);

  // One ticket created 2025-01-05 10:00Z in category "email".
  const int64_t created[1] = {1736071200};
  const int32_t group[1] = {0};
  const int32_t category[1] = {0};
  const char* categories[1] = {"email"};
  msp_ticket_kpi_columns tickets = MSP_TICKET_KPI_COLUMNS_INIT;
  tickets.n = 1;
  tickets.created = created;
  tickets.group = group;
  tickets.category = category;
  tickets.category_names = categories;
  tickets.n_category_names = 1;
  const char* kpis[1] = {"top_categories"};
  msp_kpi_frame* frame = nullptr;
  REQUIRE(msp_ticket_kpi_frame(&tickets, 1, "quarter", "UTC", 1, nullptr, kpis, 1, nullptr, &frame, nullptr) ==
          MSP_STATUS_OK);
  CHECK(follows_protocol("msp_kpi_frame_period_label", [&](char* b, size_t n, size_t* r, msp_error* e) {
          return msp_kpi_frame_period_label(frame, 0, b, n, r, e);
        }) == "2025-Q1");
  CHECK_THAT(follows_protocol("msp_kpi_frame_text", [&](char* b, size_t n, size_t* r, msp_error* e) {
               return msp_kpi_frame_text(frame, "top_categories", 0, b, n, r, e);
             }),
             Catch::Contains("email"));
  msp_kpi_frame_free(frame);
  CHECK(nlohmann::json::parse(follows_protocol("msp_kpi_dictionary_json", [](char* b, size_t n, size_t* r,
                                                                             msp_error* e) {
          return msp_kpi_dictionary_json(b, n, r, e);
        })).is_array());

  const TempDir dir;
  msp_trueup_ledger* ledger = nullptr;
  REQUIRE(msp_trueup_ledger_open(dir.file("ledger.sqlite").c_str(), &ledger, nullptr) == MSP_STATUS_OK);
  CHECK(follows_protocol("msp_trueup_ledger_history_json", [&](char* b, size_t n, size_t* r, msp_error* e) {
          return msp_trueup_ledger_history_json(ledger, "acme", nullptr, nullptr, b, n, r, e);
        }) == "[]");
  msp_trueup_ledger_free(ledger);
}

namespace {

// A struct that grew once: layout 1 ended before `added`, layout 2 is the whole struct.
struct Grown {
  std::size_t struct_size;
  const int* first;
  const int* added;
};
constexpr std::size_t kGrownSizes[] = {offsetof(Grown, added), sizeof(Grown)};

// The same struct as a newer header than the library's declares it.
struct Newer {
  Grown known;
  std::uint64_t later;
};

}  // namespace

TEST_CASE("read_sized reads an older layout as far as it goes and refuses unknown sizes", "[capi]") {
  using mspcore::capi::read_sized;
  const int x = 1, y = 2;
  std::string message;

  const Grown current{sizeof(Grown), &x, &y};
  CHECK(read_sized(&current, kGrownSizes, "g", "Grown").added == &y);
  // An older caller's struct ends before `added`: the bytes there are not the caller's and
  // are not read (here they hold &y), the member is NULL.
  const Grown older{offsetof(Grown, added), &x, &y};
  const Grown got = read_sized(&older, kGrownSizes, "g", "Grown");
  CHECK(got.first == &x);
  CHECK(got.added == nullptr);

  for (const std::size_t size : {std::size_t{0}, std::size_t{8}, offsetof(Grown, added) + 4}) {
    const Grown bad{size, &x, &y};
    CHECK(code_of([&] { read_sized(&bad, kGrownSizes, "g", "Grown"); }, &message) == ErrorCode::INVALID_ARGUMENT);
    CHECK(message == "Grown.struct_size " + std::to_string(size) + " is not a size this library knows (expected 16 or 24)");
  }
  const Grown* none = nullptr;
  CHECK(code_of([&] { read_sized(none, kGrownSizes, "g", "Grown"); }, &message) == ErrorCode::INVALID_ARGUMENT);
  CHECK(message == "g must not be NULL");

  // A newer caller: fine while the member this library does not know is zero.
  Newer newer{{sizeof(Newer), &x, &y}, 0};
  CHECK(read_sized(&newer.known, kGrownSizes, "g", "Grown").added == &y);
  newer.later = 0x0101010101010101u;  // every byte set, whatever the byte order
  CHECK(code_of([&] { read_sized(&newer.known, kGrownSizes, "g", "Grown", "plan"); }, &message) ==
        ErrorCode::INVALID_ARGUMENT);
  CHECK(message == "plan: Grown.struct_size 32 is not a size this library knows (expected 16 or 24): byte 24 is not "
                   "zero, so the caller set a member newer than this library");
}

TEST_CASE("the MSP_*_INIT initialisers set struct_size and nothing else", "[capi]") {
  const msp_ticket_kpi_columns tickets = MSP_TICKET_KPI_COLUMNS_INIT;
  const msp_sla_columns sla = MSP_SLA_COLUMNS_INIT;
  const msp_sla_result_columns result = MSP_SLA_RESULT_COLUMNS_INIT;
  const msp_asset_kpi_columns assets = MSP_ASSET_KPI_COLUMNS_INIT;
  CHECK(tickets.struct_size == 18 * sizeof(void*));
  CHECK(assets.struct_size == 7 * sizeof(void*));
  CHECK(sla.struct_size == 12 * sizeof(void*));
  CHECK(result.struct_size == 6 * sizeof(void*));
  // Everything after struct_size is zero: no rows, every column NULL.
  const auto zero_after_size = [](const auto& s) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(&s);
    for (std::size_t i = sizeof(std::size_t); i < sizeof s; ++i) {
      if (bytes[i] != 0) return false;
    }
    return true;
  };
  CHECK(zero_after_size(tickets));
  CHECK(zero_after_size(sla));
  CHECK(zero_after_size(result));
  CHECK(zero_after_size(assets));
}
