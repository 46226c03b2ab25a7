// The knowledge base's JSON forms (kb_json.hpp).
#include "comanaged/kb_json.hpp"

#include <mspcore/comanaged/kb_records.hpp>
#include <mspcore/records/field_reader.hpp>

#include "core/json_util.hpp"
#include "records/json_fields.hpp"

namespace mspcore::kb_json {

namespace {

using nlohmann::json;

json to_json(const KbArticleVersion& v) {
  return json{{"tenant", v.tenant}, {"space", v.space},   {"article", v.article}, {"version", v.version},
              {"title", v.title},   {"body", v.body},     {"author", v.author},   {"at", format_instant(v.at)}};
}

}  // namespace

KbSpace space_from_json(std::string_view text) {
  const json doc = json_util::parse(text, "space_json");
  return read_kb_space(JsonFields(doc, kKbSpaceFields, "space_json").require_object("space_json"), 0);
}

std::vector<KbArticle> articles_from_json(std::string_view text) {
  const json doc = json_util::parse(text, "articles_json");
  if (!doc.is_array()) throw Error(ErrorCode::INVALID_ARGUMENT, "articles_json: expected a list, got " + doc.dump());
  std::vector<KbArticle> out;
  out.reserve(doc.size());
  for (std::size_t i = 0; i < doc.size(); ++i) {
    const std::string where = record_where("articles", i);
    out.push_back(read_kb_article(JsonFields(doc[i], kKbArticleFields, where).require_object(where), i));
  }
  return out;
}

std::string spaces_json(const std::vector<KbSpace>& spaces) {
  json out = json::array();
  for (const auto& s : spaces) out.push_back(json{{"tenant", s.tenant}, {"space", s.space}, {"title", s.title}});
  return out.dump();
}

std::string version_json(const KbArticleVersion& version) { return to_json(version).dump(); }

std::string versions_json(const std::vector<KbArticleVersion>& versions) {
  json out = json::array();
  for (const auto& v : versions) out.push_back(to_json(v));
  return out.dump();
}

std::string hits_json(const std::vector<KbHit>& hits) {
  json out = json::array();
  for (const auto& h : hits) {
    out.push_back(json{{"rank", h.rank},       {"score", h.score},   {"tenant", h.tenant},
                       {"space", h.space},     {"article", h.article}, {"version", h.version},
                       {"title", h.title},     {"snippet", h.snippet}});
  }
  return out.dump();
}

}  // namespace mspcore::kb_json
