// Roadmap names, quarters and the dependency check (unknown ids, cycles, order findings).
#include <mspcore/core/error.hpp>
#include <mspcore/vcio/roadmap.hpp>

#include "core/enum_names.hpp"

#include <array>
#include <charconv>
#include <functional>
#include <string_view>
#include <unordered_map>
#include <string>
#include <utility>

namespace mspcore {
inline namespace v1 {

using detail::parse_enum_name;

namespace {

struct PairHash {
  std::size_t operator()(const std::pair<std::string_view, std::string_view>& p) const noexcept {
    const std::size_t a = std::hash<std::string_view>{}(p.first);
    return a ^ (std::hash<std::string_view>{}(p.second) + 0x9E3779B97F4A7C15ULL + (a << 6) + (a >> 2));
  }
};

constexpr std::array<std::string_view, 5> kStatuses{"proposed", "approved", "scheduled", "done", "declined"};
constexpr std::array<std::string_view, 2> kKinds{"one_time", "recurring"};
constexpr std::array<std::string_view, 3> kPeriods{"monthly", "quarterly", "annual"};
constexpr std::array<std::string_view, 2> kBases{"flat", "per_asset"};
constexpr std::array<std::string_view, 2> kCategories{"capex", "opex"};

template <std::size_t N>
std::string_view name_at(const std::array<std::string_view, N>& names, std::uint8_t value) noexcept {
  return names[value];
}

}  // namespace

std::string_view to_string(InitiativeStatus s) noexcept { return name_at(kStatuses, static_cast<std::uint8_t>(s)); }
InitiativeStatus parse_initiative_status(std::string_view t) {
  return parse_enum_name<InitiativeStatus>(t, kStatuses, "initiative status");
}
bool is_approved(InitiativeStatus s) noexcept {
  return s == InitiativeStatus::Approved || s == InitiativeStatus::Scheduled || s == InitiativeStatus::Done;
}
std::string_view to_string(CostKind k) noexcept { return name_at(kKinds, static_cast<std::uint8_t>(k)); }
CostKind parse_cost_kind(std::string_view t) { return parse_enum_name<CostKind>(t, kKinds, "cost kind"); }
std::string_view to_string(CostPeriod p) noexcept { return name_at(kPeriods, static_cast<std::uint8_t>(p)); }
CostPeriod parse_cost_period(std::string_view t) { return parse_enum_name<CostPeriod>(t, kPeriods, "cost period"); }
std::string_view to_string(CostBasis b) noexcept { return name_at(kBases, static_cast<std::uint8_t>(b)); }
CostBasis parse_cost_basis(std::string_view t) { return parse_enum_name<CostBasis>(t, kBases, "cost basis"); }
std::string_view to_string(CostCategory c) noexcept { return name_at(kCategories, static_cast<std::uint8_t>(c)); }
CostCategory parse_cost_category(std::string_view t) {
  return parse_enum_name<CostCategory>(t, kCategories, "cost category");
}

Quarter parse_quarter(std::string_view text) {
  const auto bad = [&] {
    return Error(ErrorCode::INVALID_ARGUMENT, quoted(text) + " is not a quarter (expected YYYY-Q1 .. YYYY-Q4)");
  };
  if (text.size() != 7 || text[4] != '-' || text[5] != 'Q') throw bad();
  int year = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + 4, year);
  if (ec != std::errc() || end != text.data() + 4) throw bad();
  const char q = text[6];
  if (q < '1' || q > '4') throw bad();
  return Quarter{year, q - '0'};
}

std::string to_string(const Quarter& q) {
  std::string year = std::to_string(q.year);
  if (year.size() < 4) year.insert(0, 4 - year.size(), '0');
  return year + "-Q" + std::to_string(q.number);
}

Quarter quarter_of_month(std::int64_t month) noexcept {
  return Quarter{static_cast<int>(month / 12), static_cast<int>(month % 12) / 3 + 1};
}

std::vector<RoadmapFinding> check_roadmap(const std::vector<Initiative>& initiatives) {
  // (tenant, id) -> index: dependencies never cross tenants. Hashed: roadmaps of thousands
  // of tenants have tens of thousands of initiatives.
  std::unordered_map<std::pair<std::string_view, std::string_view>, std::size_t, PairHash> by_id;
  by_id.reserve(initiatives.size());
  for (std::size_t i = 0; i < initiatives.size(); ++i) {
    const Initiative& x = initiatives[i];
    const auto [it, fresh] = by_id.try_emplace({x.tenant, x.id}, i);
    if (!fresh) {
      throw Error(ErrorCode::INVALID_ARGUMENT,
                  x.where + ": initiative " + quoted(x.id) + " is already " + initiatives[it->second].where);
    }
  }
  std::vector<std::vector<std::size_t>> deps(initiatives.size());
  for (std::size_t i = 0; i < initiatives.size(); ++i) {
    for (const std::string& d : initiatives[i].depends_on) {
      const auto it = by_id.find({std::string_view(initiatives[i].tenant), std::string_view(d)});
      if (it == by_id.end()) {
        throw Error(ErrorCode::INVALID_ARGUMENT, initiatives[i].where + ".depends_on: unknown initiative " + quoted(d) +
                                                     " (tenant " + quoted(initiatives[i].tenant) + ")");
      }
      deps[i].push_back(it->second);
    }
  }
  // Depth-first, iteratively: a dependency met again while still on the path closes a cycle,
  // which is the path from that initiative on.
  enum class Mark : std::uint8_t { New, OnPath, Done };
  std::vector<Mark> mark(initiatives.size(), Mark::New);
  std::vector<std::pair<std::size_t, std::size_t>> path;  // (node, next dependency)
  for (std::size_t root = 0; root < initiatives.size(); ++root) {
    if (mark[root] != Mark::New) continue;
    path.assign(1, {root, 0});
    mark[root] = Mark::OnPath;
    while (!path.empty()) {
      auto& [node, next] = path.back();
      if (next == deps[node].size()) {
        mark[node] = Mark::Done;
        path.pop_back();
        continue;
      }
      const std::size_t d = deps[node][next++];
      if (mark[d] == Mark::OnPath) {
        std::string cycle;
        bool in = false;
        for (const auto& step : path) {
          in = in || step.first == d;
          if (in) cycle += initiatives[step.first].id + " -> ";
        }
        cycle += initiatives[d].id;
        throw Error(ErrorCode::INVALID_ARGUMENT, "roadmap of tenant " + quoted(initiatives[d].tenant) +
                                                     ": dependency cycle " + cycle);
      }
      if (mark[d] == Mark::New) {
        mark[d] = Mark::OnPath;
        path.emplace_back(d, 0);
      }
    }
  }
  std::vector<RoadmapFinding> findings;
  for (std::size_t i = 0; i < initiatives.size(); ++i) {
    const Initiative& x = initiatives[i];
    if (x.status == InitiativeStatus::Declined) continue;
    for (const std::size_t d : deps[i]) {
      const Initiative& y = initiatives[d];
      if (y.status == InitiativeStatus::Declined) {
        findings.push_back({"depends_on_declined", x.tenant, x.id,
                            x.id + " depends on " + y.id + ", which is declined"});
      } else if (x.quarter < y.quarter) {
        findings.push_back({"scheduled_before_dependency", x.tenant, x.id,
                            x.id + " (" + to_string(x.quarter) + ") is scheduled before " + y.id + " (" +
                                to_string(y.quarter) + "), which it depends on"});
      }
    }
  }
  return findings;
}

}  // namespace v1
}  // namespace mspcore
