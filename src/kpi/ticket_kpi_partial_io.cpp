// The byte form of a TicketKpiPartial, for shipping partials between processes (Dask, Spark).
#include <mspcore/kpi/ticket_kpi.hpp>

#include <algorithm>

#include "varint.hpp"

namespace mspcore {
inline namespace v1 {
namespace {

using detail::put_text;
using detail::put_varint;
using detail::VarintReader;

constexpr char kMagic[] = {'T', 'K', 1};

}  // namespace

std::string TicketKpiPartial::serialize(std::span<const std::string> category_names) const {
  std::string out(kMagic, sizeof kMagic);
  for (auto counter : kTicketKpiCounters) put_varint(out, static_cast<std::uint64_t>(this->*counter));
  for (auto duration : kTicketKpiDurations) {
    const DurationPartial& d = this->*duration;
    put_varint(out, static_cast<std::uint64_t>(d.count));
    put_varint(out, static_cast<std::uint64_t>(d.sum));
    put_text(out, d.sketch.serialize());
  }
  const auto used = static_cast<std::uint64_t>(std::count_if(categories.begin(), categories.end(), [](auto n) { return n > 0; }));
  put_varint(out, used);
  for (std::size_t i = 0; i < categories.size(); ++i) {
    if (categories[i] == 0) continue;
    put_text(out, category_names[i]);
    put_varint(out, static_cast<std::uint64_t>(categories[i]));
  }
  return out;
}

TicketKpiPartial TicketKpiPartial::parse(std::string_view bytes, std::vector<std::string>& category_names,
                                         std::string_view what) {
  VarintReader in{bytes, what, "a ticket KPI partial"};
  if (bytes.substr(0, sizeof kMagic) != std::string_view(kMagic, sizeof kMagic)) in.fail("lacks the header");
  in.at = sizeof kMagic;
  TicketKpiPartial p;
  for (auto counter : kTicketKpiCounters) p.*counter = in.count();
  for (auto duration : kTicketKpiDurations) {
    DurationPartial& d = p.*duration;
    d.count = in.count();
    d.sum = in.count();
    d.sketch = QuantileSketch::parse(in.text(), what);
    if (d.sketch.count() != d.count) in.fail("has a duration whose sketch disagrees with its count");
  }
  const std::int64_t used = in.count();
  for (std::int64_t k = 0; k < used; ++k) {
    const std::string_view name = in.text();
    const std::int64_t n = in.count();
    auto at = std::find(category_names.begin(), category_names.end(), name);
    if (at == category_names.end()) at = category_names.insert(at, std::string(name));
    const auto index = static_cast<std::size_t>(at - category_names.begin());
    if (p.categories.size() <= index) p.categories.resize(index + 1);
    p.categories[index] += n;
  }
  if (in.at != bytes.size()) in.fail("has trailing bytes");
  return p;
}

TicketKpiGrid grid_from_partials(std::span<const std::int32_t> group, std::span<const std::int32_t> period,
                                 std::span<const std::string_view> partials, std::int32_t groups,
                                 const PeriodScheme& scheme) {
  const std::size_t n = partials.size();
  if (group.size() != n || period.size() != n) {
    throw Error(ErrorCode::INVALID_ARGUMENT, "group, period and partials must have the same length");
  }
  TicketKpiGrid grid;
  grid.groups = groups;
  if (n == 0) return grid;
  const int months = scheme.months();
  const auto [lo, hi] = std::minmax_element(period.begin(), period.end());
  grid.first_period = *lo;
  grid.periods = (*hi - *lo) / months + 1;
  grid.cells.resize(static_cast<std::size_t>(groups) * static_cast<std::size_t>(grid.periods));
  for (std::size_t i = 0; i < n; ++i) {
    const std::string row = "partial[" + std::to_string(i) + "]";
    if (group[i] < 0 || group[i] >= groups) {
      throw Error(ErrorCode::OUT_OF_RANGE, row + ": group " + std::to_string(group[i]) + " is outside 0.." +
                                               std::to_string(groups - 1), static_cast<std::int64_t>(i));
    }
    if ((period[i] - grid.first_period) % months != 0 || scheme.period_of(scheme.start(period[i])) != period[i]) {
      throw Error(ErrorCode::INVALID_ARGUMENT, row + ": period id " + std::to_string(period[i]) +
                                                   " does not start a " + std::string(to_string(scheme.kind())) +
                                                   " of this scheme", static_cast<std::int64_t>(i));
    }
    try {
      grid.at(group[i], (period[i] - grid.first_period) / months)
          .merge(TicketKpiPartial::parse(partials[i], grid.category_names, row));
    } catch (Error& e) {
      throw Error(e.code(), e.what(), static_cast<std::int64_t>(i));
    }
  }
  return grid;
}

TicketKpiPartialRows ticket_kpi_partial_rows(const TicketKpiGrid& grid, const PeriodScheme& scheme) {
  TicketKpiPartialRows rows;
  for (std::int32_t g = 0; g < grid.groups; ++g) {
    for (std::int32_t k = 0, id = grid.first_period; k < grid.periods; ++k, id = scheme.next(id)) {
      const TicketKpiPartial& cell = grid.at(g, k);
      if (cell.created == 0 && cell.closed == 0) continue;  // nothing happened: no partial
      rows.group.push_back(g);
      rows.period.push_back(id);
      rows.partials.push_back(cell.serialize(grid.category_names));
    }
  }
  return rows;
}

std::string merge_ticket_kpi_partials(std::span<const std::string_view> partials) {
  std::vector<std::string> names;  // the union of the partials' categories, as met
  TicketKpiPartial merged;
  for (std::size_t i = 0; i < partials.size(); ++i) {
    try {
      merged.merge(TicketKpiPartial::parse(partials[i], names, "partial[" + std::to_string(i) + "]"));
    } catch (Error& e) {
      throw Error(e.code(), e.what(), static_cast<std::int64_t>(i));  // the row, for callers of columns
    }
  }
  return merged.serialize(names);
}

}  // namespace v1
}  // namespace mspcore
