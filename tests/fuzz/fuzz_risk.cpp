// The client risk score: inputs JSON, and a model JSON after the first NUL byte.
#include "fuzz_check.hpp"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input = fuzz::text(data, size);
  const std::size_t cut = input.find('\0');
  const std::string inputs = input.substr(0, cut);
  const std::string model = cut == std::string::npos ? std::string() : input.substr(cut + 1);
  fuzz::with_buffer(
      [&](char* buf, std::size_t cap, std::size_t* required, msp_error* e) {
        return msp_risk_score_json(inputs.c_str(), model.empty() ? nullptr : model.c_str(), buf, cap, required, e);
      },
      "msp_risk_score_json");
  return 0;
}
