// Private: the JSON helpers every area uses, so malformed documents fail the same way
// everywhere: an Error that names the document, the place and the bad value.
#pragma once

#include <mspcore/core/error.hpp>

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mspcore::json_util {

using json = nlohmann::json;

/// Error(PARSE_ERROR) for a document the parser refused: a syntax error (with its position)
/// or a number beyond the range of a double ("1e999"), which the parser reports as out_of_range.
/// The parser's own tag ("[json.exception.parse_error.101] ") is dropped: it names the library,
/// not the input.
inline Error malformed(const std::string& what, const json::exception& e) {
  std::string text = e.what();
  if (text.rfind("[json.exception.", 0) == 0) {
    if (const auto tag_end = text.find("] "); tag_end != std::string::npos) text.erase(0, tag_end + 2);
  }
  return Error(ErrorCode::PARSE_ERROR, what + ": malformed JSON (" + text + ")");
}

/// Parse a document; malformed JSON is Error(PARSE_ERROR) naming `what` and the position.
inline json parse(std::string_view text, const std::string& what) {
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    throw malformed(what, e);
  } catch (const json::out_of_range& e) {
    throw malformed(what, e);
  }
}

/// The string at `where`, or Error(INVALID_ARGUMENT) saying what was there instead.
inline std::string require_string(const json& value, const std::string& where) {
  if (!value.is_string()) {
    throw Error(ErrorCode::INVALID_ARGUMENT,
                where + ": expected a string, got " + (value.is_null() ? std::string("nothing") : value.dump()));
  }
  return value.get<std::string>();
}

/// Typos in configuration must not pass silently.
inline void reject_unknown_keys(const json& object, const std::string& where,
                                std::initializer_list<std::string_view> known) {
  for (const auto& item : object.items()) {
    bool ok = false;
    for (std::string_view k : known) ok = ok || item.key() == k;
    if (!ok) {
      std::string list;
      for (std::string_view k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      throw Error(ErrorCode::INVALID_ARGUMENT, where + ": unknown key " + quoted(item.key()) + " (known: " + list + ")");
    }
  }
}

/// Runs `parse`; an Error it throws gets "where: " in front of its message, so the caller
/// learns which member of the document was bad.
template <class Parse>
auto in_context(const std::string& where, Parse&& parse) -> decltype(parse()) {
  try {
    return parse();
  } catch (const Error& e) {
    throw Error(e.code(), where + ": " + e.what(), e.row());
  }
}

/// The items of an optional list member as (index, value) pairs; absent or null is empty.
inline std::vector<std::pair<std::size_t, json>> list(const json& object, const char* key, const std::string& where) {
  std::vector<std::pair<std::size_t, json>> out;
  if (!object.contains(key) || object[key].is_null()) return out;
  const json& value = object[key];
  if (!value.is_array()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, where + "." + key + ": expected a list, got " + value.dump());
  }
  for (std::size_t i = 0; i < value.size(); ++i) out.emplace_back(i, value[i]);
  return out;
}

}  // namespace mspcore::json_util
