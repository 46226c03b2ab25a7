// SLA policy JSON and ticket JSON (split at the first NUL byte), evaluated with explanation.
#include "fuzz_check.hpp"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input = fuzz::text(data, size);
  const std::size_t cut = input.find('\0');
  const std::string policy_json = input.substr(0, cut);
  const std::string ticket_json = cut == std::string::npos ? std::string("{}") : input.substr(cut + 1);

  msp_error err{};
  msp_sla_policy* policy = nullptr;
  const msp_status status = msp_sla_policy_new_from_json(policy_json.c_str(), &policy, &err);
  fuzz::check(status, err, "msp_sla_policy_new_from_json");
  if (status != MSP_STATUS_OK) return 0;
  const std::int64_t now = 1717200000;  // 2024-06-01
  fuzz::with_buffer(
      [&](char* buf, std::size_t cap, std::size_t* required, msp_error* e) {
        return msp_sla_evaluate_json(policy, ticket_json.c_str(), now, 1, buf, cap, required, e);
      },
      "msp_sla_evaluate_json");
  msp_sla_policy_free(policy);
  return 0;
}
