#include <mspcore/contract/proration.hpp>
#include <mspcore/core/error.hpp>
#include <mspcore/time/instant.hpp>

#include "contract/date_math.hpp"

#include <algorithm>
#include <string>

namespace mspcore {
inline namespace v1 {

namespace {

using std::chrono::sys_days;
using std::chrono::year_month_day;
using namespace date_math;

void check_in_range(sys_days d, const char* name) {
  if (!in_date_range(d)) {
    throw Error(ErrorCode::INVALID_ARGUMENT, std::string(name) + " " + quoted(describe_date(d)) + kDateRangeText);
  }
}

// Whole months from period_start to period_end (same day of the month), or throws.
std::int64_t whole_months_or_throw(sys_days period_start, sys_days period_end) {
  const std::optional<std::int64_t> months = whole_months(period_start, period_end);
  if (!months || *months <= 0) {
    throw Error(ErrorCode::INVALID_ARGUMENT,
                std::string("30/360 needs a period of whole months (same day of the month at both ends): ") +
                    "period " + quoted(describe_date(period_start)) + " .. " + quoted(describe_date(period_end)) +
                    " is not");
  }
  return *months;
}

}  // namespace

ProrationConvention parse_proration_convention(std::string_view text) {
  if (text == "actual") return ProrationConvention::Actual;
  if (text == "30/360") return ProrationConvention::Thirty360;
  if (text == "none") return ProrationConvention::None;
  throw Error(ErrorCode::INVALID_ARGUMENT,
              std::string("unknown proration convention ") + quoted(text) + " (known: actual, 30/360, none)");
}

std::string_view to_string(ProrationConvention convention) noexcept {
  switch (convention) {
    case ProrationConvention::Actual:
      return "actual";
    case ProrationConvention::Thirty360:
      return "30/360";
    case ProrationConvention::None:
      return "none";
  }
  return "unknown";
}

ProrationFactor proration_factor(sys_days period_start, sys_days period_end, sys_days start, sys_days end,
                                 ProrationConvention convention) {
  check_in_range(period_start, "period_start");
  check_in_range(period_end, "period_end");
  check_in_range(start, "start");
  check_in_range(end, "end");
  if (period_end <= period_start) {
    throw Error(ErrorCode::INVALID_ARGUMENT, std::string("period_end ") + quoted(describe_date(period_end)) +
                                                 " must be after period_start " + quoted(describe_date(period_start)));
  }
  if (start > end) {
    throw Error(ErrorCode::INVALID_ARGUMENT, std::string("start ") + quoted(describe_date(start)) +
                                                 " must not be after end " + quoted(describe_date(end)));
  }
  const sys_days from = std::max(start, period_start);
  const sys_days to = std::min(end, period_end);
  const bool overlaps = from < to;

  switch (convention) {
    case ProrationConvention::Actual: {
      const std::int64_t total = (period_end - period_start).count();
      return {overlaps ? (to - from).count() : 0, total};
    }
    case ProrationConvention::Thirty360: {
      const std::int64_t total = 30 * whole_months_or_throw(period_start, period_end);
      // The Bond basis count is not additive (Jan 1..Jan 31 already counts 30), so keep the
      // share within [0, 1].
      const std::int64_t part = overlaps ? std::clamp<std::int64_t>(days_30_360(from, to), 0, total) : 0;
      return {part, total};
    }
    case ProrationConvention::None:
      return {overlaps ? 1 : 0, 1};
  }
  throw Error(ErrorCode::INVALID_ARGUMENT,
              std::string("unknown proration convention ") + std::to_string(static_cast<int>(convention)));
}

Money prorate(const Money& amount, sys_days period_start, sys_days period_end, sys_days start, sys_days end,
              ProrationConvention convention, RoundingMode mode) {
  const ProrationFactor f = proration_factor(period_start, period_end, start, end, convention);
  const Decimal value = Decimal::divide(amount.amount() * Decimal(f.numerator), Decimal(f.denominator),
                                        amount.currency().minor_units(), mode);
  return Money(value, amount.currency());
}

}  // namespace v1
}  // namespace mspcore
