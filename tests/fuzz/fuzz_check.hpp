// What every harness checks after a call: a status from the table, never INTERNAL (that is an
// exception the library did not expect: a bug), and on failure a message that says something.
#pragma once

#include <mspcore.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace fuzz {

inline void check(msp_status status, const msp_error& err, const char* call) {
  if (status == MSP_STATUS_OK) return;
  const bool known = status > MSP_STATUS_OK && status < MSP_STATUS_END_;
  const bool said = std::memchr(err.message, '\0', sizeof err.message) != nullptr && err.message[0] != '\0';
  if (!known || status == MSP_STATUS_INTERNAL || err.code != status || !said) {
    std::fprintf(stderr, "%s: status %d (%s), err.code %d, message '%.*s'\n", call, static_cast<int>(status),
                 msp_status_name(status), static_cast<int>(err.code), static_cast<int>(sizeof err.message),
                 err.message);
    std::abort();
  }
}

// The input as a NUL-terminated string (libFuzzer's bytes are not terminated).
inline std::string text(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// Calls a buffer-writing function twice as a host would: a size query, then with room. The
// query (NULL, 0) succeeds or fails for its input, never with BUFFER_TOO_SMALL (docs/c-abi.md).
template <class Call>
void with_buffer(Call call, const char* name) {
  msp_error err{};
  std::size_t required = 0;
  msp_status status = call(static_cast<char*>(nullptr), std::size_t{0}, &required, &err);
  if (status == MSP_STATUS_BUFFER_TOO_SMALL) {
    std::fprintf(stderr, "%s: the size query (NULL, 0) returned BUFFER_TOO_SMALL\n", name);
    std::abort();
  }
  if (status == MSP_STATUS_OK && required > 0) {
    std::string buf(required, '\0');
    err = msp_error{};
    std::size_t again = 0;
    status = call(buf.data(), buf.size(), &again, &err);
    if (status == MSP_STATUS_OK && (again != required || buf[required - 1] != '\0')) {
      std::fprintf(stderr, "%s: size query said %zu, the call needed %zu\n", name, required, again);
      std::abort();
    }
  }
  check(status, err, name);
}

}  // namespace fuzz
