#include <mspcore/core/error.hpp>
#include <mspcore/kpi/asset_kpi.hpp>
#include <mspcore/kpi/kpi_dictionary.hpp>

#include <chrono>
#include <cmath>
#include <functional>

namespace mspcore {
inline namespace v1 {
namespace {

using namespace std::chrono;

constexpr double kNull = std::numeric_limits<double>::quiet_NaN();

/// Counters of one group; age buckets count assets with a purchase day.
struct AssetCell {
  std::int64_t assets = 0, managed = 0, managed_known = 0;
  std::int64_t dated = 0, under_1 = 0, from_1_to_3 = 0, from_3_to_5 = 0, over_5 = 0;
  QuantileSketch age_days;
  std::int64_t warranty_known = 0, warranty_covered = 0, warranty_expiring = 0;
  std::int64_t eol_known = 0, eol_past = 0;
};

/// The day `years` calendar years before `day` (Feb 29 steps back to Feb 28).
std::int32_t years_before(std::int32_t day, int years) {
  year_month_day ymd{sys_days{days{day}}};
  ymd = ymd - std::chrono::years{years};
  if (!ymd.ok()) ymd = ymd.year() / ymd.month() / last;
  return static_cast<std::int32_t>(sys_days{ymd}.time_since_epoch().count());
}

double percent(std::int64_t part, std::int64_t whole) {
  return whole == 0 ? kNull : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

void check_size(std::size_t size, std::size_t rows, const char* name) {
  if (size != 0 && size != rows) {
    throw Error(ErrorCode::INVALID_ARGUMENT,
                std::string(name) + " has " + std::to_string(size) + " rows, group has " + std::to_string(rows));
  }
}

}  // namespace

std::vector<KpiColumn> asset_kpis(const AssetKpiColumns& a, std::int32_t groups, std::int32_t as_of,
                                  std::span<const std::string> kpis) {
  const std::size_t n = a.group.size();
  check_size(a.managed.size(), n, "managed");
  check_size(a.purchased.size(), n, "purchased");
  check_size(a.warranty_end.size(), n, "warranty_end");
  check_size(a.os_eol.size(), n, "os_eol");
  if (as_of == kNoDay) throw Error(ErrorCode::INVALID_ARGUMENT, "as_of is missing");
  const std::int32_t one = years_before(as_of, 1), three = years_before(as_of, 3), five = years_before(as_of, 5);
  std::vector<AssetCell> cells(static_cast<std::size_t>(std::max(groups, 0)));
  for (std::size_t i = 0; i < n; ++i) {
    const auto row = static_cast<std::int64_t>(i);
    if (a.group[i] < 0 || a.group[i] >= groups) {
      throw Error(ErrorCode::OUT_OF_RANGE, "group[" + std::to_string(i) + "] is " + std::to_string(a.group[i]) +
                                               ", outside 0.." + std::to_string(groups - 1), row);
    }
    const std::int32_t bought = a.purchased.empty() ? kNoDay : a.purchased[i];
    if (bought != kNoDay && bought > as_of) continue;  // not in the inventory yet
    AssetCell& c = cells[static_cast<std::size_t>(a.group[i])];
    ++c.assets;
    if (!a.managed.empty()) {
      if (a.managed[i] < -1 || a.managed[i] > 1) {
        throw Error(ErrorCode::OUT_OF_RANGE, "managed[" + std::to_string(i) + "] is " + std::to_string(a.managed[i]) +
                                                 ", not 1, 0 or -1", row);
      }
      if (a.managed[i] >= 0) ++c.managed_known, c.managed += a.managed[i];
    }
    if (bought != kNoDay) {
      ++c.dated;
      c.age_days.add(as_of - bought);
      (bought > one ? c.under_1 : bought > three ? c.from_1_to_3 : bought > five ? c.from_3_to_5 : c.over_5) += 1;
    }
    if (!a.warranty_end.empty() && a.warranty_end[i] != kNoDay) {
      ++c.warranty_known;
      c.warranty_covered += a.warranty_end[i] > as_of;
      c.warranty_expiring += a.warranty_end[i] > as_of && a.warranty_end[i] <= as_of + 90;
    }
    if (!a.os_eol.empty() && a.os_eol[i] != kNoDay) {
      ++c.eol_known;
      c.eol_past += a.os_eol[i] <= as_of;
    }
  }
  using Cell = const AssetCell&;
  const std::vector<std::pair<std::string_view, std::function<double(Cell)>>> reals{
      {"managed_pct", [](Cell c) { return percent(c.managed, c.managed_known); }},
      {"age_years_median", [](Cell c) { return c.age_days.quantile(0.5) / 365.25; }},
      {"age_under_1y_pct", [](Cell c) { return percent(c.under_1, c.dated); }},
      {"age_1_3y_pct", [](Cell c) { return percent(c.from_1_to_3, c.dated); }},
      {"age_3_5y_pct", [](Cell c) { return percent(c.from_3_to_5, c.dated); }},
      {"age_over_5y_pct", [](Cell c) { return percent(c.over_5, c.dated); }},
      {"warranty_covered_pct", [](Cell c) { return percent(c.warranty_covered, c.warranty_known); }},
      {"warranty_expired_pct", [](Cell c) { return percent(c.warranty_known - c.warranty_covered, c.warranty_known); }},
      {"warranty_expiring_90d_pct", [](Cell c) { return percent(c.warranty_expiring, c.warranty_known); }},
      {"os_past_eol_pct", [](Cell c) { return percent(c.eol_past, c.eol_known); }},
  };
  std::vector<KpiColumn> out;
  for (const std::string& id : kpis) {
    if (find_kpi(id).subject != "asset") {
      throw Error(ErrorCode::INVALID_ARGUMENT, quoted(id) + " is a ticket KPI, not an asset KPI");
    }
    KpiColumn column;
    column.name = id;
    if (id == "assets" || id == "os_past_eol") {
      column.integer = true;
      for (const AssetCell& c : cells) column.counts.push_back(id == "assets" ? c.assets : c.eol_past);
    } else {
      const auto kpi = std::find_if(reals.begin(), reals.end(), [&](const auto& e) { return e.first == id; });
      if (kpi == reals.end()) throw Error(ErrorCode::INTERNAL, "no formula for asset KPI " + quoted(id));
      for (const AssetCell& c : cells) column.values.push_back(kpi->second(c));
    }
    out.push_back(std::move(column));
  }
  return out;
}

}  // namespace v1
}  // namespace mspcore
