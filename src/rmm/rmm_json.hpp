// Private: what the JSON forms of backup and patch compliance share (policy values, the
// request's record lists, optional values out).
#pragma once

#include <mspcore/core/error.hpp>
#include <mspcore/money/decimal.hpp>
#include <mspcore/records/fields.hpp>
#include <mspcore/rmm/normalised.hpp>

#include "records/json_fields.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace mspcore::rmm_json {

using nlohmann::json;

/// A whole number in lo..hi at `where` (INVALID_ARGUMENT when not whole, OUT_OF_RANGE outside).
inline std::int64_t whole_in(const json& v, const std::string& where, std::int64_t lo, std::int64_t hi) {
  if (!v.is_number_integer()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected a whole number, got " + v.dump());
  }
  const std::int64_t n = v.get<std::int64_t>();
  if (n < lo || n > hi) {
    throw Error(ErrorCode::OUT_OF_RANGE,
                where + ": " + std::to_string(n) + " is outside " + std::to_string(lo) + ".." + std::to_string(hi));
  }
  return n;
}

inline bool flag(const json& v, const std::string& where) {
  if (!v.is_boolean()) throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected true or false, got " + v.dump());
  return v.get<bool>();
}

/// The records of list `table` of `doc` through `read` (absent or null: none).
template <class Read>
auto records_of(const json& doc, const char* table, FieldNames names, Read read) {
  std::vector<decltype(read(std::declval<const Fields&>(), std::size_t{0}))> out;
  if (!doc.contains(table) || doc[table].is_null()) return out;
  const json& list = doc[table];
  if (!list.is_array()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, std::string(table) + ": expected a list, got " + list.dump());
  }
  out.reserve(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string where = std::string(table) + "[" + std::to_string(i) + "]";
    out.push_back(read(JsonFields(list[i], names, where).require_object(where), i));
  }
  return out;
}

inline json instant_or_null(const std::optional<Instant>& t) { return t ? json(format_instant(*t)) : json(nullptr); }
inline json int_or_null(const std::optional<std::int64_t>& n) { return n ? json(*n) : json(nullptr); }
inline json decimal_or_null(const std::optional<Decimal>& d) { return d ? json(d->to_string()) : json(nullptr); }
inline json text_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

}  // namespace mspcore::rmm_json
