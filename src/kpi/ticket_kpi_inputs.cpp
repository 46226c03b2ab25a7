// Conversions of caller inputs into the ticket KPI columns, shared by every binding.
#include <mspcore/core/error.hpp>
#include <mspcore/kpi/ticket_kpi.hpp>

#include <cmath>
#include <cstdio>
#include <string>

namespace mspcore {
inline namespace v1 {

void work_seconds_from_hours(std::span<const double> hours, std::span<std::int64_t> seconds) {
  if (seconds.size() != hours.size()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, "work_seconds has " + std::to_string(seconds.size()) + " rows, work_hours " +
                                                 std::to_string(hours.size()));
  }
  // 2^63 seconds are 2.56e15 hours: anything beyond is no labour time.
  constexpr double kMaxHours = 2.5e15;
  for (std::size_t i = 0; i < hours.size(); ++i) {
    const double h = hours[i];
    if (std::isnan(h)) {
      seconds[i] = -1;
      continue;
    }
    if (!(h >= 0 && h <= kMaxHours)) {
      char text[32];
      std::snprintf(text, sizeof text, "%g", h);
      throw Error(ErrorCode::OUT_OF_RANGE,
                  "work_hours[" + std::to_string(i) + "] is " + text + ", not a number of hours >= 0",
                  static_cast<std::int64_t>(i));
    }
    seconds[i] = static_cast<std::int64_t>(std::nearbyint(h * 3600.0));  // the default mode: half to even
  }
}

}  // namespace v1
}  // namespace mspcore
