/// @file version.hpp
/// @brief Library version (the macros live in mspcore/version.h; VERSION must agree, a test checks).
#pragma once

#include <mspcore/version.h>

#include <string_view>

namespace mspcore {
inline namespace v1 {

/// "MAJOR.MINOR.PATCH" of this build.
std::string_view version_string() noexcept;

}  // namespace v1
}  // namespace mspcore
