// The JSON forms of an alignment: the request of msp_vcio_alignment_json and its result
// document, nested per tenant (the QBR report embeds a tenant's record as it is).
#include <mspcore/core/error.hpp>
#include <mspcore/records/field_reader.hpp>
#include <mspcore/time/instant.hpp>
#include <mspcore/vcio/alignment_records.hpp>

#include "core/json_util.hpp"
#include "records/json_fields.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace mspcore {
inline namespace v1 {

namespace {

using nlohmann::json;
// The result keeps its keys in their logical order (a report shows them so; pandas columns too).
using ojson = nlohmann::ordered_json;

ojson text_or_null(const std::string& s) { return s.empty() ? ojson(nullptr) : ojson(s); }
ojson decimal_or_null(const std::optional<Decimal>& d) { return d ? ojson(d->to_string()) : ojson(nullptr); }

// An initiative as a record of the budget's roadmap: msp_vcio_budget_json takes it as it is.
ojson initiative_json(const Initiative& x) {
  ojson costs = ojson::array();
  for (const CostLine& c : x.costs) {
    costs.push_back({{"name", c.name},
                     {"kind", to_string(c.kind)},
                     {"amount", c.amount.amount().to_string()},
                     {"currency", std::string(c.amount.currency().code())},
                     {"category", to_string(c.category)}});
  }
  return {{"id", x.id},          {"tenant", x.tenant},         {"title", x.title},
          {"quarter", to_string(x.quarter)}, {"priority", x.priority}, {"status", to_string(x.status)},
          {"depends_on", ojson::array()},     {"costs", costs}};
}

ojson tenant_json(const TenantAlignment& t, const Standard& st, const std::vector<AssessmentAnswer>& answers,
                 const std::map<std::string, std::size_t, std::less<>>& question_of) {
  ojson sections = ojson::array();
  for (const SectionScore& s : t.sections) {
    const StandardSection& sec = st.sections[s.section];
    sections.push_back({{"id", sec.id},
                        {"title", text_or_null(sec.title)},
                        {"weight", sec.weight.normalized().to_string()},
                        {"question_count", s.question_count},
                        {"answered", s.answered},
                        {"applicable", s.applicable},
                        {"score", decimal_or_null(s.score)},
                        {"coverage", decimal_or_null(s.coverage)},
                        {"contribution", t.score ? ojson(s.contribution.to_string()) : ojson(nullptr)},
                        {"lost", t.score ? ojson(s.lost.to_string()) : ojson(nullptr)}});
  }
  ojson questions = ojson::array();
  for (const QuestionScore& q : t.questions) {
    const StandardQuestion& sq = st.questions[q.question];
    const AssessmentAnswer* a = q.answer_record ? &answers[*q.answer_record] : nullptr;
    questions.push_back({{"id", sq.id},
                         {"section", st.sections[sq.section].id},
                         {"text", text_or_null(sq.text)},
                         {"answer", to_string(q.answer)},
                         {"weight", q.weight.to_string()},
                         {"points", decimal_or_null(q.points)},
                         {"contribution", decimal_or_null(q.contribution)},
                         {"lost", decimal_or_null(q.lost)},
                         {"note", a ? text_or_null(a->note) : ojson(nullptr)},
                         {"answered_at", a && a->answered_at ? ojson(format_date(*a->answered_at)) : ojson(nullptr)}});
  }
  ojson findings = ojson::array();
  for (const RoadmapFinding& f : t.findings) {
    const std::size_t qi = question_of.find(f.initiative)->second;
    const StandardQuestion& sq = st.questions[qi];
    const QuestionScore& q = t.questions[qi];
    findings.push_back({{"code", f.code},
                        {"tenant", f.tenant},
                        {"question", sq.id},
                        {"section", st.sections[sq.section].id},
                        {"priority", alignment_priority(sq, q.answer)},
                        {"text", f.text},
                        {"recommendation", text_or_null(sq.recommendation)},
                        {"note", text_or_null(answers[*q.answer_record].note)}});
  }
  ojson initiatives = ojson::array();
  for (const Initiative& x : t.initiatives) initiatives.push_back(initiative_json(x));
  return {{"tenant", t.tenant},
          {"score", decimal_or_null(t.score)},
          {"coverage", t.coverage.to_string()},
          {"question_count", t.question_count},
          {"answered", t.answered},
          {"applicable", t.applicable},
          {"aligned", t.aligned},
          {"partial", t.partial},
          {"misaligned", t.misaligned},
          {"not_applicable", t.not_applicable},
          {"unanswered", t.unanswered},
          {"sections", sections},
          {"questions", questions},
          {"findings", findings},
          {"initiatives", initiatives}};
}

}  // namespace

Standard standard_from_json(std::string_view text) {
  const json doc = json_util::parse(text, "standard");
  return read_standard(JsonFields(doc, kStandardFields, "standard"));
}

std::string vcio_alignment_json(std::string_view request) {
  const json doc = json_util::parse(request, "request");
  const JsonFields fields(doc, kAlignmentRequestFields, "request");
  fields.require_object("request");
  const AlignmentOptions options = read_alignment_options(fields);
  if (!doc.contains("standard") || doc["standard"].is_null()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, "request: standard is missing");
  }
  const Standard standard = read_standard(JsonFields(doc["standard"], kStandardFields, "standard"));
  std::vector<AssessmentAnswer> answers;
  if (doc.contains("answers") && !doc["answers"].is_null()) {
    const json& list = doc["answers"];
    if (!list.is_array()) throw Error(ErrorCode::INVALID_ARGUMENT, "answers: expected a list, got " + list.dump());
    answers.reserve(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string where = record_where("answers", i);
      answers.push_back(read_assessment_answer(JsonFields(list[i], kAnswerFields, where).require_object(where), i));
    }
  }
  return alignment_result_json(score_alignment(standard, answers, options), standard, answers);
}

std::string alignment_result_json(const AlignmentResult& r, const Standard& st,
                                  const std::vector<AssessmentAnswer>& answers) {
  std::map<std::string, std::size_t, std::less<>> question_of;
  for (std::size_t i = 0; i < st.questions.size(); ++i) question_of.emplace(st.questions[i].id, i);
  ojson tenants = ojson::array();
  for (const TenantAlignment& t : r.tenants) tenants.push_back(tenant_json(t, st, answers, question_of));
  return ojson{{"standard", {{"id", st.id}, {"name", text_or_null(st.name)}, {"version", text_or_null(st.version)}}},
              {"quarter", r.quarter ? ojson(to_string(*r.quarter)) : ojson(nullptr)},
              {"tenants", tenants}}
      .dump();
}

}  // namespace v1
}  // namespace mspcore
