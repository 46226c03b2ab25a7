/// @file fields.hpp
/// @brief The records layer: one record's fields as some carrier holds them (a JSON object,
/// a row of Python columns, a host's own rows).
///
/// Every decoder of mspcore reads its records through a FieldReader over a Fields, so JSON
/// from the C ABI, Python objects and DataFrames, and a host's rows get the same defaults,
/// rules and error messages (docs/records.md). A carrier only classifies and extracts values;
/// it decides nothing.
#pragma once

#include <mspcore/time/instant.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace mspcore {
inline namespace v1 {

/// The names of one record type's fields, in the order its decoder numbers them.
using FieldNames = std::span<const std::string_view>;

/// What a field holds, as its carrier sees it.
enum class FieldKind {
  Missing,       ///< absent, null, None, NaN, NaT, NA
  Text,          ///< a string
  Whole,         ///< an integer (not a boolean)
  Float,         ///< a binary floating-point number that is not missing
  Exact,         ///< an exact decimal object (Python's decimal.Decimal)
  Flag,          ///< a boolean
  Date,          ///< a calendar date object
  DateTime,      ///< a point in time with a zone or offset (or numpy's UTC datetime64)
  NaiveDateTime, ///< a date and time without a zone
  List,          ///< a list or tuple
  Object,        ///< a nested record (JSON object, dict)
  Other          ///< anything else
};

/// One record's fields in some carrier. The accessors are valid only for the kind they name.
class Fields {
 public:
  /// The field index that stands for the record itself as one value (list items that are
  /// scalars rather than records).
  static constexpr std::size_t kSelf = static_cast<std::size_t>(-1);

  virtual ~Fields() = default;

  virtual FieldKind kind(std::size_t field) const = 0;
  virtual std::string_view text(std::size_t field) const = 0;  ///< Text; valid while the record is
  virtual std::int64_t whole(std::size_t field) const = 0;     ///< Whole
  virtual double number(std::size_t field) const = 0;          ///< Float
  virtual std::string decimal(std::size_t field) const = 0;    ///< Exact, as its text
  virtual bool flag(std::size_t field) const = 0;              ///< Flag
  virtual std::chrono::sys_days date(std::size_t field) const = 0;  ///< Date
  /// DateTime; for NaiveDateTime the wall-clock time read as if it were UTC.
  virtual Instant instant(std::size_t field) const = 0;
  /// The value as its carrier writes it ("20.1", "\"x\"", "nothing"), for messages.
  virtual std::string describe(std::size_t field) const = 0;
  /// List: its length.
  virtual std::size_t size(std::size_t field) const = 0;
  /// List: item j as a record with `names` when it is an object (an unknown key is an error
  /// naming `where`), else as one value at kSelf.
  virtual std::unique_ptr<Fields> item(std::size_t field, std::size_t j, FieldNames names,
                                       const std::string& where) const = 0;
};

}  // namespace v1
}  // namespace mspcore
