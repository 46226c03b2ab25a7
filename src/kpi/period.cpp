#include <mspcore/core/error.hpp>
#include <mspcore/kpi/period.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace mspcore {
inline namespace v1 {
namespace {

using namespace std::chrono;

std::int32_t floor_div(std::int32_t a, std::int32_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

std::int32_t month_ordinal(LocalSeconds local) {
  const year_month_day ymd{floor<days>(local)};
  return static_cast<int>(ymd.year()) * 12 + static_cast<int>(static_cast<unsigned>(ymd.month())) - 1;
}

year_month_day first_day(std::int32_t id) {
  return year{floor_div(id, 12)} / month{static_cast<unsigned>(id - floor_div(id, 12) * 12 + 1)} / 1;
}

}  // namespace

std::string_view to_string(PeriodKind kind) noexcept {
  switch (kind) {
    case PeriodKind::Month: return "month";
    case PeriodKind::Quarter: return "quarter";
    case PeriodKind::Year: return "year";
  }
  return "month";
}

PeriodKind parse_period_kind(std::string_view text) {
  for (PeriodKind k : {PeriodKind::Month, PeriodKind::Quarter, PeriodKind::Year}) {
    if (to_string(k) == text) return k;
  }
  throw Error(ErrorCode::INVALID_ARGUMENT,
              "period must be \"month\", \"quarter\" or \"year\", got " + quoted(text));
}

PeriodScheme::PeriodScheme(PeriodKind kind, TimeZone zone, int fiscal_year_start)
    : kind_(kind), zone_(zone), fiscal_year_start_(fiscal_year_start) {
  if (fiscal_year_start < 1 || fiscal_year_start > 12) {
    throw Error(ErrorCode::OUT_OF_RANGE,
                "fiscal_year_start must be a month 1..12, got " + std::to_string(fiscal_year_start));
  }
}

int PeriodScheme::months() const noexcept {
  switch (kind_) {
    case PeriodKind::Month: return 1;
    case PeriodKind::Quarter: return 3;
    case PeriodKind::Year: return 12;
  }
  return 1;
}

std::int32_t PeriodScheme::period_of(Instant t) const {
  const std::int32_t month = month_ordinal(zone_.to_local(t));
  const std::int32_t offset = fiscal_year_start_ - 1;
  return offset + floor_div(month - offset, months()) * months();
}

Instant PeriodScheme::start(std::int32_t id) const {
  return zone_.to_utc(LocalSeconds{local_days{first_day(id)}});
}

std::string PeriodScheme::start_date(std::int32_t id) const {
  return format_date(sys_days{first_day(id)});
}

std::string PeriodScheme::label(std::int32_t id) const {
  const year_month_day first = first_day(id);
  const int calendar_year = static_cast<int>(first.year());
  char text[32];
  if (kind_ == PeriodKind::Month) {
    std::snprintf(text, sizeof text, "%04d-%02u", calendar_year, static_cast<unsigned>(first.month()));
    return text;
  }
  const std::int32_t offset = fiscal_year_start_ - 1;
  const std::int32_t start_year = floor_div(id - offset, 12);  // calendar year the fiscal year starts in
  const int quarter = (id - offset - start_year * 12) / 3 + 1;
  const bool fiscal = fiscal_year_start_ != 1;
  const int named = fiscal ? start_year + 1 : start_year;
  if (kind_ == PeriodKind::Year) {
    std::snprintf(text, sizeof text, fiscal ? "FY%04d" : "%04d", named);
  } else {
    std::snprintf(text, sizeof text, fiscal ? "FY%04d-Q%d" : "%04d-Q%d", named, quarter);
  }
  return text;
}

std::vector<std::int64_t> PeriodScheme::starts(std::int32_t first, std::int32_t last) const {
  std::vector<std::int64_t> out;
  for (std::int32_t id = first; id <= next(last); id = next(id)) out.push_back(unix_seconds(start(id)));
  return out;
}

void PeriodScheme::periods_of(std::span<const std::int64_t> seconds, std::span<std::int32_t> out, std::int64_t skip,
                              std::int32_t skip_id) const {
  if (out.size() != seconds.size()) throw Error(ErrorCode::INVALID_ARGUMENT, "periods_of: output size differs from input");
  std::int64_t lo = INT64_MAX;
  std::int64_t hi = INT64_MIN;
  for (std::int64_t s : seconds) {
    if (s == skip) continue;
    lo = std::min(lo, s);
    hi = std::max(hi, s);
  }
  if (lo > hi) {
    std::fill(out.begin(), out.end(), skip_id);
    return;
  }
  check_instant_range(from_unix_seconds(lo), "period instant");
  check_instant_range(from_unix_seconds(hi), "period instant");
  const std::int32_t first = period_of(from_unix_seconds(lo));
  const std::int32_t last = period_of(from_unix_seconds(hi));
  const std::vector<std::int64_t> bounds = starts(first, last);  // bounds[k]: start of period first + k * months
  for (std::size_t i = 0; i < seconds.size(); ++i) {
    if (seconds[i] == skip) {
      out[i] = skip_id;
      continue;
    }
    const auto k = std::upper_bound(bounds.begin(), bounds.end(), seconds[i]) - bounds.begin() - 1;
    out[i] = first + static_cast<std::int32_t>(k) * months();
  }
}

}  // namespace v1
}  // namespace mspcore
