// The OS end-of-life table: reading its JSON document, overlaying the user's rows, lookups.
#include <mspcore/core/error.hpp>
#include <mspcore/records/field_reader.hpp>
#include <mspcore/vcio/os_lifecycle.hpp>

#include "core/json_util.hpp"
#include "records/json_fields.hpp"
#include "vcio/os_table_data.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cctype>
#include <set>
#include <tuple>

namespace mspcore {
inline namespace v1 {

namespace {

using nlohmann::json;

// "about" is a comment for people reading the file.
constexpr std::array<std::string_view, 4> kTableFields = {"version", "about", "aliases", "rows"};
constexpr std::array<std::string_view, 11> kRowFields = {"os",     "version",       "edition",  "mainstream_end",
                                                         "support_end", "extension", "extension_end", "estimate",
                                                         "source", "note",          "table"};

std::string normalised(std::string_view text) { return OsLifecycleTable::normalised(text); }

using Key = std::tuple<std::string, std::string, std::string>;

Key key_of(const OsLifecycleRow& r) { return {normalised(r.os), normalised(r.version), normalised(r.edition)}; }

std::optional<std::chrono::sys_days> date_or_none(const FieldReader& r, std::size_t field) {
  if (!r.has(field)) return std::nullopt;
  return r.date(field);
}

OsLifecycleRow read_row(const Fields& fields, const std::string& where, const std::string& table) {
  const FieldReader r(fields, kRowFields, where);
  OsLifecycleRow row;
  row.os = r.text(0);
  row.version = r.text(1);
  row.edition = r.text_or_empty(2);
  row.mainstream_end = date_or_none(r, 3);
  row.support_end = date_or_none(r, 4);
  row.extension = r.text_or_empty(5);
  row.extension_end = date_or_none(r, 6);
  row.estimate = r.flag_or(7, false);
  row.source = r.text(8);
  row.note = r.text_or_empty(9);
  row.table = r.has(10) ? std::string(r.text(10)) : table;
  if (normalised(row.os).empty() || normalised(row.version).empty()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, where + ": os and version must not be empty");
  }
  if (row.support_end && row.extension_end && *row.extension_end < *row.support_end) {
    throw Error(ErrorCode::INVALID_ARGUMENT,
                where + ": extension_end " + format_date(*row.extension_end) + " is before support_end " +
                    format_date(*row.support_end));
  }
  return row;
}

json date_json(const std::optional<std::chrono::sys_days>& d) { return d ? json(format_date(*d)) : json(nullptr); }

}  // namespace

// The same product or version however an RMM or a person spells it.
std::string OsLifecycleTable::normalised(std::string_view text) {
  std::string out;
  bool gap = false;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '_' || c == '-') {
      gap = !out.empty();
      continue;
    }
    if (gap) out += ' ';
    gap = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string OsLifecycleRow::label() const {
  std::string out = os + " " + version;
  if (!edition.empty()) out += " " + edition;
  return out;
}

const OsLifecycleTable& OsLifecycleTable::shipped() {
  static const OsLifecycleTable table = from_json(detail::kOsLifecycleJson, "data/os_lifecycle.json");
  return table;
}

std::string_view OsLifecycleTable::shipped_version() { return shipped().version(); }

OsLifecycleTable OsLifecycleTable::from_json(std::string_view text, const std::string& what) {
  const json doc = json_util::parse(text, what);
  const JsonFields fields(doc, kTableFields, what);
  fields.require_object(what);
  const FieldReader r(fields, kTableFields, what);
  OsLifecycleTable t;
  t.version_ = r.text(0);
  if (t.version_.empty()) throw Error(ErrorCode::INVALID_ARGUMENT, what + ".version must not be empty");
  if (const auto* aliases = doc.contains("aliases") ? &doc["aliases"] : nullptr; aliases && !aliases->is_null()) {
    if (!aliases->is_object()) {
      throw Error(ErrorCode::INVALID_ARGUMENT, what + ".aliases: expected an object of alias -> os, got " + aliases->dump());
    }
    for (const auto& item : aliases->items()) {
      t.aliases_[normalised(item.key())] =
          normalised(json_util::require_string(item.value(), what + ".aliases." + item.key()));
    }
  }
  const json& rows = doc.contains("rows") ? doc["rows"] : json();
  if (!rows.is_array()) throw Error(ErrorCode::INVALID_ARGUMENT, what + ".rows: expected a list, got " + rows.dump());
  std::set<Key> seen;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::string where = what + ".rows[" + std::to_string(i) + "]";
    t.rows_.push_back(read_row(JsonFields(rows[i], kRowFields, where).require_object(where), where, t.version_));
    if (!seen.insert(key_of(t.rows_.back())).second) {
      throw Error(ErrorCode::INVALID_ARGUMENT, where + ": a second row for " + quoted(t.rows_.back().label()));
    }
  }
  t.reindex();
  return t;
}

OsLifecycleTable OsLifecycleTable::with(const OsLifecycleTable& overrides) const {
  OsLifecycleTable out = *this;
  out.version_ = version_ + "+" + overrides.version_;
  for (const auto& [alias, os] : overrides.aliases_) out.aliases_[alias] = os;
  for (const OsLifecycleRow& row : overrides.rows_) {
    const Key key = key_of(row);
    bool replaced = false;
    for (OsLifecycleRow& mine : out.rows_) {
      if (key_of(mine) == key) {
        mine = row;
        replaced = true;
        break;
      }
    }
    if (!replaced) out.rows_.push_back(row);
  }
  out.reindex();
  return out;
}

std::string OsLifecycleTable::canonical_os(std::string_view os) const {
  std::string n = normalised(os);
  if (const auto it = aliases_.find(n); it != aliases_.end()) return it->second;
  return n;
}

void OsLifecycleTable::reindex() {
  by_version_.clear();
  products_.clear();
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    by_version_[{normalised(rows_[i].os), normalised(rows_[i].version)}].push_back(i);
    products_.insert(normalised(rows_[i].os));
  }
}

std::vector<const OsLifecycleRow*> OsLifecycleTable::rows_of(const std::string& canonical, std::string_view version) const {
  std::vector<const OsLifecycleRow*> out;
  if (const auto it = by_version_.find({canonical, normalised(version)}); it != by_version_.end()) {
    for (const std::size_t i : it->second) out.push_back(&rows_[i]);
  }
  return out;
}

bool OsLifecycleTable::knows(const std::string& canonical) const { return products_.count(canonical) != 0; }

std::string OsLifecycleTable::to_json() const {
  json rows = json::array();
  for (const OsLifecycleRow& r : rows_) {
    rows.push_back({{"os", r.os},
                    {"version", r.version},
                    {"edition", r.edition},
                    {"mainstream_end", date_json(r.mainstream_end)},
                    {"support_end", date_json(r.support_end)},
                    {"extension", r.extension.empty() ? json(nullptr) : json(r.extension)},
                    {"extension_end", date_json(r.extension_end)},
                    {"estimate", r.estimate},
                    {"source", r.source},
                    {"note", r.note},
                    {"table", r.table}});
  }
  return json{{"version", version_}, {"aliases", aliases_}, {"rows", rows}}.dump();
}

}  // namespace v1
}  // namespace mspcore
