/// @file alignment_records.hpp
/// @brief The one decoder of a standard and of assessment answers, and the JSON forms of an
/// alignment, whatever carries the records: the C ABI's JSON, Python dicts and DataFrames, a
/// host's rows.
#pragma once

#include <mspcore/records/fields.hpp>
#include <mspcore/vcio/alignment.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// The fields of a standard, numbered as in kStandardFields.
enum class StandardField : std::size_t { id, name, version, sections, questions };
inline constexpr std::array<std::string_view, 5> kStandardFields = {"id", "name", "version", "sections", "questions"};

/// The fields of a section, numbered as in kSectionFields.
enum class SectionField : std::size_t { id, title, weight, questions };
inline constexpr std::array<std::string_view, 4> kSectionFields = {"id", "title", "weight", "questions"};

/// The fields of a question, numbered as in kQuestionFields.
enum class QuestionField : std::size_t {
  id, section, text, weight, priority, recommendation, estimated_cost, currency, cost_category
};
inline constexpr std::array<std::string_view, 9> kQuestionFields = {
    "id",       "section",        "text",           "weight",  "priority",
    "recommendation", "estimated_cost", "currency", "cost_category"};

/// The fields of an answer, numbered as in kAnswerFields.
enum class AnswerField : std::size_t { tenant, question, answer, note, answered_at };
inline constexpr std::array<std::string_view, 5> kAnswerFields = {"tenant", "question", "answer", "note",
                                                                  "answered_at"};

/// The standard (named "standard" in errors): {"id", "name", "version", "sections": [{"id",
/// "title", "weight", "questions": [...]}], "questions": [...]}. Required: id and at least one
/// question. Questions go inside their section, or in the top-level list with a "section"
/// naming one; without any sections, the top-level questions' sections are made from their
/// names (weight 1) in order of first appearance. A question: id, and optionally section,
/// text, weight, priority (1..5, default 3), recommendation, estimated_cost (a decimal >= 0,
/// with currency), cost_category (capex, opex; default opex). Weights: a decimal > 0 (text,
/// an integer or an exact decimal; a float is INVALID_TYPE), default 1. Checked with
/// check_standard().
Standard read_standard(const Fields& fields);

/// read_standard() of a JSON text (a syntax error is Error(PARSE_ERROR) naming "standard").
Standard standard_from_json(std::string_view text);

/// Answer `index` ("answers[index]" in errors, which carry the row). Required: tenant,
/// question, answer (aligned, partial, misaligned, not_applicable, unanswered). Optional:
/// note, answered_at (a date).
AssessmentAnswer read_assessment_answer(const Fields& fields, std::size_t index);

/// The fields of an alignment request: the options first (read_alignment_options() reads
/// those), then the records.
inline constexpr std::array<std::string_view, 4> kAlignmentRequestFields = {"quarter", "as_of", "standard", "answers"};

/// The options of an alignment request, named "alignment.<key>" in errors: quarter
/// ("YYYY-Qn") or as_of (a date: the quarter after it), not both; neither: no initiatives.
AlignmentOptions read_alignment_options(const Fields& fields);

/// The JSON request of msp_vcio_alignment_json: {"standard": {...}, "answers": [...],
/// "quarter": "YYYY-Qn" or "as_of": "YYYY-MM-DD"} (the last two optional) scored, as the
/// result document (alignment_result_json()).
std::string vcio_alignment_json(std::string_view request);

/// An alignment as its JSON document: {"standard": {"id", "name", "version"}, "quarter",
/// "tenants": [{"tenant", "score", "coverage", counts, "sections", "questions", "findings",
/// "initiatives"}]}; percentages, weights and amounts as decimal text (docs/vcio-alignment.md).
/// `answers` are those it was scored from.
std::string alignment_result_json(const AlignmentResult& result, const Standard& standard,
                                  const std::vector<AssessmentAnswer>& answers);

}  // namespace v1
}  // namespace mspcore
