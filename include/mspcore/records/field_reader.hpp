/// @file field_reader.hpp
/// @brief Typed reads of a record's fields with the one set of rules and error messages.
#pragma once

#include <mspcore/core/error.hpp>
#include <mspcore/money/decimal.hpp>
#include <mspcore/records/fields.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace mspcore {
inline namespace v1 {

/// How errors name record `index` of a table: "contracts[3]".
std::string record_where(const char* table, std::size_t index);

/// Error(INVALID_ARGUMENT) for a key no field of the record type has: "where: unknown key
/// 'qty' (known: a, b, ...)". Carriers throw it when they bind a record to its names.
Error unknown_field(const std::string& where, std::string_view key, FieldNames names);

/// Error(INVALID_ARGUMENT) for a record that is not an object: "where: expected an object, got ...".
Error not_a_record(const std::string& where, const std::string& described, std::int64_t row = -1);

/// Reads the fields of one record. Errors name the record (`where`, e.g. "contracts[3]")
/// and the field, carry the record's row, and say what was there instead:
///
/// - a required field that is missing: INVALID_ARGUMENT "where: key is missing";
/// - text: INVALID_ARGUMENT "where.key: expected a string, got 5";
/// - whole numbers: integers, or floats that are whole (pandas makes floats around NaN);
/// - decimals: text ("12.50"), integers or exact decimal objects; a float is INVALID_TYPE
///   because it is not exact;
/// - dates: "YYYY-MM-DD" text, date objects, or date-times at midnight (numpy's datetime64[D]);
/// - instants: ISO-8601 text with an offset, a date (midnight UTC), or an aware date-time; a
///   naive one is NAIVE_DATETIME: mspcore never guesses a zone.
class FieldReader {
 public:
  FieldReader(const Fields& fields, FieldNames names, std::string where, std::int64_t row = -1)
      : fields_(fields), names_(names), where_(std::move(where)), row_(row) {}

  /// Record `index` of `table`, named "table[index]" only when an error needs it: records
  /// are read by the million and almost never named.
  static FieldReader of_record(const Fields& fields, FieldNames names, const char* table, std::size_t index) {
    FieldReader r(fields, names, std::string(), static_cast<std::int64_t>(index));
    r.table_ = table;
    return r;
  }

  /// How errors name the record from here on (once its ids are known).
  void rename(std::string where) {
    where_ = std::move(where);
    describe_ = nullptr;
    table_ = nullptr;
  }
  /// The same, the name made by `describe` when an error needs it.
  void rename(std::function<std::string()> describe) { describe_ = std::move(describe); }
  std::string where() const;
  const Fields& fields() const noexcept { return fields_; }

  /// Whether the field holds a value.
  bool has(std::size_t field) const { return fields_.kind(field) != FieldKind::Missing; }

  std::string_view text(std::size_t field) const;
  std::int64_t whole(std::size_t field) const;
  Decimal decimal(std::size_t field) const;
  bool flag(std::size_t field) const;
  std::chrono::sys_days date(std::size_t field) const;
  Instant instant(std::size_t field) const;

  /// `fallback` when the field is missing, else the read.
  std::int64_t whole_or(std::size_t field, std::int64_t fallback) const { return has(field) ? whole(field) : fallback; }
  bool flag_or(std::size_t field, bool fallback) const { return has(field) ? flag(field) : fallback; }
  /// The text, or "" when the field is missing.
  std::string text_or_empty(std::size_t field) const { return has(field) ? std::string(text(field)) : std::string(); }
  /// The text; missing or "" is Error(INVALID_ARGUMENT) "where.key must not be empty".
  std::string required_text(std::size_t field) const;

  /// A name of an enumeration: `parse(text)`, whose errors get "where.key: " in front.
  template <class Parse>
  auto name(std::size_t field, Parse parse) const {
    const std::string_view value = text(field);
    try {
      return parse(value);
    } catch (const Error& e) {
      throw error(e.code(), at(field) + ": " + e.what());
    }
  }
  /// name(), or `fallback` when the field is missing.
  template <class Parse>
  auto name_or(std::size_t field, Parse parse, decltype(parse("")) fallback) const {
    return has(field) ? name(field, parse) : fallback;
  }

  /// "where.key": how messages name a field.
  std::string at(std::size_t field) const;
  /// An Error with this record's row.
  Error error(ErrorCode code, const std::string& message) const { return Error(code, message, row_); }
  std::int64_t row() const noexcept { return row_; }

 private:
  void require(std::size_t field) const;
  [[noreturn]] void wrong(std::size_t field, ErrorCode code, const char* expected) const;

  const Fields& fields_;
  FieldNames names_;
  std::string where_;
  const char* table_ = nullptr;             // with row_: "table[row]"
  std::function<std::string()> describe_;  // when set, names the record
  std::int64_t row_;
};

}  // namespace v1
}  // namespace mspcore
