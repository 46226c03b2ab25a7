// vCIO standards alignment: hand-worked scores (each value worked out in its comment),
// contributions that sum to the score on generated data, findings and initiatives fed to the
// budget, and bad input named.
#include <mspcore/core/error.hpp>
#include <mspcore/vcio/alignment_records.hpp>
#include <mspcore/vcio/roadmap_records.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <random>
#include <string>

using namespace mspcore;
using nlohmann::json;

namespace {

json run(const json& request) { return json::parse(vcio_alignment_json(request.dump())); }

std::string error_of(const json& request) {
  return test::error_text_of([&] { run(request); });
}

// Two sections, five questions; effective weights (section x question) in brackets:
//   S1 Security, weight 2:      Q1 w1 [2], Q2 w2 [4], Q3 w1 [2]
//   S2 Documentation, weight 1: Q4 w1 [1], Q5 w3 [3]                      total weight 12
json standard() {
  return {{"id", "baseline"},
          {"name", "MSP baseline"},
          {"version", "2026.1"},
          {"sections",
           {{{"id", "S1"},
             {"title", "Security"},
             {"weight", 2},
             {"questions",
              {{{"id", "Q1"}, {"text", "MFA on every admin account"}, {"priority", 1},
                {"recommendation", "Enforce MFA for admins"}},
               {{"id", "Q2"}, {"text", "EDR on every endpoint"}, {"weight", 2}},
               {{"id", "Q3"}, {"text", "Offline backup copy"}}}}},
            {{"id", "S2"},
             {"title", "Documentation"},
             {"questions",
              {{{"id", "Q4"}, {"text", "Network diagram is current"}, {"priority", 2},
                {"recommendation", "Draw the network diagram"}, {"estimated_cost", "1200.00"}, {"currency", "EUR"}},
               {{"id", "Q5"}, {"text", "Runbooks for key systems"}, {"weight", "3"}}}}}}}};
}

json answer(const std::string& tenant, const std::string& question, const std::string& value) {
  return {{"tenant", tenant}, {"question", question}, {"answer", value}};
}

// acme: Q1 partial, Q2 aligned, Q3 not applicable, Q4 misaligned, Q5 unanswered.
json acme() {
  return {answer("acme", "Q1", "partial"), answer("acme", "Q2", "aligned"), answer("acme", "Q3", "not_applicable"),
          answer("acme", "Q4", "misaligned")};
}

json request(json answers) { return {{"standard", standard()}, {"answers", std::move(answers)}}; }

}  // namespace

TEST_CASE("alignment: score, coverage, contributions and sections worked by hand", "[alignment]") {
  const json r = run(request(acme()));
  REQUIRE(r["tenants"].size() == 1);
  const json& t = r["tenants"][0];
  // Scored: Q1 [2] x 0.5 = 1, Q2 [4] x 1 = 4, Q4 [1] x 0 = 0 -> 5 of weight 7:
  // 500 / 7 = 71.428571... -> 71.43 (Q3 not applicable and Q5 unanswered are left out).
  CHECK(t["score"] == "71.43");
  // Answered weight Q1..Q4 = 2 + 4 + 2 + 1 = 9 of 12 -> 75.00.
  CHECK(t["coverage"] == "75.00");
  CHECK(t["question_count"] == 5);
  CHECK(t["answered"] == 4);
  CHECK(t["applicable"] == 3);
  CHECK(t["unanswered"] == 1);
  CHECK(t["not_applicable"] == 1);
  const json& q = t["questions"];
  // 71.43 = 7143 hundredths split 1 : 4 : 0 -> 1428.6, 5714.4, 0 -> 1428 (rest 3/5), 5714
  // (rest 2/5), 0; the one hundredth left goes to the largest rest, Q1: 14.29, 57.14, 0.00.
  CHECK(q[0]["contribution"] == "14.29");
  CHECK(q[1]["contribution"] == "57.14");
  CHECK(q[3]["contribution"] == "0.00");
  // 100 - 71.43 = 28.57 lost, split by weight x (1 - points) 1 : 0 : 1 -> 1428.5 each; the
  // tie goes to the earlier question: Q1 14.29, Q4 14.28.
  CHECK(q[0]["lost"] == "14.29");
  CHECK(q[1]["lost"] == "0.00");
  CHECK(q[3]["lost"] == "14.28");
  CHECK(q[0]["points"] == "0.5");
  CHECK(q[0]["weight"] == "2");
  CHECK(q[4]["weight"] == "3");
  CHECK(q[2]["answer"] == "not_applicable");
  CHECK(q[2]["contribution"].is_null());
  CHECK(q[4]["answer"] == "unanswered");
  CHECK(q[4]["points"].is_null());
  // S1: Q1 1 + Q2 4 = 5 of 6 -> 83.33, answered 8 of 8 -> 100.00, contributions 14.29 + 57.14.
  const json& s = t["sections"];
  CHECK(s[0]["score"] == "83.33");
  CHECK(s[0]["coverage"] == "100.00");
  CHECK(s[0]["contribution"] == "71.43");
  CHECK(s[0]["lost"] == "14.29");
  // S2: Q4 0 of 1 -> 0.00, answered 1 of 4 -> 25.00.
  CHECK(s[1]["score"] == "0.00");
  CHECK(s[1]["coverage"] == "25.00");
  CHECK(s[1]["contribution"] == "0.00");
  CHECK(s[1]["lost"] == "14.28");
  // Misaligned first, then partial; a partial finding is one priority step lower (1 -> 2).
  REQUIRE(t["findings"].size() == 2);
  CHECK(t["findings"][0]["code"] == "standard_misaligned");
  CHECK(t["findings"][0]["question"] == "Q4");
  CHECK(t["findings"][0]["priority"] == 2);
  CHECK(t["findings"][0]["text"] == "'Q4' is misaligned (Network diagram is current): Draw the network diagram");
  CHECK(t["findings"][1]["code"] == "standard_partial");
  CHECK(t["findings"][1]["priority"] == 2);
  CHECK(t["initiatives"].empty());  // no quarter asked for
  CHECK(r["quarter"].is_null());
  CHECK(r["standard"] == json{{"id", "baseline"}, {"name", "MSP baseline"}, {"version", "2026.1"}});
}

TEST_CASE("alignment: only not-applicable answers have no score, not 0%", "[alignment]") {
  const json r = run(request({answer("beta", "Q1", "not_applicable"), answer("beta", "Q2", "not_applicable")}));
  const json& t = r["tenants"][0];
  CHECK(t["score"].is_null());
  CHECK(t["coverage"] == "50.00");  // Q1 [2] + Q2 [4] = 6 of 12
  CHECK(t["sections"][0]["score"].is_null());
  CHECK(t["sections"][0]["coverage"] == "75.00");  // 6 of 8
  CHECK(t["sections"][0]["contribution"].is_null());
  CHECK(t["sections"][1]["coverage"] == "0.00");
  CHECK(t["findings"].empty());
}

TEST_CASE("alignment: one result per tenant, sorted; all aligned is 100.00, all misaligned 0.00", "[alignment]") {
  json answers = acme();
  for (const char* id : {"Q1", "Q2", "Q3", "Q4", "Q5"}) answers.push_back(answer("zeta", id, "misaligned"));
  for (const char* id : {"Q1", "Q2", "Q3", "Q4", "Q5"}) answers.push_back(answer("beta", id, "aligned"));
  const json r = run(request(answers));
  REQUIRE(r["tenants"].size() == 3);
  CHECK(r["tenants"][0]["tenant"] == "acme");
  CHECK(r["tenants"][1]["tenant"] == "beta");
  CHECK(r["tenants"][1]["score"] == "100.00");
  CHECK(r["tenants"][1]["coverage"] == "100.00");
  CHECK(r["tenants"][1]["questions"][1]["contribution"] == "33.33");  // 100.00 x 4/12 = 33.333...
  CHECK(r["tenants"][1]["questions"][0]["lost"] == "0.00");
  CHECK(r["tenants"][2]["score"] == "0.00");
  CHECK(r["tenants"][2]["questions"][4]["lost"] == "25.00");  // 100.00 x 3/12
  CHECK(r["tenants"][2]["findings"].size() == 5);
}

TEST_CASE("alignment: weights are ratios; decimal weights; effective weight is section x question", "[alignment]") {
  json scaled = standard();
  scaled["sections"][0]["weight"] = "20";
  scaled["sections"][1]["weight"] = "10";
  const json a = run(request(acme()));
  const json b = run({{"standard", scaled}, {"answers", acme()}});
  CHECK(b["tenants"][0]["score"] == a["tenants"][0]["score"]);
  CHECK(b["tenants"][0]["questions"][0]["contribution"] == "14.29");
  CHECK(b["tenants"][0]["questions"][1]["weight"] == "40");  // 20 x 2
  // Q2 weight 0.25 in a section of weight 2 -> [0.5]: scored Q1 1 + Q2 0.5 + Q4 0 = 1.5 of
  // 2 + 0.5 + 1 = 3.5 -> 150 / 3.5 = 42.857... -> 42.86.
  json light = standard();
  light["sections"][0]["questions"][1]["weight"] = "0.25";
  const json c = run({{"standard", light}, {"answers", acme()}});
  CHECK(c["tenants"][0]["score"] == "42.86");
  CHECK(c["tenants"][0]["questions"][1]["weight"] == "0.5");
}

TEST_CASE("alignment: contributions sum to the score, contribution + lost to 100.00", "[alignment]") {
  std::mt19937 rng(20260510);
  const char* values[] = {"aligned", "partial", "misaligned", "not_applicable", "unanswered"};
  for (int round = 0; round < 200; ++round) {
    json sections = json::array();
    json answers = json::array();
    int n = 0;
    const int section_count = 1 + static_cast<int>(rng() % 4);
    for (int s = 0; s < section_count; ++s) {
      json questions = json::array();
      const int question_count = 1 + static_cast<int>(rng() % 6);
      for (int k = 0; k < question_count; ++k) {
        const std::string id = "Q" + std::to_string(n++);
        questions.push_back({{"id", id}, {"weight", std::to_string(1 + rng() % 9) + "." + std::to_string(rng() % 100)}});
        answers.push_back(answer("t", id, values[rng() % 5]));
      }
      sections.push_back({{"id", "S" + std::to_string(s)}, {"weight", 1 + static_cast<int>(rng() % 5)},
                          {"questions", questions}});
    }
    const json t = run({{"standard", {{"id", "gen"}, {"sections", sections}}}, {"answers", answers}})["tenants"][0];
    if (t["score"].is_null()) continue;
    Decimal contributions, total;
    for (const json& q : t["questions"]) {
      if (q["contribution"].is_null()) continue;
      contributions += Decimal::parse(q["contribution"].get<std::string>());
      total += Decimal::parse(q["contribution"].get<std::string>()) + Decimal::parse(q["lost"].get<std::string>());
    }
    Decimal by_section;
    for (const json& s : t["sections"]) by_section += Decimal::parse(s["contribution"].get<std::string>());
    INFO("round " << round);
    CHECK(contributions == Decimal::parse(t["score"].get<std::string>()));
    CHECK(by_section == contributions);
    CHECK(total == Decimal(100));
  }
}

TEST_CASE("alignment: findings as proposed initiatives that the budget takes as they are", "[alignment]") {
  // as_of 2026-05-10 is in 2026-Q2: the initiatives land in the next quarter, 2026-Q3.
  json req = request(acme());
  req["as_of"] = "2026-05-10";
  const json r = run(req);
  CHECK(r["quarter"] == "2026-Q3");
  const json& xs = r["tenants"][0]["initiatives"];
  REQUIRE(xs.size() == 2);
  CHECK(xs[0]["id"] == "align:Q4");
  CHECK(xs[0]["priority"] == 2);
  CHECK(xs[0]["status"] == "proposed");
  CHECK(xs[0]["title"] == "Draw the network diagram");
  CHECK(xs[0]["costs"][0]["amount"] == "1200.00");
  CHECK(xs[1]["id"] == "align:Q1");
  CHECK(xs[1]["costs"].empty());  // Q1 has no estimated cost
  // Fed to the budget: one proposed one-time opex line of 1,200.00 in 2026-Q3.
  const json b = json::parse(vcio_budget_json(json{{"initiatives", xs}, {"years", 1}}.dump()));
  CHECK(b["fiscal_years"][0]["proposed"] == "1200.00");
  CHECK(b["fiscal_years"][0]["opex"] == "1200.00");
  CHECK(b["quarters"][2]["total"] == "1200.00");
  req.erase("as_of");
  req["quarter"] = "2027-Q1";
  CHECK(run(req)["tenants"][0]["initiatives"][0]["quarter"] == "2027-Q1");
}

TEST_CASE("alignment: the C++ API, initiatives straight into compute_budget", "[alignment]") {
  Standard st;
  st.id = "mini";
  st.sections.push_back({"S", "Only", Decimal(1), ""});
  StandardQuestion q;
  q.id = "Q";
  q.priority = 5;
  q.estimated_cost = Money::parse("300.00", "EUR");
  q.cost_category = CostCategory::Capex;
  st.questions.push_back(q);
  const AlignmentResult r = score_alignment(st, {{"acme", "Q", AlignmentAnswer::Partial, "", {}, "", 0}},
                                            AlignmentOptions{Quarter{2027, 2}});
  REQUIRE(r.tenants.size() == 1);
  CHECK(r.tenants[0].score == Decimal::parse("50.00"));
  CHECK(r.tenants[0].findings[0].code == "standard_partial");
  CHECK(r.tenants[0].findings[0].initiative == "Q");
  CHECK(r.tenants[0].initiatives[0].priority == 5);  // 5 + 1, at most 5
  CHECK(r.tenants[0].initiatives[0].source == "alignment");
  CHECK(r.tenants[0].initiatives[0].where == "answers[0]");
  const BudgetResult b = compute_budget(r.tenants[0].initiatives, BudgetOptions{1, 1, Decimal(), RoundingMode::HalfEven});
  CHECK(b.fiscal_years[0].capex == Decimal::parse("300.00"));
  CHECK(to_string(next_quarter_after(std::chrono::sys_days{std::chrono::year{2026} / 12 / 31})) == "2027-Q1");
  CHECK(to_string(next_quarter_after(std::chrono::sys_days{std::chrono::year{2026} / 1 / 1})) == "2026-Q2");
}

TEST_CASE("alignment: a flat list of questions with a section field", "[alignment]") {
  // No sections declared: the questions' section names become sections of weight 1.
  // A aligned [1], B misaligned [1], C partial [1]: 1.5 of 3 -> 50.00.
  const json flat = {{"id", "flat"},
                     {"questions",
                      {{{"id", "A"}, {"section", "X"}}, {{"id", "B"}, {"section", "Y"}}, {{"id", "C"}, {"section", "X"}}}}};
  const json r = run({{"standard", flat},
                      {"answers", {answer("t", "A", "aligned"), answer("t", "B", "misaligned"), answer("t", "C", "partial")}}});
  const json& t = r["tenants"][0];
  CHECK(t["score"] == "50.00");
  REQUIRE(t["sections"].size() == 2);
  CHECK(t["sections"][0]["id"] == "X");
  CHECK(t["sections"][0]["score"] == "75.00");  // 1.5 of 2
  CHECK(t["sections"][0]["title"].is_null());
  // Declared sections catch a misspelt one.
  const json mixed = {{"id", "m"},
                      {"sections", {{{"id", "X"}}}},
                      {"questions", {{{"id", "A"}, {"section", "X"}}, {{"id", "B"}, {"section", "Z"}}}}};
  CHECK(error_of({{"standard", mixed}}) ==
        "INVALID_ARGUMENT: standard.questions[1] (question 'B').section: unknown section 'Z' (known: X)");
  CHECK(error_of({{"standard", {{"id", "m"}, {"questions", {{{"id", "A"}}}}}}}) ==
        "INVALID_ARGUMENT: standard.questions[0] (question 'A'): section is missing");
}

TEST_CASE("alignment: bad answers are named with their record", "[alignment]") {
  CHECK(error_of(request({answer("acme", "Q1", "aligned"), answer("acme", "Q9", "aligned")})) ==
        "INVALID_ARGUMENT: answers[1] (tenant 'acme' question 'Q9').question: unknown question 'Q9' (standard 'baseline')");
  CHECK(error_of(request({answer("acme", "Q1", "aligned"), answer("beta", "Q1", "partial"),
                          answer("acme", "Q1", "misaligned")})) ==
        "INVALID_ARGUMENT: answers[2] (tenant 'acme' question 'Q1'): a second answer of tenant 'acme' to question 'Q1' "
        "(the first is answers[0])");
  CHECK(error_of(request({answer("acme", "Q1", "yes")})) ==
        "INVALID_ARGUMENT: answers[0] (tenant 'acme' question 'Q1').answer: unknown answer 'yes' (known: aligned, "
        "partial, misaligned, not_applicable, unanswered)");
  CHECK(error_of(request({{{"tenant", "acme"}, {"answer", "aligned"}}})) == "INVALID_ARGUMENT: answers[0]: question is missing");
  CHECK(error_of(request({{{"tenant", "acme"}, {"question", "Q1"}, {"answer", "aligned"}, {"answered_at", "May 10"}}}))
            .starts_with("INVALID_TIME: answers[0] (tenant 'acme' question 'Q1').answered_at: "));
  CHECK(error_of(request({{{"tenant", "acme"}, {"question", "Q1"}, {"answer", "aligned"}, {"score", 1}}})) ==
        "INVALID_ARGUMENT: answers[0]: unknown key 'score' (known: tenant, question, answer, note, answered_at)");
  std::int64_t row = -1;  // errors about an answer carry its row
  try {
    run(request({answer("a", "Q1", "aligned"), answer("a", "Q1", "aligned")}));
  } catch (const Error& e) {
    row = e.row();
  }
  CHECK(row == 1);
}

TEST_CASE("alignment: bad standards are named with their section or question", "[alignment]") {
  const auto with = [](const std::string& pointer, const json& value) {
    json st = standard();
    st[json::json_pointer(pointer)] = value;
    return error_of({{"standard", st}});
  };
  CHECK(with("/sections/0/weight", 0) == "INVALID_ARGUMENT: standard.sections[0] (section 'S1').weight: 0 must be > 0");
  CHECK(with("/sections/1/questions/1/weight", "-1") ==
        "INVALID_ARGUMENT: standard.sections[1].questions[1] (question 'Q5').weight: -1 must be > 0");
  CHECK(with("/sections/0/weight", 0.5) ==
        "INVALID_TYPE: standard.sections[0] (section 'S1').weight: 0.5 is a binary floating-point number; weights are "
        "exact: write it as a string (\"0.5\")");
  CHECK(with("/sections/0/weight", "NaN").starts_with("PARSE_ERROR: standard.sections[0] (section 'S1').weight: "));
  CHECK(with("/sections/0/weight", "0.0000001") ==
        "OUT_OF_RANGE: standard.sections[0] (section 'S1').weight: 0.0000001 has more than 6 fraction digits");
  CHECK(with("/sections/0/weight", "1000001") ==
        "OUT_OF_RANGE: standard.sections[0] (section 'S1').weight: 1000001 is above 1000000");
  CHECK(with("/sections/0/questions/0/priority", 6) ==
        "OUT_OF_RANGE: standard.sections[0].questions[0] (question 'Q1').priority: 6 is outside 1..5");
  CHECK(with("/sections/1/questions/0/id", "Q1") ==
        "INVALID_ARGUMENT: standard.sections[1].questions[0] (question 'Q1'): question 'Q1' is already "
        "standard.sections[0].questions[0] (question 'Q1')");
  CHECK(with("/sections/1/id", "S1") ==
        "INVALID_ARGUMENT: standard.sections[1] (section 'S1'): section 'S1' is already standard.sections[0] (section 'S1')");
  CHECK(with("/sections/1/questions/0/section", "S1") ==
        "INVALID_ARGUMENT: standard.sections[1].questions[0] (question 'Q4').section: 'S1' is not the section it is in ('S2')");
  CHECK(with("/sections/1/questions/0/estimated_cost", "-5") ==
        "INVALID_ARGUMENT: standard.sections[1].questions[0] (question 'Q4').estimated_cost: -5 must be >= 0");
  CHECK(with("/sections/0/questions/1/currency", "EUR") ==
        "INVALID_ARGUMENT: standard.sections[0].questions[1] (question 'Q2').currency: there is no estimated_cost");
  CHECK(with("/sections/0/questions", "Q1") ==
        "INVALID_ARGUMENT: standard.sections[0] (section 'S1').questions: expected a list of questions, got \"Q1\"");
  CHECK(error_of({{"standard", {{"id", "empty"}, {"sections", {{{"id", "S"}}}}}}}) ==
        "INVALID_ARGUMENT: standard 'empty' has no questions");
  CHECK(error_of({{"answers", json::array()}}) == "INVALID_ARGUMENT: request: standard is missing");
  CHECK(error_of({{"standard", {1}}}) == "INVALID_ARGUMENT: standard: expected an object, got [1]");
  json both = request(acme());
  both["quarter"] = "2026-Q3";
  both["as_of"] = "2026-05-10";
  CHECK(error_of(both) == "INVALID_ARGUMENT: alignment: give quarter or as_of, not both");
  both.erase("as_of");
  both["quarter"] = "2026-Q5";
  CHECK(error_of(both) ==
        "INVALID_ARGUMENT: alignment.quarter: '2026-Q5' is not a quarter (expected YYYY-Q1 .. YYYY-Q4)");
}

TEST_CASE("allocate: a plain decimal by largest remainder", "[money][allocate]") {
  const std::vector<Decimal> ratios{1, 4, 0};
  const std::vector<Decimal> parts = allocate(Decimal::parse("71.43"), ratios, 2);
  CHECK(parts[0].to_string() == "14.29");
  CHECK(parts[1].to_string() == "57.14");
  CHECK(parts[2].to_string() == "0.00");
}
