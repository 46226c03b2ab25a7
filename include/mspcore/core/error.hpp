/// @file error.hpp
/// @brief The C++ side of the one error model: mspcore::Error with a code.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace mspcore {
inline namespace v1 {

/// Status codes, from the one table mspcore/status.def (as msp_status in the C header, whose
/// values the C ABI checks against these at compile time).
enum class ErrorCode : int {
#define MSP_STATUS(name, value, group, text) name = value,
#include <mspcore/status.def>
};

/// Stable upper-case name of a code ("UNKNOWN_TIME_ZONE").
std::string_view error_code_name(ErrorCode code) noexcept;

/// One-line description of a code.
std::string_view error_code_description(ErrorCode code) noexcept;

/// The one exception type of mspcore. The message names the bad value and,
/// where it applies, the row of a batch input it came from.
class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message, std::int64_t row = -1)
      : std::runtime_error(message), code_(code), row_(row) {}

  ErrorCode code() const noexcept { return code_; }
  /// 0-based row of a batch input, or -1.
  std::int64_t row() const noexcept { return row_; }

 private:
  ErrorCode code_;
  std::int64_t row_;
};

/// Quote a user value for an error message: 'value', shortened when very long.
std::string quoted(std::string_view value);
/// Overloads that win over std::quoted, which argument-dependent lookup also finds.
inline std::string quoted(const std::string& value) { return quoted(std::string_view(value)); }
inline std::string quoted(const char* value) { return quoted(std::string_view(value)); }

}  // namespace v1
}  // namespace mspcore
