/// @file rounding.hpp
/// @brief Rounding modes: always an explicit argument, never implied.
#pragma once

#include <mspcore.h>

#include <string_view>

namespace mspcore {
inline namespace v1 {

/// How a value that does not fit the target scale is rounded (values match msp_rounding).
enum class RoundingMode : int {
  HalfEven = MSP_ROUNDING_HALF_EVEN,  ///< nearest, ties to even (banker's); the invoice default
  HalfUp = MSP_ROUNDING_HALF_UP,      ///< nearest, ties away from zero
  HalfDown = MSP_ROUNDING_HALF_DOWN,  ///< nearest, ties toward zero
  Up = MSP_ROUNDING_UP,               ///< away from zero
  Down = MSP_ROUNDING_DOWN,           ///< toward zero
  Ceiling = MSP_ROUNDING_CEILING,     ///< toward +infinity
  Floor = MSP_ROUNDING_FLOOR,         ///< toward -infinity
  Unnecessary = MSP_ROUNDING_UNNECESSARY  ///< exact only; else Error(ROUNDING_NECESSARY)
};

/// Parse "half_even", "half_up", "half_down", "up", "down", "ceiling", "floor", "unnecessary".
/// Throws Error(INVALID_ARGUMENT) naming the text otherwise.
RoundingMode parse_rounding_mode(std::string_view text);

/// The snake_case name accepted by parse_rounding_mode().
std::string_view rounding_mode_name(RoundingMode mode) noexcept;

/// RoundingMode from a C enum value; throws Error(INVALID_ARGUMENT) for values outside the enum.
RoundingMode rounding_mode_from_int(int value);

}  // namespace v1
}  // namespace mspcore
