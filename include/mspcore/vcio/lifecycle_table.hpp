/// @file lifecycle_table.hpp
/// @brief The lifecycle of many assets in a compact form: each distinct check result once,
/// each asset as the indexes of its three checks (docs/vcio-lifecycle.md, "In bulk").
///
/// A fleet repeats few results: a million assets have a few ten thousand distinct warranty and
/// replacement reasons and a few dozen OS reasons. Bulk consumers (the Python binding's
/// columns) read this form; evaluate_lifecycle() expands it into one AssetLifecycle per asset,
/// so both give the same results.
#pragma once

#include <mspcore/vcio/lifecycle.hpp>

#include <cstdint>
#include <optional>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// Every asset's checks as indexes into tables of distinct checks, in input order.
struct AssetLifecycleTable {
  /// Which check decided an asset's overall status and reason.
  enum class Decider : std::uint8_t { Warranty, Os, Replacement };
  static constexpr std::uint32_t kNoOs = UINT32_MAX;  ///< the asset has no OS check

  /// One asset: its checks by index into `warranties`, `os_checks` and `replacements`.
  struct Row {
    std::uint32_t warranty = 0;
    std::uint32_t os = kNoOs;
    std::uint32_t replacement = 0;
    Decider decider = Decider::Warranty;
    LifecycleStatus status = LifecycleStatus::Unknown;  ///< the decider's status
  };

  std::chrono::sys_days as_of{};
  std::string os_table_version;
  LifecyclePolicy policy;  ///< what the per-asset values (replacement value, window) come from
  std::vector<LifecycleCheck> warranties;  ///< distinct warranty checks
  std::vector<OsCheck> os_checks;          ///< distinct OS checks (rows point into the table evaluated against)
  /// Distinct replacement checks without `value` and `value_from_policy`, which are per asset
  /// (replacement_value()).
  std::vector<ReplacementCheck> replacements;
  std::vector<Row> rows;  ///< one per asset, in input order

  /// The replacement value used for asset `a`: its own, else the policy's for its type;
  /// `from_policy` says which.
  std::optional<Money> replacement_value(const Asset& a, bool& from_policy) const;
  /// Asset i (`a` is assets[i]) as one record, the same as evaluate_lifecycle() gives.
  AssetLifecycle asset(std::size_t i, const Asset& a) const;
};

/// Every asset as of `as_of`, with the rules, errors and results of evaluate_lifecycle()
/// (duplicate (tenant, id), service records naming no asset), in the compact form. Large
/// inputs are evaluated on every core; results and the first error do not depend on it.
AssetLifecycleTable evaluate_asset_table(const std::vector<Asset>& assets, std::chrono::sys_days as_of,
                                         const LifecyclePolicy& policy = {},
                                         const OsLifecycleTable& table = OsLifecycleTable::shipped(),
                                         const std::vector<ServiceRecord>& service = {});

}  // namespace v1
}  // namespace mspcore
