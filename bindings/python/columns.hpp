// Private to the extension: numpy columns as spans, without copies when the dtype already fits.
#pragma once

#include <pybind11/numpy.h>

#include <span>

namespace mspcore::python {

namespace py = pybind11;

template <class T>
using Column = py::array_t<T, py::array::c_style | py::array::forcecast>;

template <class T>
std::span<const T> view(const Column<T>& a) {
  return {a.data(), static_cast<std::size_t>(a.size())};
}

template <class T>
std::span<T> view_mut(py::array_t<T>& a) {
  return {a.mutable_data(), static_cast<std::size_t>(a.size())};
}

}  // namespace mspcore::python
