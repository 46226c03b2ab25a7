/// @file rounding.hpp
/// @brief Rounding modes: always an explicit argument, never implied.
#pragma once

#include <string_view>

namespace mspcore {
inline namespace v1 {

/// How a value that does not fit the target scale is rounded. The values are those of the C
/// ABI's msp_rounding (the C ABI checks that at compile time).
enum class RoundingMode : int {
  HalfEven = 0,    ///< nearest, ties to even (banker's); the invoice default
  HalfUp = 1,      ///< nearest, ties away from zero
  HalfDown = 2,    ///< nearest, ties toward zero
  Up = 3,          ///< away from zero
  Down = 4,        ///< toward zero
  Ceiling = 5,     ///< toward +infinity
  Floor = 6,       ///< toward -infinity
  Unnecessary = 7  ///< exact only; else Error(ROUNDING_NECESSARY)
};

/// Parse "half_even", "half_up", "half_down", "up", "down", "ceiling", "floor", "unnecessary".
/// Throws Error(INVALID_ARGUMENT) naming the text otherwise.
RoundingMode parse_rounding_mode(std::string_view text);

/// The snake_case name accepted by parse_rounding_mode().
std::string_view to_string(RoundingMode mode) noexcept;

/// RoundingMode from a C enum value; throws Error(INVALID_ARGUMENT) for values outside the enum.
RoundingMode rounding_mode_from_int(int value);

}  // namespace v1
}  // namespace mspcore
