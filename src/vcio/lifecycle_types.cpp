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
constexpr std::array<std::string_view, 3> kPayers{"client", "msp", "shared"};
constexpr std::array<std::string_view, 2> kServiceKinds{"ticket", "time_entry"};

AssetTypePolicy type_policy(std::optional<std::int64_t> life, bool tracks_os, std::optional<std::int64_t> max_age) {
  AssetTypePolicy p;
  p.typical_life_years = life;
  p.tracks_os = tracks_os;
  p.max_age_years = max_age;
  return p;
}

}  // namespace

std::string_view to_string(AssetType type) noexcept { return kAssetTypes[static_cast<std::size_t>(type)]; }
AssetType parse_asset_type(std::string_view text) { return parse_enum_name<AssetType>(text, kAssetTypes, "asset type"); }

std::string_view to_string(LifecycleStatus status) noexcept { return kStatuses[static_cast<std::size_t>(status)]; }
LifecycleStatus parse_lifecycle_status(std::string_view text) {
  return parse_enum_name<LifecycleStatus>(text, kStatuses, "lifecycle status");
}

std::string_view to_string(ReplacementPayer payer) noexcept { return kPayers[static_cast<std::size_t>(payer)]; }
ReplacementPayer parse_replacement_payer(std::string_view text) {
  return parse_enum_name<ReplacementPayer>(text, kPayers, "payer");
}

std::string_view to_string(ServiceKind kind) noexcept { return kServiceKinds[static_cast<std::size_t>(kind)]; }
ServiceKind parse_service_kind(std::string_view text) {
  return parse_enum_name<ServiceKind>(text, kServiceKinds, "service kind");
}

// Typical lives: the low end of what vendors' standard warranties and MSP refresh cycles give
// (workstations and laptops 3-5 years, servers and network gear 5-7), so an estimate errs
// towards "due" rather than "fine". "other" has none: its warranty stays unknown.
// Max ages: the usual MSP refresh cycles. Clients at the warranty's typical life (a device
// out of warranty is replaced rather than repaired); servers a year after it (a sixth year of
// extended support is common), network gear at the upper end (switches and firewalls outlive
// their warranty), storage and printers at 5. "other" has none: no age rule, unknown.
std::array<AssetTypePolicy, kAssetTypeCount> LifecyclePolicy::defaults() {
  return {{
      type_policy(4, true, 4),                        // workstation
      type_policy(4, true, 4),                        // laptop
      type_policy(5, true, 6),                        // server
      type_policy(5, false, 7),                       // network
      type_policy(5, false, 5),                       // storage
      type_policy(5, false, 5),                       // printer
      type_policy(3, false, 3),                       // mobile (its OS is not in the table)
      type_policy(std::nullopt, false, std::nullopt)  // other
  }};
}

}  // namespace v1
}  // namespace mspcore
