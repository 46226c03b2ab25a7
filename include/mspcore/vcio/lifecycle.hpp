/// @file lifecycle.hpp
/// @brief vCIO lifecycle: the warranty, OS support and replacement status of assets and the
/// term status of licences as of a date, each with the reason (docs/vcio-lifecycle.md).
///
/// The building block of the later vCIO parts (replacement policy, roadmap, budget, QBR):
/// every result carries its status, a machine reason code, the human text, the date it was
/// decided on and whether that date is an estimate.
#pragma once

#include <mspcore/money/money.hpp>
#include <mspcore/security/priority.hpp>
#include <mspcore/vcio/os_lifecycle.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// What kind of device an asset is: decides its due-soon window and typical life.
enum class AssetType : std::uint8_t { Workstation, Laptop, Server, Network, Storage, Printer, Mobile, Other };
inline constexpr std::size_t kAssetTypeCount = 8;

/// "workstation", "laptop", "server", "network", "storage", "printer", "mobile", "other".
std::string_view to_string(AssetType type) noexcept;
/// Error(INVALID_ARGUMENT) naming the text and the known names.
AssetType parse_asset_type(std::string_view text);

/// supported: the end is more than the window away; due_soon: within the window (the end day
/// itself included); overdue: the end has passed; unknown: nothing to decide on (never "fine").
enum class LifecycleStatus : std::uint8_t { Supported, DueSoon, Overdue, Unknown };
/// "supported", "due_soon", "overdue", "unknown".
std::string_view to_string(LifecycleStatus status) noexcept;
LifecycleStatus parse_lifecycle_status(std::string_view text);

/// An asset (a device under management).
struct Asset {
  std::string id;
  std::string tenant;
  AssetType type = AssetType::Other;
  std::string make, model, serial;  ///< "" when not given
  std::optional<std::chrono::sys_days> purchase_date;
  std::optional<std::chrono::sys_days> warranty_end;  ///< the last day covered
  std::string os, os_version, os_edition;             ///< "" when not given
  std::optional<Money> replacement_value;
  AssetCriticality criticality = AssetCriticality::Unknown;
};

/// Who pays for an asset's replacement: the client (in the client's budget), the MSP
/// (hardware as a service: not in the client's budget) or both (budgeted in full, flagged).
enum class ReplacementPayer : std::uint8_t { Client, Msp, Shared };
/// "client", "msp", "shared".
std::string_view to_string(ReplacementPayer payer) noexcept;
/// Error(INVALID_ARGUMENT) naming the text and the known names.
ReplacementPayer parse_replacement_payer(std::string_view text);

/// A service record: a ticket, or a time entry booked on a ticket, on one asset.
enum class ServiceKind : std::uint8_t { Ticket, TimeEntry };
/// "ticket", "time_entry".
std::string_view to_string(ServiceKind kind) noexcept;
ServiceKind parse_service_kind(std::string_view text);

/// What the service desk did on an asset: a ticket counts once, both kinds add their minutes.
/// Records that are not reactive (planned work, projects) count for nothing.
struct ServiceRecord {
  std::string tenant;
  std::string asset_id;                 ///< the id of an asset of the same tenant
  std::chrono::sys_days date{};         ///< the day the ticket was opened or the time was booked
  ServiceKind kind = ServiceKind::Ticket;
  std::int64_t minutes = 0;             ///< reactive minutes (>= 0)
  bool reactive = true;
};

/// A licence (subscription) of a tenant.
struct Licence {
  std::string tenant;
  std::string sku;
  std::int64_t seats = 0;
  std::optional<std::chrono::sys_days> term_end;  ///< the last day of the current term
  std::optional<Money> renewal_price;
  bool auto_renew = false;
};

/// Per asset type: the due-soon window and the typical life that estimates a missing warranty.
struct AssetTypePolicy {
  std::int64_t window_days = 90;
  std::optional<std::int64_t> typical_life_years;  ///< none: no estimate, the warranty is unknown
  bool tracks_os = false;  ///< an asset of this type without an OS is unknown rather than not applicable
  /// Replacement by age: purchase_date + max_age_years; none: no age rule, the replacement is unknown.
  std::optional<std::int64_t> max_age_years;
  std::optional<Money> replacement_value;  ///< used when the asset records none
  ReplacementPayer payer = ReplacementPayer::Client;
  /// Service signals: each full multiple of tickets_per_year tickets, or of
  /// reactive_hours_per_year reactive hours, in the 12 months up to as_of pulls the replacement
  /// pull_months earlier (the larger of the two counts), at most max_pull_months.
  std::int64_t tickets_per_year = 6;
  std::int64_t reactive_hours_per_year = 8;
  std::int64_t pull_months = 6;  ///< 0: service signals pull nothing
  std::int64_t max_pull_months = 24;
};

/// The rules of an evaluation. Defaults: 90 days everywhere; typical life workstation and
/// laptop 4 years, server, network, storage and printer 5, mobile 3, other none; max age
/// workstation and laptop 4 years, server 6, network 7, storage and printer 5, mobile 3,
/// other none; no default replacement values; the client pays.
struct LifecyclePolicy {
  std::array<AssetTypePolicy, kAssetTypeCount> types = defaults();
  std::int64_t licence_window_days = 90;

  const AssetTypePolicy& of(AssetType t) const { return types[static_cast<std::size_t>(t)]; }
  AssetTypePolicy& of(AssetType t) { return types[static_cast<std::size_t>(t)]; }
  static std::array<AssetTypePolicy, kAssetTypeCount> defaults();
};

/// Why a status is what it is: a stable machine code and a sentence for people.
struct Reason {
  std::string code;  ///< e.g. "warranty_ending", "os_support_ended", "os_not_in_table"
  std::string text;  ///< e.g. "warranty ends 2027-01-15, in 40 days (window 90)"
};

/// One check (warranty, OS support, licence term).
struct LifecycleCheck {
  LifecycleStatus status = LifecycleStatus::Unknown;
  Reason reason;
  std::optional<std::chrono::sys_days> end;  ///< the date decided on
  std::optional<std::int64_t> days_left;     ///< end - as_of (0 on the end day, negative after)
  bool estimate = false;                     ///< `end` is an estimate, not a published or recorded date
};

/// The OS check also says which table row decided.
struct OsCheck : LifecycleCheck {
  /// The deciding row, or none; it points into the table evaluated against, which must outlive it.
  const OsLifecycleRow* row = nullptr;
};

/// The service on one asset in the 12 months up to as_of (reactive records only).
struct ServiceSignals {
  std::int64_t tickets = 0;
  std::int64_t minutes = 0;
  /// minutes / 60 at two decimals, half-even (690 -> 11.50): for people; the rule counts minutes.
  Decimal hours() const;
};

/// The replacement check: `end` is the replacement date (by age, pulled earlier by service
/// signals, never before as_of through a pull), with who pays and what it costs.
struct ReplacementCheck : LifecycleCheck {
  std::optional<std::chrono::sys_days> by_age;  ///< purchase_date + max age; none when unknown
  std::int64_t pulled_months = 0;               ///< what the service rule pulls (0..max_pull_months)
  ServiceSignals service;
  ReplacementPayer payer = ReplacementPayer::Client;
  std::optional<Money> value;      ///< the asset's replacement_value, else the policy's for its type
  bool value_from_policy = false;  ///< `value` is the policy's default
};

/// An asset's result: each check and the overall status (the most urgent of overdue, due_soon,
/// then unknown, else supported) with the reason of the check that decided it.
struct AssetLifecycle {
  std::size_t index = 0;  ///< the asset's position in the input
  LifecycleStatus status = LifecycleStatus::Unknown;
  Reason reason;
  std::int64_t window_days = 0;
  LifecycleCheck warranty;
  std::optional<OsCheck> os;  ///< none: no OS given and the type does not track one
  ReplacementCheck replacement;
};

/// A licence's result.
struct LicenceLifecycle {
  std::size_t index = 0;
  std::int64_t window_days = 0;
  LifecycleCheck term;
};

/// The warranty of one asset as of a date.
LifecycleCheck warranty_check(const Asset& asset, std::chrono::sys_days as_of, const LifecyclePolicy& policy);
/// The OS support of one asset as of a date; none when it has no OS and its type tracks none.
std::optional<OsCheck> os_check(const Asset& asset, std::chrono::sys_days as_of, const LifecyclePolicy& policy,
                                const OsLifecycleTable& table);
/// The replacement of one asset as of a date, given its service in the 12 months up to as_of.
ReplacementCheck replacement_check(const Asset& asset, const ServiceSignals& service, std::chrono::sys_days as_of,
                                   const LifecyclePolicy& policy);
/// The term of one licence as of a date.
LifecycleCheck licence_check(const Licence& licence, std::chrono::sys_days as_of, const LifecyclePolicy& policy);

/// Every asset and licence as of `as_of`, in input order. Two assets with the same tenant and
/// id are Error(INVALID_ARGUMENT) naming both positions. `service` records count for their
/// asset when dated in the 12 months up to as_of (as_of - 12 months < date <= as_of); one
/// naming no asset of the input is Error(INVALID_ARGUMENT) naming the record.
struct LifecycleResult {
  std::chrono::sys_days as_of{};
  std::string os_table_version;  ///< the table's version (the user's rows' version after a '+')
  std::vector<AssetLifecycle> assets;
  std::vector<LicenceLifecycle> licences;
};
LifecycleResult evaluate_lifecycle(const std::vector<Asset>& assets, const std::vector<Licence>& licences,
                                   std::chrono::sys_days as_of, const LifecyclePolicy& policy = {},
                                   const OsLifecycleTable& table = OsLifecycleTable::shipped(),
                                   const std::vector<ServiceRecord>& service = {});

}  // namespace v1
}  // namespace mspcore
