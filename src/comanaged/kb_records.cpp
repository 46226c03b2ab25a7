// The decoder of the knowledge base's records (the records layer, docs/records.md).
#include <mspcore/comanaged/kb_records.hpp>
#include <mspcore/core/error.hpp>
#include <mspcore/records/field_reader.hpp>

#include <string>

namespace mspcore {
inline namespace v1 {

namespace {

constexpr std::size_t operator+(KbSpaceField f) { return static_cast<std::size_t>(f); }
constexpr std::size_t operator+(KbArticleField f) { return static_cast<std::size_t>(f); }

}  // namespace

KbSpace read_kb_space(const Fields& fields, std::size_t index) {
  using F = KbSpaceField;
  FieldReader r = FieldReader::of_record(fields, kKbSpaceFields, "spaces", index);
  KbSpace s;
  s.tenant = r.required_text(+F::tenant);
  s.space = r.required_text(+F::space);
  s.title = r.text_or_empty(+F::title);
  return s;
}

KbArticle read_kb_article(const Fields& fields, std::size_t index) {
  using F = KbArticleField;
  FieldReader r = FieldReader::of_record(fields, kKbArticleFields, "articles", index);
  KbArticle a;
  a.tenant = r.required_text(+F::tenant);
  a.space = r.required_text(+F::space);
  a.article = r.required_text(+F::article);
  // Named by its ids from here on: an editor knows the article, not its position in a batch.
  r.rename([&a, index] {
    return "articles[" + std::to_string(index) + "] (tenant " + mspcore::quoted(a.tenant) + " space " + mspcore::quoted(a.space) +
           " article " + mspcore::quoted(a.article) + ")";
  });
  a.title = r.text_or_empty(+F::title);
  a.body = r.text_or_empty(+F::body);
  a.author = r.required_text(+F::author);
  a.at = r.instant(+F::at);
  check_instant_range(a.at, r.at(+F::at));
  return a;
}

}  // namespace v1
}  // namespace mspcore
