// CVSS vector strings (v3.0, v3.1, v4.0): one vector alone and in a batch give the same answer.
#include "fuzz_check.hpp"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string vector = fuzz::text(data, size);
  msp_error err{};
  msp_cvss_result one{};
  const msp_status status = msp_cvss_score(vector.c_str(), &one, &err);
  fuzz::check(status, err, "msp_cvss_score");

  const char* const vectors[] = {vector.c_str()};
  std::int32_t score = 0;
  std::int32_t row_status = 0;
  err = msp_error{};
  fuzz::check(msp_cvss_score_many(vectors, 1, &score, &row_status, &err), err, "msp_cvss_score_many");
  if (row_status != static_cast<std::int32_t>(status) ||
      (status == MSP_STATUS_OK ? score != one.score_tenths : score != -1)) {
    std::fprintf(stderr, "'%s': alone %d (score %d), in a batch %d (score %d)\n", vector.c_str(),
                 static_cast<int>(status), static_cast<int>(one.score_tenths), static_cast<int>(row_status),
                 static_cast<int>(score));
    std::abort();
  }
  if (status == MSP_STATUS_OK && (one.score_tenths < 0 || one.score_tenths > 100)) {
    std::fprintf(stderr, "'%s' scores %d tenths\n", vector.c_str(), static_cast<int>(one.score_tenths));
    std::abort();
  }
  return 0;
}
