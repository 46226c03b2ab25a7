// Dictionary-encoded text columns (codes into a list of str, -1 for none) as the buffers of an
// Arrow large_string array, which pandas' "str" dtype holds: the bytes are written once, on
// two threads, instead of converting the dictionary to Arrow and taking from it.
#include "bindings.hpp"

#include <pybind11/numpy.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace mspcore::python {
namespace {

using Codes = py::array_t<std::int32_t, py::array::c_style | py::array::forcecast>;

// (offsets int64[n + 1], data uint8[], validity bitmap uint8[] or None, null count).
py::tuple dictionary_strings(const Codes& codes, const py::list& dictionary) {
  const auto n = static_cast<std::size_t>(codes.size());
  std::vector<std::string_view> values;
  values.reserve(dictionary.size());
  for (const py::handle item : dictionary) {
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(item.ptr(), &size);
    if (data == nullptr) throw py::error_already_set();
    values.emplace_back(data, static_cast<std::size_t>(size));
  }
  const std::int32_t* c = codes.data();
  py::array_t<std::int64_t> offsets(static_cast<py::ssize_t>(n + 1));
  std::int64_t* o = offsets.mutable_data();
  std::int64_t total = 0, nulls = 0;
  o[0] = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (c[i] < -1 || c[i] >= static_cast<std::int64_t>(values.size())) {
      throw py::value_error("code " + std::to_string(c[i]) + " at " + std::to_string(i) + " is not in the dictionary");
    }
    if (c[i] < 0) {
      ++nulls;
    } else {
      total += static_cast<std::int64_t>(values[static_cast<std::size_t>(c[i])].size());
    }
    o[i + 1] = total;
  }
  py::array_t<std::uint8_t> data(static_cast<py::ssize_t>(total));
  py::object validity = py::none();
  std::uint8_t* bits = nullptr;
  if (nulls > 0) {
    py::array_t<std::uint8_t> v(static_cast<py::ssize_t>((n + 7) / 8));
    bits = v.mutable_data();
    std::memset(bits, 0, (n + 7) / 8);
    for (std::size_t i = 0; i < n; ++i) {
      if (c[i] >= 0) bits[i / 8] |= static_cast<std::uint8_t>(1u << (i % 8));
    }
    validity = v;
  }
  char* out = reinterpret_cast<char*>(data.mutable_data());
  {
    // The copy is most of the work (and the page faults of fresh memory): two halves.
    py::gil_scoped_release release;
    const auto copy = [&](std::size_t lo, std::size_t hi) {
      for (std::size_t i = lo; i < hi; ++i) {
        if (c[i] >= 0) {
          const std::string_view v = values[static_cast<std::size_t>(c[i])];
          std::memcpy(out + o[i], v.data(), v.size());
        }
      }
    };
    if (n < 100000 || std::thread::hardware_concurrency() < 2) {
      copy(0, n);
    } else {
      std::thread helper(copy, n / 2, n);
      copy(0, n / 2);
      helper.join();
    }
  }
  return py::make_tuple(offsets, data, validity, nulls);
}

}  // namespace

void bind_strings(py::module_& m) {
  m.def("_dictionary_strings", &dictionary_strings, py::arg("codes"), py::arg("dictionary"),
        "Arrow large_string buffers (offsets, data, validity or None, null count) of codes into a list of str.");
}

}  // namespace mspcore::python
