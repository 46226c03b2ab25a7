/// @file alignment.hpp
/// @brief vCIO standards alignment: a standard's weighted questions in sections, each tenant's
/// answers (aligned, partial, misaligned, not applicable) scored as an exact percentage with
/// coverage and each question's contribution; misaligned and partial answers become roadmap
/// findings and proposed initiatives (docs/vcio-alignment.md).
///
/// No binary floating point anywhere: weights, points and percentages are Decimals, each
/// percentage is rounded once (2 places, half-even), and the questions' contributions are the
/// rounded score split by largest remainder, so they sum to it exactly.
#pragma once

#include <mspcore/money/decimal.hpp>
#include <mspcore/money/money.hpp>
#include <mspcore/vcio/roadmap.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// How a tenant stands on one question. Unanswered is what a question without an answer is;
/// an answer record may also say so explicitly.
enum class AlignmentAnswer : std::uint8_t { Aligned, Partial, Misaligned, NotApplicable, Unanswered };
/// "aligned", "partial", "misaligned", "not_applicable", "unanswered".
std::string_view to_string(AlignmentAnswer answer) noexcept;
AlignmentAnswer parse_alignment_answer(std::string_view text);
/// The points of an answer that is scored: aligned 1, partial 0.5, misaligned 0; none for
/// not_applicable and unanswered, which are left out of the score.
std::optional<Decimal> alignment_points(AlignmentAnswer answer);

/// A section of a standard. Its weight multiplies the weight of each of its questions.
struct StandardSection {
  std::string id;
  std::string title;  ///< "" when not given
  Decimal weight{1};  ///< > 0
  std::string where;  ///< how errors name it: "standard.sections[1] (section 'S-2')"
};

/// A question of a standard.
struct StandardQuestion {
  std::string id;             ///< unique within the standard
  std::size_t section = 0;    ///< index into Standard::sections
  std::string text;           ///< "" when not given
  Decimal weight{1};          ///< > 0
  std::int64_t priority = 3;  ///< 1 (highest) .. 5: of its finding and initiative
  std::string recommendation;            ///< what to do when it is not aligned; "" when not given
  std::optional<Money> estimated_cost;   ///< of the remediation; the initiative's one cost line
  CostCategory cost_category = CostCategory::Opex;
  std::string where;  ///< "standard.sections[0].questions[2] (question 'Q-3')"
};

/// A standard (a best-practice checklist): questions grouped in sections.
struct Standard {
  std::string id;
  std::string name;     ///< "" when not given
  std::string version;  ///< "" when not given
  std::vector<StandardSection> sections;
  std::vector<StandardQuestion> questions;  ///< in the order they were given
};

/// Checks a standard: ids not empty, section and question ids unique, every question in a
/// section, weights > 0 and <= 1000000 with at most 6 fraction digits, priorities 1..5, at
/// least one question. Error(INVALID_ARGUMENT) or Error(OUT_OF_RANGE) naming the record.
void check_standard(const Standard& standard);

/// One tenant's answer to one question.
struct AssessmentAnswer {
  std::string tenant;
  std::string question;  ///< a question id of the standard
  AlignmentAnswer answer = AlignmentAnswer::Unanswered;
  std::string note;  ///< "" when not given
  std::optional<std::chrono::sys_days> answered_at;
  std::string where;  ///< "answers[3] (tenant 'acme' question 'Q-3')"
  std::int64_t row = -1;  ///< the record's index, carried by errors
};

/// One question's part in a tenant's score. Percentages are in percentage points of the
/// tenant's score, 2 fraction digits.
struct QuestionScore {
  std::size_t question = 0;  ///< index into Standard::questions
  AlignmentAnswer answer = AlignmentAnswer::Unanswered;
  std::optional<std::size_t> answer_record;  ///< index into the answers; none when unanswered
  Decimal weight;                       ///< effective: section weight x question weight
  std::optional<Decimal> points;        ///< 1, 0.5 or 0; none when not scored
  std::optional<Decimal> contribution;  ///< its share of the score; none when not scored
  std::optional<Decimal> lost;          ///< the points it cost the score; none when not scored
};

/// One section's part in a tenant's score.
struct SectionScore {
  std::size_t section = 0;  ///< index into Standard::sections
  std::size_t question_count = 0, answered = 0, applicable = 0;
  std::optional<Decimal> score;     ///< of its scored questions alone; none when it has none
  std::optional<Decimal> coverage;  ///< answered weight / its weight; none when it has no questions
  Decimal contribution{Decimal(Coefficient(0), 2)};  ///< the sum of its questions' contributions
  Decimal lost{Decimal(Coefficient(0), 2)};          ///< the sum of its questions' lost points
};

/// A tenant's alignment with the standard.
struct TenantAlignment {
  std::string tenant;
  /// sum(weight x points) / sum(weight) over the scored questions, as a percentage with 2
  /// fraction digits (half-even); none when no question is scored (all not applicable or
  /// unanswered): there is nothing to measure, which is not 0%.
  std::optional<Decimal> score;
  Decimal coverage;  ///< answered weight (not_applicable included) / total weight, percent, 2 digits
  std::size_t question_count = 0;  ///< of the standard
  std::size_t answered = 0;        ///< with an answer, not_applicable included
  std::size_t applicable = 0;      ///< scored: aligned, partial or misaligned
  std::size_t aligned = 0, partial = 0, misaligned = 0, not_applicable = 0, unanswered = 0;
  std::vector<SectionScore> sections;    ///< in the standard's order
  std::vector<QuestionScore> questions;  ///< in the standard's order, one per question
  std::vector<RoadmapFinding> findings;  ///< misaligned first, then partial, each in question order
  std::vector<Initiative> initiatives;   ///< as the findings; empty unless a quarter was given
};

/// The priority of the finding and initiative of a question answered `answer`: the question's
/// for misaligned, one step lower (at most 5) for partial.
std::int64_t alignment_priority(const StandardQuestion& question, AlignmentAnswer answer) noexcept;

/// The options of a scoring.
struct AlignmentOptions {
  /// The quarter of the proposed initiatives; none: no initiatives.
  std::optional<Quarter> quarter;
};

/// The alignment of every tenant that has an answer.
struct AlignmentResult {
  std::optional<Quarter> quarter;
  std::vector<TenantAlignment> tenants;  ///< sorted by tenant
};

/// The quarter after the one `day` falls in: when remediation of an assessment made on `day`
/// is planned by default (2026-05-10 -> 2026-Q3).
Quarter next_quarter_after(std::chrono::sys_days day);

/// Scores `answers` against `standard` (checked with check_standard()). An answer for an
/// unknown question, or a second answer of a tenant for one question, is Error(INVALID_ARGUMENT)
/// naming the record. Misaligned answers are findings "standard_misaligned" at the question's
/// priority, partial ones "standard_partial" one step lower (at most 5); with a quarter, each
/// is also a proposed initiative "align:<question id>" with one one-time cost line of the
/// question's estimated cost (none without one).
AlignmentResult score_alignment(const Standard& standard, const std::vector<AssessmentAnswer>& answers,
                                const AlignmentOptions& options = {});

}  // namespace v1
}  // namespace mspcore
