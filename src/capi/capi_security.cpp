#include "capi/boundary.hpp"

#include <mspcore/security/cvss.hpp>

#include <cstring>

using namespace mspcore;
using capi::deref;
using capi::guarded;
using capi::text;

// The core's enums are written without the C header; their values must be the C ABI's.
static_assert(static_cast<int>(CvssVersion::V3_0) == MSP_CVSS_VERSION_3_0);
static_assert(static_cast<int>(CvssVersion::V3_1) == MSP_CVSS_VERSION_3_1);
static_assert(static_cast<int>(CvssVersion::V4_0) == MSP_CVSS_VERSION_4_0);
static_assert(static_cast<int>(CvssSeverity::None) == MSP_CVSS_SEVERITY_NONE);
static_assert(static_cast<int>(CvssSeverity::Low) == MSP_CVSS_SEVERITY_LOW);
static_assert(static_cast<int>(CvssSeverity::Medium) == MSP_CVSS_SEVERITY_MEDIUM);
static_assert(static_cast<int>(CvssSeverity::High) == MSP_CVSS_SEVERITY_HIGH);
static_assert(static_cast<int>(CvssSeverity::Critical) == MSP_CVSS_SEVERITY_CRITICAL);

namespace {

void to_c(const CvssScores& s, msp_cvss_result* out) {
  msp_cvss_result r{};
  r.version = static_cast<msp_cvss_version>(s.version);
  r.base_tenths = s.base_tenths;
  r.temporal_tenths = s.temporal_tenths.value_or(-1);
  r.environmental_tenths = s.environmental_tenths.value_or(-1);
  r.score_tenths = s.score_tenths;
  r.severity = static_cast<msp_cvss_severity>(s.severity());
  const std::string_view name = to_string(s.severity());
  std::memcpy(r.severity_name, name.data(), name.size());  // zero-filled: NUL-terminated
  *out = r;
}

}  // namespace

extern "C" {

msp_status msp_cvss_score(const char* vector, msp_cvss_result* out, msp_error* err) {
  return guarded(err, [&] {
    deref(out, "out");
    to_c(cvss_score(text(vector, "vector")), out);
  });
}

msp_status msp_cvss_score_many(const char* const* vectors, size_t n, int32_t* score_tenths, int32_t* status,
                               msp_error* err) {
  return guarded(err, [&] {
    if (n == 0) return;
    deref(vectors, "vectors");
    deref(score_tenths, "score_tenths");
    deref(status, "status");
    for (std::size_t i = 0; i < n; ++i) {
      if (vectors[i] == nullptr) {
        score_tenths[i] = -1;
        status[i] = MSP_STATUS_INVALID_ARGUMENT;
        continue;
      }
      ErrorCode code = ErrorCode::OK;
      score_tenths[i] = cvss_try_score(std::string_view(vectors[i]), &code);
      status[i] = static_cast<int32_t>(code);
    }
  });
}

const char* msp_cvss_severity_name(msp_cvss_severity severity) {
  switch (severity) {
    case MSP_CVSS_SEVERITY_NONE:
    case MSP_CVSS_SEVERITY_LOW:
    case MSP_CVSS_SEVERITY_MEDIUM:
    case MSP_CVSS_SEVERITY_HIGH:
    case MSP_CVSS_SEVERITY_CRITICAL:
      return to_string(static_cast<CvssSeverity>(severity)).data();  // string literals: NUL-terminated
  }
  return "";
}

}  // extern "C"
