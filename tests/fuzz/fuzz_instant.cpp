// ISO-8601 instants: parse, and for what parses, format -> parse gives the same second back.
#include "fuzz_check.hpp"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = fuzz::text(data, size);
  msp_error err{};
  std::int64_t seconds = 0;
  const msp_status status = msp_instant_parse(text.c_str(), &seconds, &err);
  fuzz::check(status, err, "msp_instant_parse");
  if (status != MSP_STATUS_OK) return 0;
  char buf[64];
  std::size_t required = 0;
  err = msp_error{};
  const msp_status formatted = msp_instant_format(seconds, buf, sizeof buf, &required, &err);
  fuzz::check(formatted, err, "msp_instant_format");
  if (formatted != MSP_STATUS_OK) return 0;  // a parsed instant may lie outside the formattable years
  std::int64_t again = 0;
  err = msp_error{};
  if (msp_instant_parse(buf, &again, &err) != MSP_STATUS_OK || again != seconds) {
    std::fprintf(stderr, "'%s' -> %lld -> '%s' does not parse back\n", text.c_str(), static_cast<long long>(seconds), buf);
    std::abort();
  }
  return 0;
}
