// Standards alignment: the checks of a standard, and each tenant's score, coverage,
// contributions, findings and initiatives (docs/vcio-alignment.md).
#include <mspcore/core/error.hpp>
#include <mspcore/records/field_reader.hpp>
#include <mspcore/vcio/alignment.hpp>

#include "core/enum_names.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <utility>

namespace mspcore {
inline namespace v1 {

namespace {

constexpr std::array<std::string_view, 5> kAnswers{"aligned", "partial", "misaligned", "not_applicable", "unanswered"};
constexpr int kPercentScale = 2;  // every percentage: 2 fraction digits, half-even, rounded once
constexpr int kMaxWeightScale = 6;

const Decimal& hundred() {
  static const Decimal h(100);
  return h;
}

std::string section_where(const Standard& st, std::size_t i) {
  return st.sections[i].where.empty() ? "standard.sections[" + std::to_string(i) + "]" : st.sections[i].where;
}
std::string question_where(const Standard& st, std::size_t i) {
  return st.questions[i].where.empty() ? "standard.questions[" + std::to_string(i) + "]" : st.questions[i].where;
}
std::string answer_where(const AssessmentAnswer& a, std::size_t i) {
  return a.where.empty() ? record_where("answers", i) : a.where;
}

// Weights are bounded so that every sum and product of a scoring fits the 128-bit Decimal.
void check_weight(const Decimal& w, const std::string& where) {
  if (w.sign() <= 0) throw Error(ErrorCode::INVALID_ARGUMENT, where + ".weight: " + w.to_string() + " must be > 0");
  if (w > Decimal(1000000)) {
    throw Error(ErrorCode::OUT_OF_RANGE, where + ".weight: " + w.to_string() + " is above 1000000");
  }
  if (w.normalized().scale() > kMaxWeightScale) {
    throw Error(ErrorCode::OUT_OF_RANGE, where + ".weight: " + w.to_string() + " has more than 6 fraction digits");
  }
}

Decimal percent(const Decimal& part, const Decimal& whole) {
  return Decimal::divide(part * hundred(), whole, kPercentScale, RoundingMode::HalfEven);
}

// `total` split by `ratios` (largest remainder, as Money's allocate); zeros when all ratios are 0.
std::vector<Decimal> split(const Decimal& total, const std::vector<Decimal>& ratios) {
  const bool any = std::any_of(ratios.begin(), ratios.end(), [](const Decimal& r) { return !r.is_zero(); });
  if (!any) return std::vector<Decimal>(ratios.size(), Decimal(Coefficient(0), kPercentScale));
  return allocate(total, ratios, kPercentScale);
}

std::string finding_text(const StandardQuestion& q, AlignmentAnswer a) {
  std::string text = mspcore::quoted(q.id) + " is " + std::string(to_string(a));
  if (!q.text.empty()) text += " (" + q.text + ")";
  if (!q.recommendation.empty()) text += ": " + q.recommendation;
  return text;
}

Initiative initiative_of(const StandardQuestion& q, const AssessmentAnswer& a, std::size_t record, AlignmentAnswer answer,
                         const Quarter& quarter) {
  Initiative x;
  x.id = "align:" + q.id;
  x.tenant = a.tenant;
  x.title = !q.recommendation.empty() ? q.recommendation : !q.text.empty() ? q.text : "Align " + q.id;
  x.quarter = quarter;
  x.priority = alignment_priority(q, answer);
  x.status = InitiativeStatus::Proposed;
  if (q.estimated_cost) {
    CostLine c;
    c.name = "remediation";
    c.kind = CostKind::OneTime;
    c.amount = *q.estimated_cost;
    c.category = q.cost_category;
    x.costs.push_back(c);
  }
  x.where = answer_where(a, record);
  x.source = "alignment";
  return x;
}

// One tenant's scoring; `given[q]` is the index of its answer to question q, if any.
TenantAlignment score_tenant(const Standard& st, const std::vector<AssessmentAnswer>& answers, const std::string& tenant,
                             const std::vector<std::optional<std::size_t>>& given, const AlignmentOptions& options) {
  TenantAlignment t;
  t.tenant = tenant;
  t.question_count = st.questions.size();
  t.sections.resize(st.sections.size());
  for (std::size_t s = 0; s < st.sections.size(); ++s) t.sections[s].section = s;
  // Per section: weight x points, scored weight, answered weight, total weight (exact sums).
  struct Sums {
    Decimal earned, scored, answered, total;
  };
  std::vector<Sums> by_section(st.sections.size());
  Sums all;
  for (std::size_t i = 0; i < st.questions.size(); ++i) {
    const StandardQuestion& q = st.questions[i];
    QuestionScore qs;
    qs.question = i;
    qs.answer_record = given[i];
    qs.answer = given[i] ? answers[*given[i]].answer : AlignmentAnswer::Unanswered;
    qs.weight = (st.sections[q.section].weight * q.weight).normalized();
    qs.points = alignment_points(qs.answer);
    SectionScore& ss = t.sections[q.section];
    Sums& sum = by_section[q.section];
    ++ss.question_count;
    sum.total += qs.weight;
    all.total += qs.weight;
    if (qs.answer != AlignmentAnswer::Unanswered) {
      ++t.answered;
      ++ss.answered;
      sum.answered += qs.weight;
      all.answered += qs.weight;
    }
    if (qs.points) {
      ++t.applicable;
      ++ss.applicable;
      const Decimal earned = qs.weight * *qs.points;
      sum.earned += earned;
      sum.scored += qs.weight;
      all.earned += earned;
      all.scored += qs.weight;
    }
    switch (qs.answer) {
      case AlignmentAnswer::Aligned: ++t.aligned; break;
      case AlignmentAnswer::Partial: ++t.partial; break;
      case AlignmentAnswer::Misaligned: ++t.misaligned; break;
      case AlignmentAnswer::NotApplicable: ++t.not_applicable; break;
      case AlignmentAnswer::Unanswered: ++t.unanswered; break;
    }
    t.questions.push_back(std::move(qs));
  }
  t.coverage = percent(all.answered, all.total);
  if (!all.scored.is_zero()) {
    t.score = percent(all.earned, all.scored);
    // The rounded score split over the scored questions by weight x points, and what is
    // left of 100 by weight x (1 - points): each sums exactly to its total.
    std::vector<std::size_t> scored;
    std::vector<Decimal> earned, missed;
    for (const QuestionScore& qs : t.questions) {
      if (!qs.points) continue;
      scored.push_back(qs.question);
      earned.push_back(qs.weight * *qs.points);
      missed.push_back(qs.weight * (Decimal(1) - *qs.points));
    }
    const std::vector<Decimal> contribution = split(*t.score, earned);
    const std::vector<Decimal> lost = split(Decimal(Coefficient(10000), kPercentScale) - *t.score, missed);
    for (std::size_t k = 0; k < scored.size(); ++k) {
      QuestionScore& qs = t.questions[scored[k]];
      qs.contribution = contribution[k];
      qs.lost = lost[k];
      SectionScore& ss = t.sections[st.questions[qs.question].section];
      ss.contribution += contribution[k];
      ss.lost += lost[k];
    }
  }
  for (std::size_t s = 0; s < st.sections.size(); ++s) {
    const Sums& sum = by_section[s];
    if (!sum.scored.is_zero()) t.sections[s].score = percent(sum.earned, sum.scored);
    if (!sum.total.is_zero()) t.sections[s].coverage = percent(sum.answered, sum.total);
  }
  for (const AlignmentAnswer kind : {AlignmentAnswer::Misaligned, AlignmentAnswer::Partial}) {
    for (const QuestionScore& qs : t.questions) {
      if (qs.answer != kind) continue;
      const StandardQuestion& q = st.questions[qs.question];
      const AssessmentAnswer& a = answers[*qs.answer_record];
      t.findings.push_back({kind == AlignmentAnswer::Misaligned ? "standard_misaligned" : "standard_partial", tenant,
                            q.id, finding_text(q, kind)});
      if (options.quarter) t.initiatives.push_back(initiative_of(q, a, *qs.answer_record, kind, *options.quarter));
    }
  }
  return t;
}

}  // namespace

std::string_view to_string(AlignmentAnswer a) noexcept { return kAnswers[static_cast<std::size_t>(a)]; }
AlignmentAnswer parse_alignment_answer(std::string_view text) {
  return detail::parse_enum_name<AlignmentAnswer>(text, kAnswers, "answer");
}

std::optional<Decimal> alignment_points(AlignmentAnswer a) {
  switch (a) {
    case AlignmentAnswer::Aligned: return Decimal(1);
    case AlignmentAnswer::Partial: return Decimal(Coefficient(5), 1);
    case AlignmentAnswer::Misaligned: return Decimal(0);
    default: return std::nullopt;
  }
}

std::int64_t alignment_priority(const StandardQuestion& q, AlignmentAnswer a) noexcept {
  return a == AlignmentAnswer::Partial ? std::min<std::int64_t>(q.priority + 1, 5) : q.priority;
}

Quarter next_quarter_after(std::chrono::sys_days day) {
  const std::chrono::year_month_day ymd{day};
  const auto month = static_cast<std::int64_t>(static_cast<unsigned>(ymd.month())) - 1;
  const std::int64_t first = std::int64_t{static_cast<int>(ymd.year())} * 12 + month / 3 * 3;
  return quarter_of_month(first + 3);
}

void check_standard(const Standard& st) {
  if (st.id.empty()) throw Error(ErrorCode::INVALID_ARGUMENT, "standard.id must not be empty");
  std::map<std::string, std::size_t> sections, questions;
  for (std::size_t i = 0; i < st.sections.size(); ++i) {
    const StandardSection& s = st.sections[i];
    const std::string where = section_where(st, i);
    if (s.id.empty()) throw Error(ErrorCode::INVALID_ARGUMENT, where + ".id must not be empty");
    const auto [it, fresh] = sections.try_emplace(s.id, i);
    if (!fresh) {
      throw Error(ErrorCode::INVALID_ARGUMENT,
                  where + ": section " + mspcore::quoted(s.id) + " is already " + section_where(st, it->second));
    }
    check_weight(s.weight, where);
  }
  if (st.questions.empty()) throw Error(ErrorCode::INVALID_ARGUMENT, "standard " + mspcore::quoted(st.id) + " has no questions");
  for (std::size_t i = 0; i < st.questions.size(); ++i) {
    const StandardQuestion& q = st.questions[i];
    const std::string where = question_where(st, i);
    if (q.id.empty()) throw Error(ErrorCode::INVALID_ARGUMENT, where + ".id must not be empty");
    const auto [it, fresh] = questions.try_emplace(q.id, i);
    if (!fresh) {
      throw Error(ErrorCode::INVALID_ARGUMENT,
                  where + ": question " + mspcore::quoted(q.id) + " is already " + question_where(st, it->second));
    }
    if (q.section >= st.sections.size()) {
      throw Error(ErrorCode::INVALID_ARGUMENT,
                  where + ".section: " + std::to_string(q.section) + " is not a section index (the standard has " +
                      std::to_string(st.sections.size()) + ")");
    }
    check_weight(q.weight, where);
    if (q.priority < 1 || q.priority > 5) {
      throw Error(ErrorCode::OUT_OF_RANGE, where + ".priority: " + std::to_string(q.priority) + " is outside 1..5");
    }
    if (q.estimated_cost && q.estimated_cost->amount().sign() < 0) {
      throw Error(ErrorCode::INVALID_ARGUMENT,
                  where + ".estimated_cost: " + q.estimated_cost->amount().to_string() + " must be >= 0");
    }
  }
}

AlignmentResult score_alignment(const Standard& st, const std::vector<AssessmentAnswer>& answers,
                                const AlignmentOptions& options) {
  check_standard(st);
  std::map<std::string, std::size_t, std::less<>> question_of;
  for (std::size_t i = 0; i < st.questions.size(); ++i) question_of.emplace(st.questions[i].id, i);
  // tenant -> for each question the index of its answer; tenants sorted by the map.
  std::map<std::string, std::vector<std::optional<std::size_t>>> given;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const AssessmentAnswer& a = answers[i];
    const auto q = question_of.find(a.question);
    if (q == question_of.end()) {
      throw Error(ErrorCode::INVALID_ARGUMENT,
                  answer_where(a, i) + ".question: unknown question " + mspcore::quoted(a.question) + " (standard " +
                      mspcore::quoted(st.id) + ")",
                  a.row);
    }
    auto& slots = given.try_emplace(a.tenant, st.questions.size()).first->second;
    if (slots[q->second]) {
      throw Error(ErrorCode::INVALID_ARGUMENT,
                  answer_where(a, i) + ": a second answer of tenant " + mspcore::quoted(a.tenant) + " to question " +
                      mspcore::quoted(a.question) + " (the first is " + record_where("answers", *slots[q->second]) + ")",
                  a.row);
    }
    slots[q->second] = i;
  }
  AlignmentResult r;
  r.quarter = options.quarter;
  for (const auto& [tenant, slots] : given) r.tenants.push_back(score_tenant(st, answers, tenant, slots, options));
  return r;
}

}  // namespace v1
}  // namespace mspcore
