#include <mspcore/core/version.hpp>

namespace mspcore {
inline namespace v1 {

#define MSP_STR2_(x) #x
#define MSP_STR_(x) MSP_STR2_(x)

std::string_view version_string() noexcept {
  return MSP_STR_(MSP_VERSION_MAJOR) "." MSP_STR_(MSP_VERSION_MINOR) "." MSP_STR_(MSP_VERSION_PATCH);
}

}  // namespace v1
}  // namespace mspcore
