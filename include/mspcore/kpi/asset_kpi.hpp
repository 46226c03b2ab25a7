/// @file asset_kpi.hpp
/// @brief Asset KPIs as of a date: management coverage, age, warranty and OS end of life.
#pragma once

#include <mspcore/kpi/ticket_kpi.hpp>

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// "No date" in the day columns (days since 1970-01-01).
inline constexpr std::int32_t kNoDay = std::numeric_limits<std::int32_t>::min();

/// Columnar assets, one row each; an optional column is an empty span.
struct AssetKpiColumns {
  std::span<const std::int32_t> group;         ///< required: group code in [0, groups)
  std::span<const std::int8_t> managed;        ///< 1 under management (RMM agent), 0 not, -1 unknown
  std::span<const std::int32_t> purchased;     ///< purchase (or in-service) day; kNoDay unknown
  std::span<const std::int32_t> warranty_end;  ///< last day of warranty; kNoDay unknown
  std::span<const std::int32_t> os_eol;        ///< end-of-life day of the installed OS; kNoDay unknown
};

/// The asset KPIs of the dictionary (subject "asset") per group as of day `as_of`. Assets
/// purchased after `as_of` are not in the inventory yet and count nowhere. Ages are whole
/// calendar years (an asset bought 2022-02-28 is 3 years old from 2025-02-28); the median age
/// is in years of 365.25 days. A ratio without a known value in its denominator is NaN.
/// Throws Error naming the column and row of a bad value.
std::vector<KpiColumn> asset_kpis(const AssetKpiColumns& assets, std::int32_t groups, std::int32_t as_of,
                                  std::span<const std::string> kpis);

}  // namespace v1
}  // namespace mspcore
