// The names of the access enums: to_string(value) and parse_<enum>(text).
#include <mspcore/access/access_model.hpp>

#include "core/enum_names.hpp"

#include <array>

namespace mspcore {
inline namespace v1 {

namespace {
constexpr std::array<std::string_view, 3> kActionNames = {"read", "write", "approve"};
constexpr std::array<std::string_view, 5> kKindNames = {"ticket", "queue", "report", "kb_space", "contract"};
constexpr std::array<std::string_view, 2> kEffectNames = {"allow", "deny"};
constexpr std::array<std::string_view, 5> kReasonNames = {"allowed", "denied", "no_grant", "outside_home_tenants",
                                                          "unknown_principal"};
}  // namespace

std::string_view to_string(AccessAction value) noexcept { return kActionNames[static_cast<std::size_t>(value)]; }
std::string_view to_string(ResourceKind value) noexcept { return kKindNames[static_cast<std::size_t>(value)]; }
std::string_view to_string(GrantEffect value) noexcept { return kEffectNames[static_cast<std::size_t>(value)]; }
std::string_view to_string(DecisionReason value) noexcept { return kReasonNames[static_cast<std::size_t>(value)]; }

AccessAction parse_access_action(std::string_view text) {
  return detail::parse_enum_name<AccessAction>(text, kActionNames, "action");
}
ResourceKind parse_resource_kind(std::string_view text) {
  return detail::parse_enum_name<ResourceKind>(text, kKindNames, "resource kind");
}
GrantEffect parse_grant_effect(std::string_view text) {
  return detail::parse_enum_name<GrantEffect>(text, kEffectNames, "effect");
}
DecisionReason parse_decision_reason(std::string_view text) {
  return detail::parse_enum_name<DecisionReason>(text, kReasonNames, "decision reason");
}

}  // namespace v1
}  // namespace mspcore
