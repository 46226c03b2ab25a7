// Private: the knowledge base's JSON forms, for the C ABI. Records in go through the records
// layer (kb_records.hpp); answers out are objects with the field names of the C++ structs,
// instants as ISO-8601 UTC text.
#pragma once

#include <mspcore/comanaged/knowledge_base.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace mspcore::kb_json {

/// A space object ("space_json"): {"tenant", "space", "title"}.
KbSpace space_from_json(std::string_view text);
/// A list of article objects ("articles_json"): {"tenant", "space", "article", "title", "body", "author", "at"}.
std::vector<KbArticle> articles_from_json(std::string_view text);

/// [{"tenant", "space", "title"}]
std::string spaces_json(const std::vector<KbSpace>& spaces);
/// {"tenant", "space", "article", "version", "title", "body", "author", "at"}
std::string version_json(const KbArticleVersion& version);
/// [version_json(...), ...]
std::string versions_json(const std::vector<KbArticleVersion>& versions);
/// [{"rank", "score", "tenant", "space", "article", "version", "title", "snippet"}]
std::string hits_json(const std::vector<KbHit>& hits);

}  // namespace mspcore::kb_json
