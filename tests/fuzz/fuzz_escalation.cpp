// Escalation policy JSON on the 24x7 clock, with a fuzzed priority and times.
#include "fuzz_check.hpp"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const auto priority = in.ConsumeIntegralInRange<std::int32_t>(-1, 6);
  const std::int64_t opened = 1717200000 + in.ConsumeIntegralInRange<std::int64_t>(-86400, 86400);
  const std::int64_t now = opened + in.ConsumeIntegralInRange<std::int64_t>(-3600, 30 * 86400);
  const std::int64_t acknowledged = opened + in.ConsumeIntegralInRange<std::int64_t>(-3600, 86400);
  const bool was_acknowledged = in.ConsumeBool();
  const std::string policy = in.ConsumeRemainingBytesAsString();
  fuzz::with_buffer(
      [&](char* buf, std::size_t cap, std::size_t* required, msp_error* e) {
        return msp_escalation_due_json(policy.c_str(), priority, opened, now,
                                       was_acknowledged ? &acknowledged : nullptr, nullptr, buf, cap, required, e);
      },
      "msp_escalation_due_json");
  return 0;
}
