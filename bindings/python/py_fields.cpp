#include "py_fields.hpp"

#include <mspcore/core/error.hpp>
#include <mspcore/records/field_reader.hpp>

#include <nlohmann/json.hpp>

#include <datetime.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>

namespace mspcore::python {
namespace {

constexpr std::int64_t kNaT = std::numeric_limits<std::int64_t>::min();

// Types classify() recognises beyond the built-ins; pandas' only when it is loaded (looked up
// once per table, as a caller may import pandas after mspcore).
struct Types {
  PyObject* decimal = nullptr;
  PyObject* nat = nullptr;  // type(pandas.NaT): a datetime subclass, so tested first
  PyObject* na = nullptr;   // type(pandas.NA)
  PyObject* datetime64 = nullptr;
  PyObject* numpy_bool = nullptr;
};
Types& types() {
  static Types t;
  return t;
}

void load_types() {
  if (PyDateTimeAPI == nullptr) PyDateTime_IMPORT;
  Types& t = types();
  if (t.decimal == nullptr) t.decimal = py::object(py::module_::import("decimal").attr("Decimal")).release().ptr();
  if (t.datetime64 == nullptr) {
    const py::module_ np = py::module_::import("numpy");
    t.datetime64 = py::object(np.attr("datetime64")).release().ptr();
    t.numpy_bool = py::object(np.attr("bool_")).release().ptr();
  }
  if (t.nat == nullptr) {
    const py::dict modules = py::module_::import("sys").attr("modules");
    if (modules.contains("pandas")) {
      const py::object pd = modules["pandas"];
      t.nat = reinterpret_cast<PyObject*>(Py_TYPE(pd.attr("NaT").ptr()));
      t.na = reinterpret_cast<PyObject*>(Py_TYPE(pd.attr("NA").ptr()));
      Py_INCREF(t.nat);
      Py_INCREF(t.na);
    }
  }
}

std::int64_t days_of(int y, int m, int d) {
  return std::chrono::sys_days(std::chrono::year(y) / m / d).time_since_epoch().count();
}

// Unix seconds of a datetime's fields (microseconds truncated), minus its UTC offset when aware.
PyValue datetime_value(PyObject* v) {
  PyValue out{FieldKind::NaiveDateTime, v, 0, 0, {}};
  out.whole = days_of(PyDateTime_GET_YEAR(v), PyDateTime_GET_MONTH(v), PyDateTime_GET_DAY(v)) * 86400 +
              PyDateTime_DATE_GET_HOUR(v) * 3600 + PyDateTime_DATE_GET_MINUTE(v) * 60 + PyDateTime_DATE_GET_SECOND(v);
  const py::object offset = py::reinterpret_borrow<py::object>(v).attr("utcoffset")();
  if (!offset.is_none()) {
    out.kind = FieldKind::DateTime;
    out.whole -= PyDateTime_DELTA_GET_DAYS(offset.ptr()) * 86400LL + PyDateTime_DELTA_GET_SECONDS(offset.ptr());
  }
  return out;
}

// Binds a dict's values to `names`; a key that is not a name is an error naming `where`.
void bind_dict(PyObject* dict, FieldNames names, const std::string& where, const std::vector<py::object>* keys,
               std::vector<PyValue>& out) {
  out.assign(names.size(), PyValue{});
  Py_ssize_t found = 0;
  for (std::size_t f = 0; f < names.size(); ++f) {
    PyObject* v = keys != nullptr ? PyDict_GetItem(dict, (*keys)[f].ptr())
                                  : PyDict_GetItemString(dict, std::string(names[f]).c_str());
    if (v != nullptr) {
      out[f] = classify(v);
      ++found;
    }
  }
  if (found == PyDict_Size(dict)) return;
  PyObject* key = nullptr;
  PyObject* value = nullptr;
  Py_ssize_t pos = 0;
  while (PyDict_Next(dict, &pos, &key, &value)) {
    const std::string k = PyUnicode_Check(key) ? py::str(key).cast<std::string>() : py::repr(key).cast<std::string>();
    bool known = false;
    for (std::string_view n : names) known = known || n == k;
    if (!known) throw unknown_field(where, k, names);
  }
}

std::string describe_object(PyObject* v) {
  if (v == nullptr || v == Py_None) return "nothing";
  if (PyUnicode_Check(v)) return nlohmann::json(py::str(v).cast<std::string>()).dump();
  if (PyBool_Check(v)) return v == Py_True ? "true" : "false";
  return py::repr(v).cast<std::string>();
}

}  // namespace

PyValue classify(PyObject* v) {
  const Types& t = types();
  PyValue out{FieldKind::Other, v, 0, 0, {}};
  if (v == Py_None) {
    out.kind = FieldKind::Missing;
  } else if (PyUnicode_Check(v)) {
    out.kind = FieldKind::Text;
  } else if (PyBool_Check(v) || Py_TYPE(v) == reinterpret_cast<PyTypeObject*>(t.numpy_bool)) {
    out.kind = FieldKind::Flag;
    out.whole = PyObject_IsTrue(v);
  } else if (PyLong_Check(v)) {
    int overflow = 0;
    out.whole = PyLong_AsLongLongAndOverflow(v, &overflow);
    if (overflow == 0) out.kind = FieldKind::Whole;
  } else if (PyFloat_Check(v)) {
    out.number = PyFloat_AS_DOUBLE(v);
    out.kind = std::isnan(out.number) ? FieldKind::Missing : FieldKind::Float;
  } else if (t.nat != nullptr && (Py_TYPE(v) == reinterpret_cast<PyTypeObject*>(t.nat) ||
                                  Py_TYPE(v) == reinterpret_cast<PyTypeObject*>(t.na))) {
    out.kind = FieldKind::Missing;
  } else if (PyObject_IsInstance(v, t.decimal) == 1) {
    out.kind = FieldKind::Exact;
  } else if (PyDateTime_Check(v)) {
    out = datetime_value(v);
  } else if (PyDate_Check(v)) {
    out.kind = FieldKind::Date;
    out.whole = days_of(PyDateTime_GET_YEAR(v), PyDateTime_GET_MONTH(v), PyDateTime_GET_DAY(v));
  } else if (PyList_Check(v) || PyTuple_Check(v)) {
    out.kind = FieldKind::List;
  } else if (PyDict_Check(v)) {
    out.kind = FieldKind::Object;
  } else if (Py_TYPE(v) == reinterpret_cast<PyTypeObject*>(t.datetime64)) {
    // numpy's datetime64 has no zone and means UTC; NaT is missing.
    const py::object s = py::reinterpret_borrow<py::object>(v).attr("astype")("datetime64[s]").attr("astype")("int64");
    out.whole = s.cast<std::int64_t>();
    out.kind = out.whole == kNaT ? FieldKind::Missing : FieldKind::DateTime;
  } else if (PyIndex_Check(v)) {  // numpy integers
    const py::object i = py::reinterpret_steal<py::object>(PyNumber_Index(v));
    int overflow = 0;
    out.whole = i ? PyLong_AsLongLongAndOverflow(i.ptr(), &overflow) : 0;
    if (!i) PyErr_Clear();
    if (i && overflow == 0) out.kind = FieldKind::Whole;
  }
  if (out.kind == FieldKind::Other && PyErr_Occurred()) PyErr_Clear();
  return out;
}

// The types are loaded first: a record may be read before any table (a standard, options).
PyRecord::PyRecord(PyObject* object, FieldNames names, const std::string& where)
    : self_((load_types(), classify(object))), values_(names.size()) {
  if (self_.kind == FieldKind::Object) bind_dict(object, names, where, nullptr, values_);
}

std::string_view PyRecord::text(std::size_t field) const {
  if (value(field).object == nullptr) return value(field).text;  // of an Arrow column
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(value(field).object, &size);
  if (data == nullptr) {  // lone surrogates cannot be UTF-8
    PyErr_Clear();
    throw Error(ErrorCode::INVALID_ARGUMENT, "text " + describe(field) + " is not valid Unicode");
  }
  return {data, static_cast<std::size_t>(size)};
}

std::string PyRecord::decimal(std::size_t field) const {
  // format(value, "f"): positional notation, never an exponent ("1E+2" is "100").
  static PyObject* const spec = PyUnicode_InternFromString("f");
  const py::object text = py::reinterpret_steal<py::object>(PyObject_Format(value(field).object, spec));
  if (!text) throw py::error_already_set();
  return text.cast<std::string>();
}

std::chrono::sys_days PyRecord::date(std::size_t field) const {
  return std::chrono::sys_days(std::chrono::days(value(field).whole));
}

std::string PyRecord::describe(std::size_t field) const {
  const PyValue& v = value(field);
  if (v.object != nullptr) return describe_object(v.object);
  switch (v.kind) {  // an absent key, or a value of a typed numpy column
    case FieldKind::Missing:
      return "nothing";
    case FieldKind::Float:
      return py::repr(py::float_(v.number)).cast<std::string>();
    case FieldKind::Date:
      return format_date(date(field));
    case FieldKind::DateTime:
      return format_instant(instant(field));
    case FieldKind::Flag:
      return v.whole ? "true" : "false";
    case FieldKind::Text:
      return nlohmann::json(std::string(v.text)).dump();
    default:
      return std::to_string(v.whole);
  }
}

std::size_t PyRecord::size(std::size_t field) const {
  return static_cast<std::size_t>(PySequence_Fast_GET_SIZE(value(field).object));
}

std::unique_ptr<Fields> PyRecord::item(std::size_t field, std::size_t j, FieldNames names,
                                       const std::string& where) const {
  PyObject* list = value(field).object;
  return std::make_unique<PyRecord>(PySequence_Fast_GET_ITEM(list, static_cast<Py_ssize_t>(j)), names, where);
}

PyValue PyTable::Column::at(std::size_t i) const {
  PyValue v;
  if (type == 0) return v;
  if (data == nullptr && type != 'S') return classify(PyList_GET_ITEM(values.ptr(), static_cast<Py_ssize_t>(i)));  // a list
  if (type == 'S') {
    const std::size_t j = i + offset;
    if (validity != nullptr && (validity[j / 8] >> (j % 8) & 1) == 0) return v;
    v.kind = FieldKind::Text;
    v.text = std::string_view(data + offsets[j], static_cast<std::size_t>(offsets[j + 1] - offsets[j]));
    return v;
  }
  const char* item = data + static_cast<py::ssize_t>(i) * stride;
  switch (type) {
    case 'O':
      return classify(*reinterpret_cast<PyObject* const*>(item));
    case 'f':
      std::memcpy(&v.number, item, sizeof v.number);
      v.kind = std::isnan(v.number) ? FieldKind::Missing : FieldKind::Float;
      return v;
    case 'b':
      v.whole = *reinterpret_cast<const bool*>(item);
      v.kind = FieldKind::Flag;
      return v;
    default:
      std::memcpy(&v.whole, item, sizeof v.whole);
      v.kind = type == 'i' ? FieldKind::Whole
               : v.whole == kNaT ? FieldKind::Missing
               : type == 'D' ? FieldKind::Date
                             : FieldKind::DateTime;
      return v;
  }
}

PyTable::PyTable(const py::handle& table, FieldNames names, std::string name)
    : names_(names), name_(std::move(name)), columns_(names.size()) {
  load_types();
  record_.values_.resize(names.size());
  if (!PyDict_Check(table.ptr())) {
    rows_ = PyList_Check(table.ptr()) || PyTuple_Check(table.ptr()) ? py::reinterpret_borrow<py::object>(table)
                                                                     : py::list(py::reinterpret_borrow<py::object>(table));
    size_ = static_cast<std::size_t>(PySequence_Fast_GET_SIZE(rows_.ptr()));
    return;
  }
  bool first = true;
  for (const auto& [key, values] : py::reinterpret_borrow<py::dict>(table)) {
    const std::string k = py::str(key).cast<std::string>();
    std::size_t f = 0;
    while (f < names.size() && names[f] != k) ++f;
    if (f == names.size()) throw unknown_field(name_, k, names);
    Column& c = columns_[f];
    std::size_t n = 0;
    if (py::isinstance<py::tuple>(values) && py::hasattr(values, "_mspcore_arrow_text")) {
      // (length, offset, offsets int64, data uint8, validity uint8 or None): mspcore.trueup._column
      const py::tuple t = py::reinterpret_borrow<py::tuple>(values);
      n = t[0].cast<std::size_t>();
      c.offset = t[1].cast<std::size_t>();
      const auto offsets = t[2].cast<py::array_t<std::int64_t, py::array::c_style>>();
      const auto bytes = t[3].cast<py::array_t<std::uint8_t, py::array::c_style>>();
      if (static_cast<std::size_t>(offsets.size()) < c.offset + n + 1) {
        throw Error(ErrorCode::INVALID_ARGUMENT, name_ + ": column " + quoted(k) + " has too few Arrow offsets");
      }
      c.offsets = offsets.data();
      c.data = reinterpret_cast<const char*>(bytes.data());
      c.keep = {offsets, bytes};
      if (!t[4].is_none()) {
        const auto bits = t[4].cast<py::array_t<std::uint8_t, py::array::c_style>>();
        c.validity = bits.data();
        c.keep.push_back(bits);
      }
      c.type = 'S';
      c.values = py::reinterpret_borrow<py::object>(values);
    } else if (py::isinstance<py::array>(values)) {
      py::array a = py::reinterpret_borrow<py::array>(values);
      if (a.ndim() != 1) {
        throw Error(ErrorCode::INVALID_ARGUMENT, name_ + ": column " + quoted(k) + " has " + std::to_string(a.ndim()) +
                                                     " dimensions, not 1");
      }
      const char kind = a.dtype().kind();
      if (kind == 'i' || kind == 'u') {
        c.typed = a.attr("astype")("int64", py::arg("copy") = false);
        c.type = 'i';
      } else if (kind == 'f') {
        c.typed = a.attr("astype")("float64", py::arg("copy") = false);
        c.type = 'f';
      } else if (kind == 'b') {
        c.typed = a;
        c.type = 'b';
      } else if (kind == 'M') {
        // datetime64 has no zone and means UTC; whole days are dates.
        const bool days = py::str(a.dtype()).cast<std::string>() == "datetime64[D]";
        c.typed = a.attr("astype")(days ? "datetime64[D]" : "datetime64[s]", py::arg("copy") = false).attr("view")("int64");
        c.type = days ? 'D' : 'M';
      } else {
        c.typed = kind == 'O' ? a : py::array(a.attr("astype")("object"));
        c.type = 'O';
      }
      c.values = c.typed;
      c.data = static_cast<const char*>(c.typed.data());
      c.stride = c.typed.strides(0);
    } else {
      c.values = PyList_Check(values.ptr()) ? py::reinterpret_borrow<py::object>(values) : py::list(py::reinterpret_borrow<py::object>(values));
      c.type = 'O';
    }
    if (c.type != 'S') {
      n = PyList_Check(c.values.ptr()) ? static_cast<std::size_t>(PyList_GET_SIZE(c.values.ptr()))
                                       : static_cast<std::size_t>(c.typed.size());
    }
    if (!first && n != size_) {
      throw Error(ErrorCode::INVALID_ARGUMENT, name_ + ": column " + quoted(k) + " has " + std::to_string(n) +
                                                   " values, the columns before it " + std::to_string(size_));
    }
    size_ = n;
    first = false;
  }
}

const Fields& PyTable::row(std::size_t i) {
  if (rows_) {
    PyObject* d = PySequence_Fast_GET_ITEM(rows_.ptr(), static_cast<Py_ssize_t>(i));
    if (!PyDict_Check(d)) throw not_a_record(where(i), describe_object(d), static_cast<std::int64_t>(i));
    if (keys_.empty()) {
      for (std::string_view n : names_) keys_.push_back(py::str(n.data(), n.size()));
    }
    bind_dict(d, names_, where(i), &keys_, record_.values_);
    return record_;
  }
  for (std::size_t f = 0; f < columns_.size(); ++f) record_.values_[f] = columns_[f].at(i);
  return record_;
}

}  // namespace mspcore::python
