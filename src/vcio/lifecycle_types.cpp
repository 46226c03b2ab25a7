// Names of the lifecycle enums and the default policy.
#include <mspcore/core/error.hpp>
#include <mspcore/vcio/lifecycle.hpp>

#include "core/enum_names.hpp"

#include <array>
#include <string>

namespace mspcore {
inline namespace v1 {

using detail::parse_enum_name;

namespace {

constexpr std::array<std::string_view, kAssetTypeCount> kAssetTypes{"workstation", "laptop",  "server", "network",
                                                                    "storage",     "printer", "mobile", "other"};
constexpr std::array<std::string_view, 4> kStatuses{"supported", "due_soon", "overdue", "unknown"};

}  // namespace

std::string_view to_string(AssetType type) noexcept { return kAssetTypes[static_cast<std::size_t>(type)]; }
AssetType parse_asset_type(std::string_view text) { return parse_enum_name<AssetType>(text, kAssetTypes, "asset type"); }

std::string_view to_string(LifecycleStatus status) noexcept { return kStatuses[static_cast<std::size_t>(status)]; }
LifecycleStatus parse_lifecycle_status(std::string_view text) {
  return parse_enum_name<LifecycleStatus>(text, kStatuses, "lifecycle status");
}

// Typical lives: the low end of what vendors' standard warranties and MSP refresh cycles give
// (workstations and laptops 3-5 years, servers and network gear 5-7), so an estimate errs
// towards "due" rather than "fine". "other" has none: its warranty stays unknown.
std::array<AssetTypePolicy, kAssetTypeCount> LifecyclePolicy::defaults() {
  return {{
      {90, 4, true},             // workstation
      {90, 4, true},             // laptop
      {90, 5, true},             // server
      {90, 5, false},            // network
      {90, 5, false},            // storage
      {90, 5, false},            // printer
      {90, 3, false},            // mobile (its OS is not in the table)
      {90, std::nullopt, false}  // other
  }};
}

}  // namespace v1
}  // namespace mspcore
