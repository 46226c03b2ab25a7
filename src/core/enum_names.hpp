// Private: enums read from their snake_case names (the `parse_<enum>` functions).
#pragma once

#include <mspcore/core/error.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace mspcore {
inline namespace v1 {
namespace detail {

/// The enum whose value is the index of `text` in `names`, or Error(INVALID_ARGUMENT)
/// "unknown <what> 'text' (known: a, b, ...)".
template <class Enum, std::size_t N>
Enum parse_enum_name(std::string_view text, const std::array<std::string_view, N>& names, const char* what) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == text) return static_cast<Enum>(i);
  }
  std::string known;
  for (std::string_view n : names) known += (known.empty() ? "" : ", ") + std::string(n);
  throw Error(ErrorCode::INVALID_ARGUMENT,
              std::string("unknown ") + what + " " + quoted(text) + " (known: " + known + ")");
}

}  // namespace detail
}  // namespace v1
}  // namespace mspcore
