#include "bindings.hpp"

#include <mspcore/core/error.hpp>
#include <mspcore/security/cvss.hpp>

#include <pybind11/numpy.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore::python {
namespace {

// The dict keys and the few string values, created once and interned (they live as long as
// the interpreter), so that a result dict costs six float objects and nothing else.
struct Names {
  PyObject* version;
  PyObject* base;
  PyObject* temporal;
  PyObject* environmental;
  PyObject* score;
  PyObject* severity;
  PyObject* versions[3];    // "3.0", "3.1", "4.0"
  PyObject* severities[5];  // "None" .. "Critical"
  PyObject* shape;          // {"version": None, ..., "severity": None}
};

const Names& names() {
  static const Names n = [] {
    const auto intern = [](std::string_view s) {
      PyObject* o = PyUnicode_InternFromString(std::string(s).c_str());
      if (o == nullptr) throw py::error_already_set();
      return o;
    };
    Names out{};
    out.version = intern("version");
    out.base = intern("base");
    out.temporal = intern("temporal");
    out.environmental = intern("environmental");
    out.score = intern("score");
    out.severity = intern("severity");
    const CvssVersion versions[] = {CvssVersion::V3_0, CvssVersion::V3_1, CvssVersion::V4_0};
    for (int i = 0; i < 3; ++i) out.versions[i] = intern(to_string(versions[i]));
    for (int i = 0; i < 5; ++i) out.severities[i] = intern(to_string(static_cast<CvssSeverity>(i)));
    // A dict with the six keys in order: copying it is cheaper than growing a new one.
    out.shape = PyDict_New();
    if (out.shape == nullptr) throw py::error_already_set();
    for (PyObject* key : {out.version, out.base, out.temporal, out.environmental, out.score, out.severity})
      if (PyDict_SetItem(out.shape, key, Py_None) != 0) throw py::error_already_set();
    return out;
  }();
  return n;
}

// Tenths as a float: the double nearest to x.y, the same as the literal x.y; None if empty.
py::object tenths(std::optional<int> t) {
  if (!t) return py::none();
  return py::reinterpret_steal<py::object>(PyFloat_FromDouble(*t / 10.0));
}

py::dict scores_dict(const CvssScores& s) {
  const Names& n = names();
  auto d = py::reinterpret_steal<py::dict>(PyDict_Copy(n.shape));
  if (!d) throw py::error_already_set();
  const auto set = [&](PyObject* key, PyObject* value) {
    if (PyDict_SetItem(d.ptr(), key, value) != 0) throw py::error_already_set();
  };
  const int version = s.version == CvssVersion::V3_0 ? 0 : s.version == CvssVersion::V3_1 ? 1 : 2;
  set(n.version, n.versions[version]);
  set(n.base, tenths(s.base_tenths).ptr());
  set(n.temporal, tenths(s.temporal_tenths).ptr());
  set(n.environmental, tenths(s.environmental_tenths).ptr());
  set(n.score, tenths(s.score_tenths).ptr());
  set(n.severity, n.severities[static_cast<int>(s.severity())]);
  return d;
}

// The rows of a batch as UTF-8 views, gathered with the GIL held; a row that is not text
// (None, NaN, a number) is a view with a null data pointer. `keep` owns whatever the views
// point into, so they stay valid while the GIL is released.
struct Rows {
  std::vector<std::string_view> text;
  std::string buffer;  // numpy fixed-width unicode, narrowed to bytes
  py::object keep;
};

constexpr auto kInvalid = static_cast<std::int32_t>(ErrorCode::INVALID_ARGUMENT);

void add_object(Rows& rows, PyObject* item) {
  if (PyUnicode_Check(item)) {
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(item, &size);  // cached in the str: no copy for ASCII
    if (data == nullptr) {  // e.g. a lone surrogate: not UTF-8, so not a CVSS vector either
      PyErr_Clear();
      rows.text.emplace_back("\xFF", 1);
      return;
    }
    rows.text.emplace_back(data, static_cast<std::size_t>(size));
  } else if (PyBytes_Check(item)) {
    rows.text.emplace_back(PyBytes_AS_STRING(item), static_cast<std::size_t>(PyBytes_GET_SIZE(item)));
  } else {
    rows.text.emplace_back();  // data() == nullptr: not a string
  }
}

Rows gather(const py::object& vectors) {
  Rows rows;
  if (py::isinstance<py::str>(vectors) || py::isinstance<py::bytes>(vectors)) {
    throw Error(ErrorCode::INVALID_TYPE, "cvss_score_many expects a sequence of vector strings, not a single string; use cvss_score");
  }
  if (py::isinstance<py::list>(vectors) || py::isinstance<py::tuple>(vectors)) {
    // A tuple owns references to every item, so the views stay valid with the GIL released.
    py::tuple items = py::reinterpret_steal<py::tuple>(PySequence_Tuple(vectors.ptr()));
    if (!items) throw py::error_already_set();
    rows.text.reserve(items.size());
    for (const py::handle item : items) add_object(rows, item.ptr());
    rows.keep = std::move(items);
    return rows;
  }
  // numpy arrays, pandas Series / Index, anything array-like.
  py::array array = py::module_::import("numpy").attr("asarray")(vectors);
  if (array.ndim() != 1) {
    throw Error(ErrorCode::INVALID_ARGUMENT,
                "cvss_score_many expects a 1-D column of vectors, got " + std::to_string(array.ndim()) + " dimensions");
  }
  const auto n = static_cast<std::size_t>(array.shape(0));
  const char kind = array.dtype().kind();
  rows.text.reserve(n);
  if (kind == 'O') {
    py::tuple items = py::reinterpret_steal<py::tuple>(PySequence_Tuple(array.ptr()));
    if (!items) throw py::error_already_set();
    for (const py::handle item : items) add_object(rows, item.ptr());
    rows.keep = std::move(items);
  } else if (kind == 'U' || kind == 'S') {
    // Fixed-width, NUL-padded. Unicode (UCS-4) is narrowed to bytes: CVSS vectors are ASCII, so
    // any other character becomes 0xFF, which no metric or value contains.
    py::array contiguous = py::array::ensure(array, py::array::c_style);
    const auto item = static_cast<std::size_t>(contiguous.itemsize());
    const auto* raw = static_cast<const unsigned char*>(contiguous.data());
    if (kind == 'S') {
      for (std::size_t i = 0; i < n; ++i) {
        const char* s = reinterpret_cast<const char*>(raw + i * item);
        std::size_t len = item;
        while (len > 0 && s[len - 1] == '\0') --len;
        rows.text.emplace_back(s, len);
      }
      rows.keep = std::move(contiguous);
    } else {
      const std::size_t width = item / 4;
      rows.buffer.resize(n * width);
      for (std::size_t i = 0; i < n; ++i) {
        const unsigned char* src = raw + i * item;
        const auto code = [&](std::size_t k) {
          std::uint32_t c = 0;
          std::memcpy(&c, src + 4 * k, 4);
          return c;
        };
        std::size_t len = width;
        while (len > 0 && code(len - 1) == 0) --len;  // the NUL padding
        char* dst = rows.buffer.data() + i * width;
        for (std::size_t k = 0; k < len; ++k) {
          const std::uint32_t c = code(k);
          dst[k] = c < 128 ? static_cast<char>(c) : '\xFF';
        }
        rows.text.emplace_back(dst, len);
      }
    }
  } else {
    throw Error(ErrorCode::INVALID_TYPE, "cvss_score_many expects strings, got an array of dtype " +
                         std::string(py::str(array.dtype())));
  }
  return rows;
}

}  // namespace

void bind_security(py::module_& m) {
  m.def(
      "cvss_score",
      [](const py::handle& vector) {
        // The str itself, not pybind11's std::string_view caster, which registers a keep-alive
        // per call; the caller keeps the argument alive for the duration of the call anyway.
        if (!PyUnicode_Check(vector.ptr())) {
          throw Error(ErrorCode::INVALID_TYPE, "cvss_score expects a str, not " +
                               std::string(py::str(py::type::of(vector).attr("__name__"))));
        }
        Py_ssize_t size = 0;
        const char* data = PyUnicode_AsUTF8AndSize(vector.ptr(), &size);
        if (data == nullptr) throw py::error_already_set();
        return scores_dict(cvss_score(std::string_view(data, static_cast<std::size_t>(size))));
      },
      py::arg("vector"),
      R"doc(Parse and score a CVSS v3.0, v3.1 or v4.0 vector string.

Returns a dict: "version" ("3.0", "3.1" or "4.0"); "base"; "temporal" and "environmental"
(v3.x only, else None); "score"; "severity" ("None", "Low", "Medium", "High", "Critical") of
"score". Numbers are floats with one decimal (9.8), computed exactly.

"score" is the score to use: for v4.0 the score of the vector as given (CVSS-B, -BT, -BE or
-BTE; "base" is then the score of the base metrics alone); for v3.x the most specific score
the vector defines: environmental if any environmental metric is given a value other than X,
else temporal if any temporal metric is, else base.

A malformed vector raises mspcore.ParseError (a ValueError) naming the problem.)doc");

  m.def(
      "cvss_score_many",
      [](const py::object& vectors) {
        Rows rows = gather(vectors);
        const auto n = static_cast<py::ssize_t>(rows.text.size());
        py::array_t<double> scores(n);
        py::array_t<std::int32_t> status(n);
        double* out = scores.mutable_data();
        std::int32_t* st = status.mutable_data();
        {
          py::gil_scoped_release release;
          constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
          for (std::size_t i = 0; i < rows.text.size(); ++i) {
            if (rows.text[i].data() == nullptr) {
              out[i] = kNaN;
              st[i] = kInvalid;
              continue;
            }
            ErrorCode code = ErrorCode::OK;
            const std::int32_t t = cvss_try_score(rows.text[i], &code);
            out[i] = code == ErrorCode::OK ? t / 10.0 : kNaN;
            st[i] = static_cast<std::int32_t>(code);
          }
        }
        return py::make_tuple(scores, status);
      },
      py::arg("vectors"),
      R"doc(Score a column of CVSS vectors (list or tuple of str, numpy array of str/bytes/object, pandas Series).

Returns (scores, status): a float64 array of the "score" of each vector (as cvss_score) with
NaN where the row is invalid, and an int32 array of status codes (0 OK, mspcore.ParseError.code
for a malformed vector, mspcore.InvalidArgumentError.code for a row that is not a string, such
as None or NaN). Never raises for a bad row; the scoring runs with the GIL released.)doc");
}

}  // namespace mspcore::python
