#include <mspcore/core/error.hpp>

namespace mspcore {
inline namespace v1 {

std::string_view error_code_name(ErrorCode code) noexcept {
  switch (code) {
#define MSP_STATUS(name, value, group, text) \
  case ErrorCode::name:                      \
    return #name;
#include <mspcore/status.def>
  }
  return "UNKNOWN_STATUS";
}

std::string_view error_code_description(ErrorCode code) noexcept {
  switch (code) {
#define MSP_STATUS(name, value, group, text) \
  case ErrorCode::name:                      \
    return text;
#include <mspcore/status.def>
  }
  return "unknown status";
}

std::string quoted(std::string_view value) {
  constexpr std::size_t kMax = 80;
  std::string out = "'";
  if (value.size() > kMax) {
    // Cut on a character boundary: never inside a multi-byte UTF-8 sequence.
    std::size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
    out.append(value.substr(0, cut)).append("...");
  } else {
    out.append(value);
  }
  return out + "'";
}

}  // namespace v1
}  // namespace mspcore
