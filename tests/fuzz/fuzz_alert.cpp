// Security alerts: one vendor payload (the first byte picks the source) normalised, then the
// normalised record prioritised under a fuzzed configuration (after the first NUL byte).
#include "fuzz_check.hpp"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const char* const kSources[] = {"sentinelone", "sentinelone_uam", "rocketcyber", "barracuda_xdr", "unknown"};
  const char* source = kSources[data[0] % 5];
  const std::string input = fuzz::text(data + 1, size - 1);
  const std::size_t cut = input.find('\0');
  const std::string payload = input.substr(0, cut);
  const std::string config = cut == std::string::npos ? std::string() : input.substr(cut + 1);

  std::string normalised;
  fuzz::with_buffer(
      [&](char* buf, std::size_t cap, std::size_t* required, msp_error* e) {
        const msp_status s = msp_alert_normalize_json(source, payload.c_str(), buf, cap, required, e);
        if (s == MSP_STATUS_OK && buf != nullptr) normalised = buf;
        return s;
      },
      "msp_alert_normalize_json");
  if (normalised.empty()) return 0;
  fuzz::with_buffer(
      [&](char* buf, std::size_t cap, std::size_t* required, msp_error* e) {
        return msp_alert_prioritize_json(normalised.c_str(), nullptr, config.empty() ? nullptr : config.c_str(), buf,
                                         cap, required, e);
      },
      "msp_alert_prioritize_json");
  return 0;
}
