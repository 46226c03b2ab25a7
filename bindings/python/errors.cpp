#include "bindings.hpp"

#include <mspcore/core/error.hpp>

#include <cctype>
#include <map>
#include <string>

namespace mspcore::python {
namespace {

// Exception classes by status code, created once from the table in mspcore/status.def.
std::map<int, py::object>& classes() {
  static auto* table = new std::map<int, py::object>();  // lives as long as the interpreter
  return *table;
}

// UNKNOWN_TIME_ZONE -> UnknownTimeZoneError; PARSE_ERROR -> ParseError.
std::string class_name(std::string_view code) {
  if (code.size() > 6 && code.substr(code.size() - 6) == "_ERROR") code.remove_suffix(6);
  std::string out;
  bool upper = true;
  for (char c : code) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out += upper ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    upper = false;
  }
  return out + "Error";
}

py::object builtin_base(std::string_view group) {
  py::module_ builtins = py::module_::import("builtins");
  if (group == "VALUE") return builtins.attr("ValueError");
  if (group == "LOOKUP") return builtins.attr("LookupError");
  if (group == "ARITHMETIC") return builtins.attr("ArithmeticError");
  if (group == "MEMORY") return builtins.attr("MemoryError");
  if (group == "TYPE") return builtins.attr("TypeError");
  if (group == "PERMISSION") return builtins.attr("PermissionError");
  return builtins.attr("RuntimeError");
}

}  // namespace

void raise_error(int code, const std::string& message, std::int64_t row) {
  auto it = classes().find(code);
  py::object cls = it != classes().end() ? it->second : classes().at(static_cast<int>(ErrorCode::INTERNAL));
  py::object instance = cls(message);
  instance.attr("code") = code;
  instance.attr("row") = row < 0 ? py::none() : py::object(py::int_(row));
  PyErr_SetObject(cls.ptr(), instance.ptr());
}

void bind_errors(py::module_& m) {
  py::object base = py::reinterpret_steal<py::object>(PyErr_NewExceptionWithDoc(
      "mspcore.Error", "Base class of every mspcore error; .code is the status code, .row the batch row or None.",
      PyExc_Exception, nullptr));
  base.attr("code") = static_cast<int>(ErrorCode::INTERNAL);
  base.attr("row") = py::none();
  m.attr("Error") = base;
  py::list table;
#define MSP_STATUS(name, value, group, text)                                                     \
  if (value != 0) {                                                                               \
    const std::string cls_name = class_name(#name);                                               \
    py::tuple bases = py::make_tuple(base, builtin_base(#group));                                 \
    py::dict attrs;                                                                               \
    attrs["__doc__"] = text;                                                                      \
    attrs["__module__"] = "mspcore";                                                              \
    attrs["code"] = value;                                                                        \
    py::object cls = py::reinterpret_borrow<py::object>((PyObject*)&PyType_Type)(cls_name, bases, attrs); \
    m.attr(cls_name.c_str()) = cls;                                                               \
    classes()[value] = cls;                                                                       \
  }                                                                                               \
  table.append(py::make_tuple(#name, value, #group, text, value == 0 ? "" : class_name(#name)));
#include <mspcore/status.def>
  m.attr("STATUS_TABLE") = table;

  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const Error& e) {
      raise_error(static_cast<int>(e.code()), e.what(), e.row());
    }
  });
  m.def("_raise",
        [](int code, const std::string& message, std::int64_t row) {
          throw Error(static_cast<ErrorCode>(code), message, row);
        },
        py::arg("code"), py::arg("message"), py::arg("row") = -1,
        "Raise the mspcore exception of a status code (used by the pure-Python layer and tests).");
}

}  // namespace mspcore::python
