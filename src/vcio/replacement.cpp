// The replacement check: the date an asset is to be replaced by (purchase date + the type's
// max age), pulled earlier by its service in the last 12 months, as a status with its
// reason. Rules: docs/vcio-lifecycle.md, "Replacement policy".
#include <mspcore/core/error.hpp>
#include <mspcore/money/decimal.hpp>
#include <mspcore/time/instant.hpp>
#include <mspcore/vcio/lifecycle.hpp>

#include "contract/date_math.hpp"

#include <algorithm>
#include <string>

namespace mspcore {
inline namespace v1 {

namespace {

using std::chrono::sys_days;

std::string plural(std::int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}


// Same as the other checks: the day itself is still "due soon", overdue from the day after.
LifecycleStatus status_of(std::int64_t left, std::int64_t window) {
  if (left < 0) return LifecycleStatus::Overdue;
  return left <= window ? LifecycleStatus::DueSoon : LifecycleStatus::Supported;
}

std::string days(std::int64_t n) { return plural(n < 0 ? -n : n, "day", "days"); }

// "replace by 2027-06-01, in 594 days (window 90)" / "..., today (window 90)" / "replacement
// was due 2025-10-14, 1 day ago".
std::string when(sys_days date, std::int64_t left, std::int64_t window) {
  const std::string w = " (window " + std::to_string(window) + ")";
  if (left > 0) return "replace by " + format_date(date) + ", in " + days(left) + w;
  if (left == 0) return "replace by " + format_date(date) + ", today" + w;
  return "replacement was due " + format_date(date) + ", " + days(left) + " ago";
}

std::string service_text(const ServiceSignals& s) {
  return plural(s.tickets, "ticket", "tickets") + " and " + s.hours().to_string() + " reactive hours in the last 12 months";
}

std::string rule_text(const AssetTypePolicy& p) {
  if (p.pull_months == 0) return "policy: service signals pull nothing";
  return "policy: " + std::to_string(p.pull_months) + " months per " + std::to_string(p.tickets_per_year) +
         " tickets or per " + std::to_string(p.reactive_hours_per_year) + " reactive hours, at most " +
         std::to_string(p.max_pull_months);
}

// The months the service rule pulls: the larger number of full multiples of either
// threshold, times pull_months, capped. Integers only (minutes against hours x 60).
std::int64_t pull_of(const ServiceSignals& s, const AssetTypePolicy& p) {
  if (p.pull_months == 0) return 0;
  const std::int64_t steps = std::max(s.tickets / p.tickets_per_year, s.minutes / (p.reactive_hours_per_year * 60));
  // pull_months >= 1, so steps >= the cap reaches it; below, steps x pull_months <= 120 x 120.
  return steps >= p.max_pull_months ? p.max_pull_months : std::min(steps * p.pull_months, p.max_pull_months);
}

}  // namespace

Decimal ServiceSignals::hours() const { return Decimal::divide(Decimal(minutes), Decimal(60), 2, RoundingMode::HalfEven); }

ReplacementCheck replacement_check(const Asset& a, const ServiceSignals& service, sys_days as_of,
                                   const LifecyclePolicy& policy) {
  const AssetTypePolicy& p = policy.of(a.type);
  ReplacementCheck c;
  c.service = service;
  c.payer = p.payer;
  c.value = a.replacement_value ? a.replacement_value : p.replacement_value;
  c.value_from_policy = !a.replacement_value && p.replacement_value;
  c.pulled_months = pull_of(service, p);
  const bool any_service = service.tickets > 0 || service.minutes > 0;
  const std::string type(to_string(a.type));
  const std::string signals = any_service ? "; " + service_text(service) : std::string();
  if (!a.purchase_date) {
    c.reason = {"replacement_no_purchase_date", "no purchase date: the replacement date (purchase + max age) is unknown" +
                                                    signals};
    return c;
  }
  if (!p.max_age_years) {
    c.reason = {"replacement_no_max_age",
                "asset type " + type + " has no max age in the replacement policy (purchase " +
                    format_date(*a.purchase_date) + ")" + signals};
    return c;
  }
  const std::int64_t years = *p.max_age_years;
  const sys_days by_age = date_math::add_months(*a.purchase_date, 12 * years);  // 29 Feb -> 28 Feb
  c.by_age = by_age;
  // A pull moves a future date earlier, never before today: the service makes a device due
  // now, it does not make it overdue in the past. A date already past is left as it is.
  sys_days date = by_age;
  const bool pulled = c.pulled_months > 0 && by_age > as_of;
  if (pulled) date = std::max(date_math::add_months(by_age, -c.pulled_months), as_of);
  c.end = date;
  c.days_left = (date - as_of).count();
  c.status = status_of(*c.days_left, p.window_days);

  std::string text = when(date, *c.days_left, p.window_days) + ": purchase " + format_date(*a.purchase_date) + " + " +
                     plural(years, "year", "years") + ", the max age of a " + type;
  if (pulled) {
    text += ", is " + format_date(by_age) + "; " + service_text(service) + " pull it " +
            plural(c.pulled_months, "month", "months") + " earlier" +
            (date == as_of && date_math::add_months(by_age, -c.pulled_months) < as_of ? ", but not before today" : "") +
            " (" + rule_text(p) + ")";
  } else if (any_service) {
    text += "; " + service_text(service) +
            (c.pulled_months > 0 ? " (the age date has passed: a pull changes nothing)"
                                 : " pull nothing (" + rule_text(p) + ")");
  }
  const bool by_service = pulled && status_of((by_age - as_of).count(), p.window_days) != c.status;
  c.reason = {c.status == LifecycleStatus::Supported ? "replacement_planned"
              : by_service                          ? "replacement_pulled_by_service"
                                                    : "replacement_due_by_age",
              std::move(text)};
  return c;
}

}  // namespace v1
}  // namespace mspcore
