#include <mspcore/records/field_reader.hpp>

#include <cmath>
#include <string>

namespace mspcore {
inline namespace v1 {

namespace {

bool is_midnight(Instant t) { return t == std::chrono::floor<std::chrono::days>(t); }

// An instant given as text: "YYYY-MM-DD" is midnight UTC, else ISO-8601 with an offset.
Instant instant_of_text(std::string_view text) {
  if (text.size() == 10) return Instant(parse_date(text));
  return parse_instant(text);
}

}  // namespace

Error unknown_field(const std::string& where, std::string_view key, FieldNames names) {
  std::string list;
  for (std::string_view k : names) list += (list.empty() ? "" : ", ") + std::string(k);
  return Error(ErrorCode::INVALID_ARGUMENT, where + ": unknown key " + quoted(key) + " (known: " + list + ")");
}

std::string record_where(const char* table, std::size_t index) {
  return std::string(table) + "[" + std::to_string(index) + "]";
}

Error not_a_record(const std::string& where, const std::string& described, std::int64_t row) {
  return Error(ErrorCode::INVALID_ARGUMENT, where + ": expected an object, got " + described, row);
}

std::string FieldReader::where() const {
  if (describe_) return describe_();
  if (table_ != nullptr) return record_where(table_, static_cast<std::size_t>(row_));
  return where_;
}

std::string FieldReader::at(std::size_t field) const {
  return field == Fields::kSelf ? where() : where() + "." + std::string(names_[field]);
}

void FieldReader::require(std::size_t field) const {
  if (has(field)) return;
  throw error(ErrorCode::INVALID_ARGUMENT,
              field == Fields::kSelf ? where() + " is missing"
                                     : where() + ": " + std::string(names_[field]) + " is missing");
}

void FieldReader::wrong(std::size_t field, ErrorCode code, const char* expected) const {
  throw error(code, at(field) + ": expected " + expected + ", got " + fields_.describe(field));
}

std::string_view FieldReader::text(std::size_t field) const {
  require(field);
  if (fields_.kind(field) != FieldKind::Text) wrong(field, ErrorCode::INVALID_ARGUMENT, "a string");
  return fields_.text(field);
}

std::string FieldReader::required_text(std::size_t field) const {
  std::string value(text(field));
  if (value.empty()) throw error(ErrorCode::INVALID_ARGUMENT, at(field) + " must not be empty");
  return value;
}

std::int64_t FieldReader::whole(std::size_t field) const {
  require(field);
  switch (fields_.kind(field)) {
    case FieldKind::Whole:
      return fields_.whole(field);
    case FieldKind::Float: {
      // 2^63 is the first double past int64; every whole double below it converts exactly.
      const double v = fields_.number(field);
      if (std::isfinite(v) && v == std::trunc(v) && v >= -9223372036854775808.0 && v < 9223372036854775808.0) {
        return static_cast<std::int64_t>(v);
      }
      break;
    }
    default:
      break;
  }
  wrong(field, ErrorCode::INVALID_ARGUMENT, "a whole number");
}

Decimal FieldReader::decimal(std::size_t field) const {
  require(field);
  std::string exact;
  switch (fields_.kind(field)) {
    case FieldKind::Whole:
      return Decimal(fields_.whole(field));
    case FieldKind::Text:
      exact = std::string(fields_.text(field));
      break;
    case FieldKind::Exact:
      exact = fields_.decimal(field);
      break;
    case FieldKind::Float: {
      const std::string v = fields_.describe(field);
      throw error(ErrorCode::INVALID_TYPE, at(field) + ": " + v +
                                               " is a binary floating-point number; money must be exact: write it "
                                               "as a string (\"" + v + "\")");
    }
    default:
      wrong(field, ErrorCode::INVALID_TYPE, "a decimal string");
  }
  try {
    return Decimal::parse(exact);
  } catch (const Error& e) {
    throw error(e.code(), at(field) + ": " + e.what());
  }
}

bool FieldReader::flag(std::size_t field) const {
  require(field);
  if (fields_.kind(field) != FieldKind::Flag) wrong(field, ErrorCode::INVALID_ARGUMENT, "true or false");
  return fields_.flag(field);
}

std::chrono::sys_days FieldReader::date(std::size_t field) const {
  require(field);
  switch (fields_.kind(field)) {
    case FieldKind::Date:
      return fields_.date(field);
    case FieldKind::Text:
      try {
        return parse_date(fields_.text(field));
      } catch (const Error& e) {
        throw error(e.code(), at(field) + ": " + e.what());
      }
    case FieldKind::DateTime:
    case FieldKind::NaiveDateTime: {
      const Instant t = fields_.instant(field);
      if (!is_midnight(t)) {
        throw error(ErrorCode::INVALID_ARGUMENT, at(field) + ": " + fields_.describe(field) +
                                                     " is not a date: it has a time of day");
      }
      return std::chrono::floor<std::chrono::days>(t);
    }
    default:
      wrong(field, ErrorCode::INVALID_ARGUMENT, "a date 'YYYY-MM-DD'");
  }
}

Instant FieldReader::instant(std::size_t field) const {
  require(field);
  switch (fields_.kind(field)) {
    case FieldKind::DateTime:
      return fields_.instant(field);
    case FieldKind::Date:
      return Instant(fields_.date(field));
    case FieldKind::Text:
      try {
        return instant_of_text(fields_.text(field));
      } catch (const Error& e) {
        throw error(e.code(), at(field) + ": " + e.what());
      }
    case FieldKind::NaiveDateTime:
      throw error(ErrorCode::NAIVE_DATETIME, at(field) + ": " + fields_.describe(field) +
                                                 " has no time zone: give it one (mspcore never guesses a zone)");
    default:
      wrong(field, ErrorCode::INVALID_ARGUMENT, "an ISO-8601 instant");
  }
}

}  // namespace v1
}  // namespace mspcore
