// The names of the RACI enumerations: to_string(value) and parse_<enum>(text).
#include <mspcore/comanaged/raci.hpp>

#include "core/enum_names.hpp"

namespace mspcore {
inline namespace v1 {

namespace {

using detail::parse_enum_name;

constexpr std::array<std::string_view, 3> kPartyKinds = {"msp", "client_it", "vendor"};
constexpr std::array<std::string_view, 9> kProblems = {
    "duplicate_party", "duplicate_lane", "unknown_party",        "unknown_lane",  "bad_letter",
    "duplicate_cell",  "multiple_accountable", "no_accountable", "no_responsible"};
constexpr std::array<std::string_view, 5> kStatuses = {"routed", "no_matrix", "no_lane", "unknown_lane", "no_queue"};
constexpr std::array<std::string_view, 4> kSources = {"none", "ticket", "rule", "default"};
constexpr std::array<std::string_view, 5> kViolations = {"no_matrix", "no_lane", "unknown_lane", "unknown_owner",
                                                         "owner_not_responsible"};

template <class Enum, std::size_t N>
std::string_view name_of(Enum value, const std::array<std::string_view, N>& names) noexcept {
  return names[static_cast<std::size_t>(value)];
}

}  // namespace

std::string_view to_string(RaciPartyKind k) noexcept { return name_of(k, kPartyKinds); }
RaciPartyKind parse_raci_party_kind(std::string_view text) {
  return parse_enum_name<RaciPartyKind>(text, kPartyKinds, "party kind");
}

std::string_view to_string(RaciProblemKind k) noexcept { return name_of(k, kProblems); }
RaciProblemKind parse_raci_problem_kind(std::string_view text) {
  return parse_enum_name<RaciProblemKind>(text, kProblems, "RACI problem");
}

std::string_view to_string(RaciRouteStatus s) noexcept { return name_of(s, kStatuses); }
RaciRouteStatus parse_raci_route_status(std::string_view text) {
  return parse_enum_name<RaciRouteStatus>(text, kStatuses, "route status");
}

std::string_view to_string(RaciLaneSource s) noexcept { return name_of(s, kSources); }
RaciLaneSource parse_raci_lane_source(std::string_view text) {
  return parse_enum_name<RaciLaneSource>(text, kSources, "lane source");
}

std::string_view to_string(RaciViolationKind k) noexcept { return name_of(k, kViolations); }
RaciViolationKind parse_raci_violation_kind(std::string_view text) {
  return parse_enum_name<RaciViolationKind>(text, kViolations, "RACI violation");
}

}  // namespace v1
}  // namespace mspcore
