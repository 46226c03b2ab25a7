// Private to the extension: Python objects as carriers of records (mspcore/records/fields.hpp).
// A table is a dict of columns (numpy arrays or lists; what a DataFrame becomes) or a
// sequence of dicts. The records layer's decoders read it; nothing is decided here.
#pragma once

#include "bindings.hpp"

#include <mspcore/records/fields.hpp>

#include <pybind11/numpy.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace mspcore::python {

/// One Python value, classified once.
struct PyValue {
  FieldKind kind = FieldKind::Missing;
  PyObject* object = nullptr;  // borrowed; null for values of a typed numpy column
  std::int64_t whole = 0;      // Whole, Flag (0/1); Date: days; Instant, NaiveInstant: Unix seconds
  double number = 0;           // Float
  std::string_view text;       // Text of an Arrow string column (object is null)
};

/// The kind and value of a Python object (None, NaN, pandas NaT/NA are missing).
PyValue classify(PyObject* object);

/// A record of Python values: a dict bound to `names`, a row of columns, or one value at
/// Fields::kSelf (a list item that is not a dict).
class PyRecord final : public Fields {
 public:
  PyRecord() = default;
  /// `object` as one value and, when it is a dict, as a record of `names` (an unknown key is
  /// an error naming `where`).
  PyRecord(PyObject* object, FieldNames names, const std::string& where);

  FieldKind kind(std::size_t field) const override { return value(field).kind; }
  std::string_view text(std::size_t field) const override;
  std::int64_t whole(std::size_t field) const override { return value(field).whole; }
  double number(std::size_t field) const override { return value(field).number; }
  std::string decimal(std::size_t field) const override;
  bool flag(std::size_t field) const override { return value(field).whole != 0; }
  std::chrono::sys_days date(std::size_t field) const override;
  Instant instant(std::size_t field) const override { return from_unix_seconds(value(field).whole); }
  std::string describe(std::size_t field) const override;
  std::size_t size(std::size_t field) const override;
  std::unique_ptr<Fields> item(std::size_t field, std::size_t j, FieldNames names,
                               const std::string& where) const override;

 private:
  friend class PyTable;
  const PyValue& value(std::size_t field) const { return field == kSelf ? self_ : values_[field]; }
  PyValue self_;
  std::vector<PyValue> values_;  // by field index
};

/// A table of records from Python, read row by row.
class PyTable {
 public:
  /// `table` is a dict of columns (numpy arrays or lists, all of one length) or a sequence
  /// of dicts; `name` ("contracts") names it in errors. Unknown columns or keys are errors.
  PyTable(const py::handle& table, FieldNames names, std::string name);
  std::size_t size() const noexcept { return size_; }
  /// Row i as a record; valid until the next call.
  const Fields& row(std::size_t i);
  /// "contracts[i]"
  std::string where(std::size_t i) const { return name_ + "[" + std::to_string(i) + "]"; }
  /// Whether it is a dict of columns (else a sequence of dicts).
  bool columnar() const noexcept { return !rows_; }

 private:
  struct Column {
    py::object values;  // a list or an object array, or
    py::array typed;    // int64, float64, bool, or datetime64 as int64 seconds
    char type = 0;      // 'O' (objects), 'i', 'f', 'b', 'D' (dates: days), 'M' (instants: seconds),
                        // 'S' (Arrow large_string buffers), 0 = absent
    const char* data = nullptr;  // of `typed`, read by the million: no checked indexing per value
    py::ssize_t stride = 0;
    // 'S': the buffers of an Arrow large_string array (a pandas "str" column) read in place.
    const std::int64_t* offsets = nullptr;
    const std::uint8_t* validity = nullptr;  // null: no missing values
    std::size_t offset = 0;                  // the array's first element in its buffers
    std::vector<py::object> keep;            // the buffers' owners
    PyValue at(std::size_t i) const;
  };


  FieldNames names_;
  std::string name_;
  std::size_t size_ = 0;
  py::object rows_;             // a sequence of dicts, or
  std::vector<Column> columns_;  // one per name
  std::vector<py::object> keys_;  // the names as str, for dict lookups
  PyRecord record_;
};

}  // namespace mspcore::python
