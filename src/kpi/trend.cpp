#include <mspcore/core/error.hpp>
#include <mspcore/kpi/trend.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace mspcore {
inline namespace v1 {
namespace {

constexpr double kNull = std::numeric_limits<double>::quiet_NaN();

/// Natural process limits of one series from medians (the robust form of Wheeler's XmR
/// chart): the centre is the median value, the spread the median moving range over
/// consecutive non-null periods, so one spike does not widen the limits that should catch it.
struct Limits {
  double centre = kNull;
  double moving_range = kNull;
  bool usable = false;
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t h = v.size() / 2;
  return v.size() % 2 ? v[h] : (v[h - 1] + v[h]) / 2;
}

Limits limits(std::span<const double> x) {
  std::vector<double> values, ranges;
  for (std::size_t k = 0; k < x.size(); ++k) {
    if (std::isnan(x[k])) continue;
    values.push_back(x[k]);
    if (k > 0 && !std::isnan(x[k - 1])) ranges.push_back(std::fabs(x[k] - x[k - 1]));
  }
  if (values.size() < 3 || ranges.empty()) return {};
  return {median(values), median(ranges), true};
}

}  // namespace

KpiTrend kpi_trend(std::span<const double> values, std::int32_t groups, std::int32_t periods, std::int32_t window) {
  if (groups < 0 || periods < 0 || values.size() != static_cast<std::size_t>(groups) * static_cast<std::size_t>(periods)) {
    throw Error(ErrorCode::INVALID_ARGUMENT, "kpi_trend: " + std::to_string(values.size()) + " values are not " +
                                                 std::to_string(groups) + " groups x " + std::to_string(periods) +
                                                 " periods");
  }
  if (window < 2) throw Error(ErrorCode::OUT_OF_RANGE, "kpi_trend: window must be at least 2, got " + std::to_string(window));
  KpiTrend out;
  out.delta.assign(values.size(), kNull);
  out.slope.assign(values.size(), kNull);
  out.moving_average.assign(values.size(), kNull);
  out.unusual.assign(values.size(), -1);
  for (std::int32_t g = 0; g < groups; ++g) {
    const std::size_t base = static_cast<std::size_t>(g) * periods;
    const std::span<const double> x = values.subspan(base, static_cast<std::size_t>(periods));
    const Limits lim = limits(x);
    for (std::int32_t k = 0; k < periods; ++k) {
      const std::size_t i = base + k;
      if (k > 0) out.delta[i] = x[k] - x[k - 1];  // NaN propagates
      double sx = 0, sy = 0, sxx = 0, sxy = 0;
      int n = 0;
      for (std::int32_t j = std::max(0, k - window + 1); j <= k; ++j) {
        if (std::isnan(x[j])) continue;
        sx += j, sy += x[j], sxx += double(j) * j, sxy += j * x[j];
        ++n;
      }
      if (n > 0) out.moving_average[i] = sy / n;
      if (n >= 2) out.slope[i] = (n * sxy - sx * sy) / (n * sxx - sx * sx);
      if (lim.usable && !std::isnan(x[k])) {
        const bool outside = std::fabs(x[k] - lim.centre) > 3.145 * lim.moving_range;
        const bool jump = k > 0 && !std::isnan(x[k - 1]) && std::fabs(x[k] - x[k - 1]) > 3.865 * lim.moving_range;
        out.unusual[i] = outside || jump;
      }
    }
  }
  return out;
}

}  // namespace v1
}  // namespace mspcore
