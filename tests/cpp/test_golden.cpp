// The golden cases of tests/golden/ through the C ABI and, where the C++ API takes the same
// input, through the C++ API: each result must equal the case's "expect" byte for byte as
// canonical JSON (sorted keys, no spaces, UTF-8), each failure its "error" code and message.
// tests/python/test_golden.py runs the same files through the Python API. See docs/golden-tests.md.
#include <mspcore.h>
#include <mspcore/access/access_records.hpp>
#include <mspcore/calendar/business_calendar.hpp>
#include <mspcore/comanaged/raci.hpp>
#include <mspcore/money/money.hpp>
#include <mspcore/rmm/availability.hpp>
#include <mspcore/security/cvss.hpp>
#include <mspcore/time/instant.hpp>
#include <mspcore/vcio/alignment_records.hpp>
#include <mspcore/vcio/lifecycle_records.hpp>
#include <mspcore/rmm/backup_compliance.hpp>
#include <mspcore/rmm/patch_compliance.hpp>
#include <mspcore/vcio/qbr_model.hpp>
#include <mspcore/vcio/roadmap_records.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// A call's outcome: the result, or the status name and message of its failure.
struct Outcome {
  json result;
  std::string code;
  std::string message;
};

struct Failed {
  std::string code, message;
};

void check(msp_status status, const msp_error& err) {
  if (status != MSP_STATUS_OK) throw Failed{msp_status_name(status), err.message};
}

// The size-query protocol of the buffer functions: ask (NULL, 0), allocate, write.
template <class Call>
std::string with_buffer(Call call) {
  msp_error err{};
  std::size_t required = 0;
  check(call(nullptr, 0, &required, &err), err);
  std::string buf(required, '\0');
  check(call(buf.data(), buf.size(), &required, &err), err);
  buf.resize(required - 1);
  return buf;
}

std::string text(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

int64_t instant_c(const json& v) {
  msp_error err{};
  int64_t t = 0;
  check(msp_instant_parse(text(v).c_str(), &t, &err), err);
  return t;
}

using Command = std::function<json(const json&)>;

// ---- through the C ABI ----------------------------------------------------------------------

const std::map<std::string, Command>& c_commands() {
  static const std::map<std::string, Command> table{
      {"money.parse",
       [](const json& in) {
         msp_error err{};
         msp_money m{};
         check(msp_money_parse(text(in.at("amount")).c_str(), text(in.at("currency")).c_str(), &m, &err), err);
         const std::string amount = with_buffer([&](char* b, std::size_t n, std::size_t* r, msp_error* e) {
           return msp_money_format(&m, b, n, r, e);
         });
         return json{{"amount", amount}, {"currency", m.currency}};
       }},
      {"instant.parse", [](const json& in) { return json(instant_c(in.at("text"))); }},
      {"cvss.score",
       [](const json& in) {
         msp_error err{};
         msp_cvss_result r{};
         check(msp_cvss_score(text(in.at("vector")).c_str(), &r, &err), err);
         return json{{"base_tenths", r.base_tenths}, {"score_tenths", r.score_tenths},
                     {"severity", r.severity_name}};
       }},
      {"calendar.business_seconds",
       [](const json& in) {
         msp_error err{};
         msp_calendar* cal = nullptr;
         check(msp_calendar_new_from_json(in.at("calendar").dump().c_str(), &cal, &err), err);
         std::unique_ptr<msp_calendar, void (*)(msp_calendar*)> owned(cal, msp_calendar_free);
         const int64_t a = instant_c(in.at("start")), b = instant_c(in.at("end"));
         int64_t out = 0;
         check(msp_calendar_business_seconds_between(cal, a, b, nullptr, nullptr, 0, &out, &err), err);
         return json(out);
       }},
      {"sla.evaluate",
       [](const json& in) {
         msp_error err{};
         msp_sla_policy* policy = nullptr;
         check(msp_sla_policy_new_from_json(in.at("policy").dump().c_str(), &policy, &err), err);
         std::unique_ptr<msp_sla_policy, void (*)(msp_sla_policy*)> owned(policy, msp_sla_policy_free);
         const int64_t now = instant_c(in.at("now"));
         const std::string ticket = in.at("ticket").dump();
         return json::parse(with_buffer([&](char* b, std::size_t n, std::size_t* r, msp_error* e) {
           return msp_sla_evaluate_json(policy, ticket.c_str(), now, 0, b, n, r, e);
         }));
       }},
      {"trueup.reconcile",
       [](const json& in) {
         msp_error err{};
         char* result = nullptr;
         check(msp_trueup_reconcile_json(in.dump().c_str(), &result, &err), err);
         json out = json::parse(result);
         msp_string_free(result);
         return out;
       }},
      {"risk.score",
       [](const json& in) {
         const std::string inputs = in.at("inputs").dump();
         const std::optional<std::string> model =
             in.contains("model") ? std::optional<std::string>(in["model"].dump()) : std::nullopt;
         return json::parse(with_buffer([&](char* b, std::size_t n, std::size_t* r, msp_error* e) {
           return msp_risk_score_json(inputs.c_str(), model ? model->c_str() : nullptr, b, n, r, e);
         }));
       }},
      {"lifecycle.evaluate",
       [](const json& in) {
         const std::string request = in.dump();
         return json::parse(with_buffer([&](char* b, std::size_t n, std::size_t* r, msp_error* e) {
           return msp_lifecycle_evaluate_json(request.c_str(), b, n, r, e);
         }));
       }},
      {"budget.evaluate",
       [](const json& in) {
         const std::string request = in.dump();
         return json::parse(with_buffer([&](char* b, std::size_t n, std::size_t* r, msp_error* e) {
           return msp_vcio_budget_json(request.c_str(), b, n, r, e);
         }));
       }},
      {"qbr.model",
       [](const json& in) {
         const std::string request = in.dump();
         return json::parse(with_buffer([&](char* b, std::size_t n, std::size_t* r, msp_error* e) {
           return msp_qbr_model_json(request.c_str(), b, n, r, e);
         }));
       }},
      {"alignment.score",
       [](const json& in) {
         const std::string request = in.dump();
         return json::parse(with_buffer([&](char* b, std::size_t n, std::size_t* r, msp_error* e) {
           return msp_vcio_alignment_json(request.c_str(), b, n, r, e);
         }));
       }},
      {"rmm.availability",
       [](const json& in) {
         const std::string request = in.dump();
         return json::parse(with_buffer([&](char* b, std::size_t n, std::size_t* r, msp_error* e) {
           return msp_availability_json(request.c_str(), b, n, r, e);
         }));
       }},
      {"backup.compliance",  // RMM: backup and patch compliance
       [](const json& in) {
         const std::string request = in.dump();
         return json::parse(with_buffer([&](char* b, std::size_t n, std::size_t* r, msp_error* e) {
           return msp_backup_compliance_json(request.c_str(), b, n, r, e);
         }));
       }},
      {"patch.compliance",
       [](const json& in) {
         const std::string request = in.dump();
         return json::parse(with_buffer([&](char* b, std::size_t n, std::size_t* r, msp_error* e) {
           return msp_patch_compliance_json(request.c_str(), b, n, r, e);
         }));
       }},
      {"access.authorize",  // access control
       [](const json& in) {
         msp_error err{};
         msp_access_model* model = nullptr;
         check(msp_access_model_new_from_json(in.at("model").dump().c_str(), &model, &err), err);
         std::unique_ptr<msp_access_model, void (*)(msp_access_model*)> owned(model, msp_access_model_free);
         json request = in;
         request.erase("model");
         const std::string text = request.dump();
         return json::parse(with_buffer([&](char* b, std::size_t n, std::size_t* r, msp_error* e) {
           return msp_access_authorize_json(model, text.c_str(), b, n, r, e);
         }));
       }},
      // Co-managed IT: the RACI matrix
      {"raci.validate",
       [](const json& in) {
         const std::string matrix = in.dump();
         return json::parse(with_buffer([&](char* b, std::size_t n, std::size_t* r, msp_error* e) {
           return msp_raci_validate_json(matrix.c_str(), b, n, r, e);
         }));
       }},
      {"raci.route",
       [](const json& in) {
         const std::string request = in.dump();
         return json::parse(with_buffer([&](char* b, std::size_t n, std::size_t* r, msp_error* e) {
           return msp_raci_route_json(request.c_str(), b, n, r, e);
         }));
       }},
      {"raci.violations",
       [](const json& in) {
         const std::string request = in.dump();
         return json::parse(with_buffer([&](char* b, std::size_t n, std::size_t* r, msp_error* e) {
           return msp_raci_violations_json(request.c_str(), b, n, r, e);
         }));
       }},
      {"alert.normalize",
       [](const json& in) {
         const std::string source = text(in.at("source")), payload = text(in.at("payload"));
         return json::parse(with_buffer([&](char* b, std::size_t n, std::size_t* r, msp_error* e) {
           return msp_alert_normalize_json(source.c_str(), payload.c_str(), b, n, r, e);
         }));
       }},
  };
  return table;
}

// ---- through the C++ API (the commands whose input it takes as it is) -----------------------

const std::map<std::string, Command>& cpp_commands() {
  using namespace mspcore;
  static const std::map<std::string, Command> table{
      {"money.parse",
       [](const json& in) {
         const Money m = Money::parse(text(in.at("amount")), text(in.at("currency")));
         return json{{"amount", m.amount().to_string()}, {"currency", std::string(m.currency().code())}};
       }},
      {"instant.parse", [](const json& in) { return json(unix_seconds(parse_instant(text(in.at("text"))))); }},
      {"cvss.score",
       [](const json& in) {
         const CvssScores s = cvss_score(text(in.at("vector")));
         return json{{"base_tenths", s.base_tenths}, {"score_tenths", s.score_tenths},
                     {"severity", std::string(to_string(s.severity()))}};
       }},
      {"lifecycle.evaluate", [](const json& in) { return json::parse(lifecycle_evaluate_json(in.dump())); }},
      {"budget.evaluate", [](const json& in) { return json::parse(vcio_budget_json(in.dump())); }},
      {"qbr.model", [](const json& in) { return json::parse(qbr_model_json(in.dump())); }},
      {"alignment.score", [](const json& in) { return json::parse(vcio_alignment_json(in.dump())); }},
      {"rmm.availability", [](const json& in) { return json::parse(availability_json(in.dump())); }},
      {"backup.compliance", [](const json& in) { return json::parse(backup_compliance_json(in.dump())); }},
      {"patch.compliance", [](const json& in) { return json::parse(patch_compliance_json(in.dump())); }},
      {"access.authorize",  // access control
       [](const json& in) {
         const auto model = access_model_from_json(in.at("model").dump());
         json request = in;
         request.erase("model");
         return json::parse(access_authorize_json(*model, request.dump()));
       }},
      // Co-managed IT: the RACI matrix
      {"raci.validate", [](const json& in) { return json::parse(raci_validate_json(in.dump())); }},
      {"raci.route", [](const json& in) { return json::parse(raci_route_json(in.dump())); }},
      {"raci.violations", [](const json& in) { return json::parse(raci_violations_json(in.dump())); }},
      {"calendar.business_seconds",
       [](const json& in) {
         const auto cal = BusinessCalendar::from_json(in.at("calendar").dump());
         return json(cal->business_seconds_between(parse_instant(text(in.at("start"))),
                                                   parse_instant(text(in.at("end")))));
       }},
  };
  return table;
}

Outcome run(const Command& command, const json& input) {
  try {
    return {command(input), "", ""};
  } catch (const Failed& f) {
    return {nullptr, f.code, f.message};
  } catch (const mspcore::Error& e) {
    return {nullptr, std::string(mspcore::error_code_name(e.code())), e.what()};
  }
}

std::vector<fs::path> golden_files() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(MSP_SOURCE_DIR "/tests/golden")) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

void expect_outcome(const json& golden, const Outcome& got) {
  if (golden.contains("expect")) {
    INFO("failed with " << got.code << ": " << got.message);
    REQUIRE(got.code.empty());
    CHECK(got.result.dump() == golden["expect"].dump());
  } else {
    INFO("succeeded with " << got.result.dump());
    CHECK(got.code == golden.at("error").at("code").get<std::string>());
    CHECK(got.message == golden["error"].at("message").get<std::string>());
  }
}

}  // namespace

TEST_CASE("golden cases: C ABI and C++ API", "[golden]") {
  const auto files = golden_files();
  REQUIRE(files.size() >= 40);
  std::size_t through_cpp = 0;
  for (const auto& path : files) {
    std::ifstream in(path);
    const json golden = json::parse(in);
    const std::string name = fs::relative(path, MSP_SOURCE_DIR "/tests/golden").string();
    const std::string command = golden.at("command");
    REQUIRE((golden.contains("expect") != golden.contains("error")));
    INFO(name << " (" << command << ")");
    const auto c = c_commands().find(command);
    REQUIRE(c != c_commands().end());
    {
      INFO("through the C ABI");
      expect_outcome(golden, run(c->second, golden.at("input")));
    }
    if (const auto cpp = cpp_commands().find(command); cpp != cpp_commands().end()) {
      INFO("through the C++ API");
      expect_outcome(golden, run(cpp->second, golden.at("input")));
      ++through_cpp;
    }
  }
  CHECK(through_cpp > 0);
}
