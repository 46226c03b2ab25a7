#include <mspcore/core/error.hpp>
#include <mspcore/money/rounding.hpp>

#include <array>
#include <string>
#include <utility>

namespace mspcore {
inline namespace v1 {
namespace {

constexpr std::array<std::pair<std::string_view, RoundingMode>, 8> kNames{{
    {"half_even", RoundingMode::HalfEven},
    {"half_up", RoundingMode::HalfUp},
    {"half_down", RoundingMode::HalfDown},
    {"up", RoundingMode::Up},
    {"down", RoundingMode::Down},
    {"ceiling", RoundingMode::Ceiling},
    {"floor", RoundingMode::Floor},
    {"unnecessary", RoundingMode::Unnecessary},
}};

}  // namespace

RoundingMode parse_rounding_mode(std::string_view text) {
  for (const auto& [name, mode] : kNames) {
    if (name == text) return mode;
  }
  throw Error(ErrorCode::INVALID_ARGUMENT,
              "unknown rounding mode " + quoted(text) +
                  " (expected half_even, half_up, half_down, up, down, ceiling, floor or "
                  "unnecessary)");
}

std::string_view to_string(RoundingMode mode) noexcept {
  for (const auto& [name, m] : kNames) {
    if (m == mode) return name;
  }
  return "unknown";
}

RoundingMode rounding_mode_from_int(int value) {
  if (value < static_cast<int>(RoundingMode::HalfEven) || value > static_cast<int>(RoundingMode::Unnecessary)) {
    throw Error(ErrorCode::INVALID_ARGUMENT,
                "rounding mode " + std::to_string(value) + " is not an msp_rounding value (0-7)");
  }
  return static_cast<RoundingMode>(value);
}

}  // namespace v1
}  // namespace mspcore
