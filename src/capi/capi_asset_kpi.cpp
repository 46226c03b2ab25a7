// Asset KPIs through the C ABI: the caller's columns into mspcore::asset_kpis, the result as a
// KPI frame of one period (the as-of date) so msp_kpi_frame_values reads it as ticket frames.
#include "capi/boundary.hpp"
#include "capi/kpi_frame.hpp"
#include "capi/struct_size.hpp"

#include <mspcore/kpi/asset_kpi.hpp>
#include <mspcore/kpi/kpi_dictionary.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

using namespace mspcore;
using capi::deref;
using capi::guarded;

namespace {

// Sizes of every released layout of msp_asset_kpi_columns, the current one last (0.3.0: the first).
constexpr std::size_t kAssetKpiColumnsSizes[] = {sizeof(msp_asset_kpi_columns)};

template <class T>
std::span<const T> optional(const T* p, std::size_t n) {
  return p == nullptr ? std::span<const T>{} : std::span<const T>{p, n};
}

/// "YYYY-MM-DD" of a day since 1970-01-01 (proleptic Gregorian).
std::string iso_date(std::int32_t day) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return out;
}

}  // namespace

extern "C" {

msp_status msp_asset_kpi_frame(const msp_asset_kpi_columns* assets, int32_t groups, int32_t as_of,
                               const char* const* kpis, size_t n_kpis, msp_kpi_frame** out, msp_error* err) {
  return guarded(err, [&] {
    deref(out, "out") = nullptr;
    const msp_asset_kpi_columns c =
        capi::read_sized(assets, kAssetKpiColumnsSizes, "assets", "msp_asset_kpi_columns");
    if (c.n > 0) deref(c.group, "group");
    const AssetKpiColumns columns{optional(c.group, c.n), optional(c.managed, c.n), optional(c.purchased, c.n),
                                  optional(c.warranty_end, c.n), optional(c.os_eol, c.n)};
    // The inputs given, by the names the dictionary's `requires` uses.
    std::vector<std::string> inputs;
    const std::pair<const void*, const char*> given[] = {
        {c.managed, "managed"}, {c.purchased, "purchased"}, {c.warranty_end, "warranty_end"}, {c.os_eol, "os_eol"}};
    for (const auto& [column, name] : given) {
      if (column != nullptr) inputs.emplace_back(name);
    }
    const std::vector<std::string> chosen = select_kpis("asset", capi::requested_kpis(kpis, n_kpis), inputs);
    auto frame = std::make_unique<msp_kpi_frame>();
    frame->columns = asset_kpis(columns, groups, as_of, chosen);  // checks as_of before it is a label
    frame->labels.push_back(iso_date(as_of));
    *out = frame.release();
  });
}

}  // extern "C"
