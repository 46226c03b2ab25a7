// Private: data/os_lifecycle.json as it was at build time (generated from
// cmake/os_lifecycle_data.cpp.in), so the library needs no file at run time.
#pragma once

#include <string_view>

namespace mspcore::detail {
extern const std::string_view kOsLifecycleJson;
}  // namespace mspcore::detail
