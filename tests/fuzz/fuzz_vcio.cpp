// The vCIO JSON documents: lifecycle, budget, alignment and the QBR report model. The first byte
// picks the function, the rest is its request.
#include "fuzz_check.hpp"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string request = fuzz::text(data + 1, size - 1);
  using Call = msp_status (*)(const char*, char*, size_t, size_t*, msp_error*);
  static const Call calls[] = {msp_lifecycle_evaluate_json, msp_vcio_budget_json, msp_vcio_alignment_json,
                               msp_qbr_model_json};
  static const char* names[] = {"msp_lifecycle_evaluate_json", "msp_vcio_budget_json", "msp_vcio_alignment_json",
                                "msp_qbr_model_json"};
  const std::size_t k = data[0] % 4;
  fuzz::with_buffer([&](char* buf, std::size_t n, std::size_t* required, msp_error* err) {
    return calls[k](request.c_str(), buf, n, required, err);
  }, names[k]);
  return 0;
}
