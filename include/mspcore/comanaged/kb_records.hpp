/// @file kb_records.hpp
/// @brief The one decoder of the knowledge base's records (spaces and article versions),
/// whatever carries them: the C ABI's JSON, Python dicts, a host's rows (docs/records.md).
#pragma once

#include <mspcore/comanaged/knowledge_base.hpp>
#include <mspcore/records/fields.hpp>

#include <array>
#include <cstddef>
#include <string_view>

namespace mspcore {
inline namespace v1 {

/// The fields of a space, numbered as in kKbSpaceFields.
enum class KbSpaceField : std::size_t { tenant, space, title };
inline constexpr std::array<std::string_view, 3> kKbSpaceFields = {"tenant", "space", "title"};

/// The fields of an article version, numbered as in kKbArticleFields.
enum class KbArticleField : std::size_t { tenant, space, article, title, body, author, at };
inline constexpr std::array<std::string_view, 7> kKbArticleFields = {"tenant", "space",  "article", "title",
                                                                     "body",   "author", "at"};

/// Space `index` ("spaces[index]" in errors). Required: tenant, space (not empty); title
/// defaults to "".
KbSpace read_kb_space(const Fields& fields, std::size_t index);

/// Article `index` ("articles[index]", then named by its ids). Required: tenant, space,
/// article, author (not empty) and at (an instant with a zone); title and body default to "".
KbArticle read_kb_article(const Fields& fields, std::size_t index);

}  // namespace v1
}  // namespace mspcore
