// A true-up reconciliation request as JSON.
#include "fuzz_check.hpp"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string request = fuzz::text(data, size);
  msp_error err{};
  char* result = nullptr;
  const msp_status status = msp_trueup_reconcile_json(request.c_str(), &result, &err);
  fuzz::check(status, err, "msp_trueup_reconcile_json");
  if ((status == MSP_STATUS_OK) != (result != nullptr)) {
    std::fprintf(stderr, "status %d with result %p\n", static_cast<int>(status), static_cast<void*>(result));
    std::abort();
  }
  msp_string_free(result);
  return 0;
}
