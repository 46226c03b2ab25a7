// Terms, billing periods and the money value of a quantity change over a date range.
#include <mspcore/core/error.hpp>

#include "contract/trueup_detail.hpp"

#include <numeric>

namespace mspcore {
inline namespace v1 {

namespace {

// Calendar months from `from` to the latest anchor date not after `day`.
std::int64_t months_elapsed(sys_days from, sys_days day) {
  const std::chrono::year_month_day a(from);
  const std::chrono::year_month_day b(day);
  std::int64_t months = 12 * (static_cast<std::int64_t>(static_cast<int>(b.year())) - static_cast<int>(a.year())) +
                        (static_cast<std::int64_t>(static_cast<unsigned>(b.month())) - static_cast<unsigned>(a.month()));
  if (add_months(from, months) > day) --months;
  return months;
}

// The `step`-month range anchored at `anchor` that contains `day` (day may precede anchor).
DateRange range_containing(sys_days anchor, std::int64_t step, sys_days day) {
  const std::int64_t elapsed = months_elapsed(anchor, day);
  std::int64_t k = elapsed / step;
  if (elapsed % step != 0 && elapsed < 0) --k;  // floor division
  return {add_months(anchor, k * step), add_months(anchor, (k + 1) * step)};
}

// a/b + c/d, reduced; denominators are day counts, so the products stay small.
void add_fraction(std::int64_t& num, std::int64_t& den, std::int64_t n, std::int64_t d) {
  const std::int64_t g = std::gcd(den, d);
  num = num * (d / g) + n * (den / g);
  den = den / g * d;
  const std::int64_t r = std::gcd(num, den);
  if (r > 1) {
    num /= r;
    den /= r;
  }
}

}  // namespace

bool is_committed(const ContractLine& line) { return line.term_kind != TermKind::Flexible; }

bool is_active(const ContractLine& line, sys_days day) {
  if (day < line.term_start) return false;
  if (line.term_kind == TermKind::NceMonthly || line.term_kind == TermKind::NceAnnual) return true;
  return !line.term_end || day < *line.term_end;
}

DateRange term_containing(const ContractLine& line, sys_days day) {
  // validate() guarantees a whole-month term for committed lines.
  const std::int64_t length = *whole_months(line.term_start, *line.term_end);
  return range_containing(line.term_start, length, day);
}

DateRange billing_period_containing(const ContractLine& line, sys_days day) {
  return range_containing(line.term_start, months_in(line.billing_period), day);
}

Money value_between(const ContractLine& line, std::int64_t quantity, sys_days from, sys_days to, RoundingMode mode) {
  std::int64_t num = 0;
  std::int64_t den = 1;
  for (sys_days cursor = from; cursor < to;) {
    const DateRange period = billing_period_containing(line, cursor);
    const sys_days until = std::min(to, period.end);
    // 30/360 counts a billing period as 30 x its months even where a month-end anchor was
    // clamped (Jan 31 -> Feb 29), which proration_factor() cannot see from the dates alone.
    const ProrationFactor f =
        line.proration == ProrationConvention::Thirty360
            ? ProrationFactor{days_30_360(cursor, until), 30 * months_in(line.billing_period)}
            : proration_factor(period.start, period.end, cursor, until, line.proration);
    add_fraction(num, den, f.numerator, f.denominator);
    cursor = until;
  }
  const Currency currency = line.unit_price->currency();
  const Decimal amount = Decimal::divide(line.unit_price->amount() * Decimal(quantity) * Decimal(num), Decimal(den),
                                         currency.minor_units(), mode);
  return Money(amount, currency);
}

Money recurring_value(const ContractLine& line, std::int64_t quantity, bool per_year, RoundingMode mode) {
  const Currency currency = line.unit_price->currency();
  const int months = months_in(line.billing_period);
  const int wanted = per_year ? 12 : 1;
  if (wanted % months == 0) {
    // An exact multiple (the common monthly price): no division, one rounding to minor units.
    return (*line.unit_price * Decimal(quantity) * Decimal(wanted / months)).round(mode);
  }
  const Decimal amount = Decimal::divide(line.unit_price->amount() * Decimal(quantity) * Decimal(wanted), Decimal(months),
                                         currency.minor_units(), mode);
  return Money(amount, currency);
}

}  // namespace v1
}  // namespace mspcore
