// Helpers shared by the Catch2 tests.
#pragma once

#include <mspcore/core/error.hpp>

#include <functional>
#include <string>

namespace mspcore::test {

/// The code of the Error that `f` throws (OK if it throws none); the message goes to `message`.
inline ErrorCode code_of(const std::function<void()>& f, std::string* message = nullptr) {
  try {
    f();
  } catch (const Error& e) {
    if (message) *message = e.what();
    return e.code();
  }
  return ErrorCode::OK;
}

}  // namespace mspcore::test
