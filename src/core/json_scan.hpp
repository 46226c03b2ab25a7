// Private: JSON parsing for large documents of which a caller reads a few members (the alert
// normalisers and their vendor payloads). A strict scanner builds the DOM straight from the
// text where that is exact and leaves out the members nobody reads; the result and the errors
// are those of json_util::parse().
#pragma once

#include "core/json_util.hpp"

#include <span>
#include <string>
#include <string_view>

namespace mspcore::json_util {

/// The members of an object that a reader reads (a dozen at most). A member
/// whose `filter` is nullptr is kept whole, and so is a member whose value is not an object.
struct KeepFilter;
struct KeepMember {
  std::string_view key;
  const KeepFilter* filter;
};
struct KeepFilter {
  std::span<const KeepMember> members;
};

/// json_util::parse(text, what) with only the members `keep` names: the whole text is still
/// read and checked (a syntax error anywhere is the same PARSE_ERROR), but the members no
/// reader reads are never built. Arrays are kept whole.
json parse_kept(std::string_view text, const KeepFilter& keep, const std::string& what);

/// json_util::parse(text, what) built by parse_kept()'s scanner where it can: the same DOM and
/// the same errors, without nlohmann's lexer for most documents.
json parse_whole(std::string_view text, const std::string& what);

}  // namespace mspcore::json_util
