// The decoders of a standard (sections, questions) and of assessment answers (the records
// layer, docs/records.md).
#include <mspcore/records/field_reader.hpp>
#include <mspcore/vcio/alignment_records.hpp>

#include <map>
#include <string>

namespace mspcore {
inline namespace v1 {

namespace {

constexpr std::size_t operator+(StandardField f) { return static_cast<std::size_t>(f); }
constexpr std::size_t operator+(SectionField f) { return static_cast<std::size_t>(f); }
constexpr std::size_t operator+(QuestionField f) { return static_cast<std::size_t>(f); }
constexpr std::size_t operator+(AnswerField f) { return static_cast<std::size_t>(f); }

// A weight: 1 when absent or null. A NaN is not "missing" here (it would silently weigh 1),
// and a float is refused because it is not exact.
Decimal weight_of(const FieldReader& r, std::size_t field) {
  const Fields& f = r.fields();
  if (f.kind(field) == FieldKind::Missing) {
    const std::string seen = f.describe(field);
    if (seen == "nothing") return Decimal(1);
    throw r.error(ErrorCode::INVALID_ARGUMENT, r.at(field) + ": " + seen + " is not a weight (a decimal > 0)");
  }
  if (f.kind(field) == FieldKind::Float) {
    const std::string v = f.describe(field);
    throw r.error(ErrorCode::INVALID_TYPE, r.at(field) + ": " + v +
                                               " is a binary floating-point number; weights are exact: write it as "
                                               "a string (\"" + v + "\")");
  }
  return r.decimal(field);
}

// A list field's item j as a record of `names`, which must be an object.
std::unique_ptr<Fields> object_item(const FieldReader& r, std::size_t field, std::size_t j, FieldNames names,
                                    const std::string& where) {
  auto item = r.fields().item(field, j, names, where);
  if (item->kind(Fields::kSelf) != FieldKind::Object) throw not_a_record(where, item->describe(Fields::kSelf));
  return item;
}

void require_list(const FieldReader& r, std::size_t field, const char* what) {
  if (r.fields().kind(field) != FieldKind::List) {
    throw r.error(ErrorCode::INVALID_ARGUMENT,
                  r.at(field) + ": expected a list of " + what + ", got " + r.fields().describe(field));
  }
}

// A question at `where`; its section is resolved by the caller (`section_id` is its text, ""
// when absent).
StandardQuestion read_question(const Fields& fields, const std::string& where, std::string& section_id) {
  using F = QuestionField;
  FieldReader r(fields, kQuestionFields, where);
  StandardQuestion q;
  q.id = r.required_text(+F::id);
  q.where = where + " (question " + mspcore::quoted(q.id) + ")";
  r.rename(q.where);
  section_id = r.has(+F::section) ? r.required_text(+F::section) : std::string();
  q.text = r.text_or_empty(+F::text);
  q.weight = weight_of(r, +F::weight);
  q.priority = r.whole_or(+F::priority, 3);
  q.recommendation = r.text_or_empty(+F::recommendation);
  if (r.has(+F::estimated_cost)) {
    const Decimal amount = r.decimal(+F::estimated_cost);
    q.estimated_cost = Money(amount, r.name(+F::currency, [](std::string_view c) { return Currency::from_code(c); }));
  } else if (r.has(+F::currency)) {
    throw r.error(ErrorCode::INVALID_ARGUMENT, r.at(+F::currency) + ": there is no estimated_cost");
  }
  q.cost_category = r.name_or(+F::cost_category, parse_cost_category, CostCategory::Opex);
  return q;
}

std::string known_sections(const Standard& st) {
  std::string out;
  for (const StandardSection& s : st.sections) out += (out.empty() ? "" : ", ") + s.id;
  return out;
}

}  // namespace

Standard read_standard(const Fields& fields) {
  using F = StandardField;
  using S = SectionField;
  if (fields.kind(Fields::kSelf) != FieldKind::Object) throw not_a_record("standard", fields.describe(Fields::kSelf));
  const FieldReader r(fields, kStandardFields, "standard");
  Standard st;
  st.id = r.required_text(+F::id);
  st.name = r.text_or_empty(+F::name);
  st.version = r.text_or_empty(+F::version);
  std::map<std::string, std::size_t> section_of;
  if (r.has(+F::sections)) {
    require_list(r, +F::sections, "sections");
    for (std::size_t j = 0; j < fields.size(+F::sections); ++j) {
      const std::string w = r.at(+F::sections) + "[" + std::to_string(j) + "]";
      const auto item = object_item(r, +F::sections, j, kSectionFields, w);
      FieldReader s(*item, kSectionFields, w);
      StandardSection sec;
      sec.id = s.required_text(+S::id);
      sec.where = w + " (section " + mspcore::quoted(sec.id) + ")";
      s.rename(sec.where);
      sec.title = s.text_or_empty(+S::title);
      sec.weight = weight_of(s, +S::weight);
      const std::size_t index = st.sections.size();
      section_of.try_emplace(sec.id, index);  // a duplicate is refused by check_standard()
      st.sections.push_back(sec);
      if (!s.has(+S::questions)) continue;
      require_list(s, +S::questions, "questions");
      for (std::size_t k = 0; k < item->size(+S::questions); ++k) {
        const std::string qw = w + ".questions[" + std::to_string(k) + "]";  // ids are unique: no section label
        std::string named;
        StandardQuestion q = read_question(*object_item(s, +S::questions, k, kQuestionFields, qw), qw, named);
        if (!named.empty() && named != st.sections[index].id) {
          throw Error(ErrorCode::INVALID_ARGUMENT, q.where + ".section: " + mspcore::quoted(named) +
                                                       " is not the section it is in (" + mspcore::quoted(st.sections[index].id) + ")");
        }
        q.section = index;
        st.questions.push_back(std::move(q));
      }
    }
  }
  const bool declared = !st.sections.empty();
  if (r.has(+F::questions)) {
    require_list(r, +F::questions, "questions");
    for (std::size_t j = 0; j < fields.size(+F::questions); ++j) {
      const std::string w = r.at(+F::questions) + "[" + std::to_string(j) + "]";
      std::string named;
      StandardQuestion q = read_question(*object_item(r, +F::questions, j, kQuestionFields, w), w, named);
      if (named.empty()) throw Error(ErrorCode::INVALID_ARGUMENT, q.where + ": section is missing");
      auto it = section_of.find(named);
      if (it == section_of.end()) {
        // Declared sections guard against a misspelt name; without any, the names are the sections.
        if (declared) {
          throw Error(ErrorCode::INVALID_ARGUMENT, q.where + ".section: unknown section " + mspcore::quoted(named) +
                                                       " (known: " + known_sections(st) + ")");
        }
        it = section_of.emplace(named, st.sections.size()).first;
        st.sections.push_back({named, "", Decimal(1), "standard.questions[" + std::to_string(j) + "].section"});
      }
      q.section = it->second;
      st.questions.push_back(std::move(q));
    }
  }
  check_standard(st);
  return st;
}

AssessmentAnswer read_assessment_answer(const Fields& fields, std::size_t index) {
  using F = AnswerField;
  FieldReader r = FieldReader::of_record(fields, kAnswerFields, "answers", index);
  AssessmentAnswer a;
  a.row = static_cast<std::int64_t>(index);
  a.tenant = r.required_text(+F::tenant);
  a.question = r.required_text(+F::question);
  a.where = record_where("answers", index) + " (tenant " + mspcore::quoted(a.tenant) + " question " + mspcore::quoted(a.question) + ")";
  r.rename(a.where);
  a.answer = r.name(+F::answer, parse_alignment_answer);
  a.note = r.text_or_empty(+F::note);
  if (r.has(+F::answered_at)) a.answered_at = r.date(+F::answered_at);
  return a;
}

AlignmentOptions read_alignment_options(const Fields& fields) {
  const FieldReader r(fields, kAlignmentRequestFields, "alignment");
  AlignmentOptions o;
  if (r.has(0) && r.has(1)) {
    throw r.error(ErrorCode::INVALID_ARGUMENT, "alignment: give quarter or as_of, not both");
  }
  if (r.has(0)) o.quarter = r.name(0, parse_quarter);
  if (r.has(1)) o.quarter = next_quarter_after(r.date(1));
  return o;
}

}  // namespace v1
}  // namespace mspcore
