// The monitoring SLA request (msp_availability_json): events, devices, a calendar, a target.
#include "fuzz_check.hpp"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string request = fuzz::text(data, size);
  fuzz::with_buffer([&](char* buf, std::size_t n, std::size_t* required, msp_error* err) {
    return msp_availability_json(request.c_str(), buf, n, required, err);
  }, "msp_availability_json");
  return 0;
}
