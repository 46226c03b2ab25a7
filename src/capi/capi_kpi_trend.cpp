// The trend of a KPI through the C ABI: mspcore::kpi_trend into caller arrays.
#include "capi/boundary.hpp"

#include <mspcore/kpi/trend.hpp>

#include <algorithm>
#include <span>

using namespace mspcore;
using capi::deref;
using capi::guarded;

extern "C" {

msp_status msp_kpi_trend(const double* values, int32_t groups, int32_t periods, int32_t window, double* delta,
                         double* slope, double* moving_average, int8_t* unusual, msp_error* err) {
  return guarded(err, [&] {
    const std::size_t n = groups > 0 && periods > 0 ? static_cast<std::size_t>(groups) * static_cast<std::size_t>(periods) : 0;
    if (n > 0) deref(values, "values");
    // Negative sizes reach kpi_trend, which names them.
    const KpiTrend t = kpi_trend(std::span<const double>(values, n), groups, periods, window);
    const auto put = [](const auto& from, auto* to) {
      if (to != nullptr) std::copy(from.begin(), from.end(), to);
    };
    put(t.delta, delta);
    put(t.slope, slope);
    put(t.moving_average, moving_average);
    put(t.unusual, unusual);
  });
}

}  // extern "C"
