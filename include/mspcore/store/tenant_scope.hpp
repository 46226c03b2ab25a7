/// @file tenant_scope.hpp
/// @brief Which tenants a store call may see: all of them, or exactly one.
///
/// An MSP's data hub serves callers of two kinds. Its own operators work across every client
/// ("all tenants"). A co-managed client's internal IT, or a portal showing one client its own
/// tickets and contracts, must see that client's rows and nothing else, not even whether
/// another client's id exists. Every store call keyed by an id therefore takes a scope and
/// reads a row outside it as Error(NOT_FOUND) with the same message as an id that does not
/// exist (docs/contract-ledger.md, docs/security-alert-pipeline.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mspcore {
inline namespace v1 {

/// All tenants, or exactly one. A small value: copy it freely.
class TenantScope {
 public:
  /// Every tenant: for the MSP's own operators and MSP-wide jobs.
  static TenantScope all() noexcept { return TenantScope(); }
  /// Exactly `tenant`; an empty name is Error(INVALID_ARGUMENT).
  static TenantScope only(std::string tenant);

  /// True for all(); false for only().
  bool is_all() const noexcept { return !tenant_; }
  /// The one tenant of only(); nullopt for all().
  const std::optional<std::string>& tenant() const noexcept { return tenant_; }
  /// Whether a row of `tenant` lies inside the scope.
  bool admits(std::string_view tenant) const noexcept { return !tenant_ || *tenant_ == tenant; }
  /// "all tenants" or "tenant 'T1'", for messages.
  std::string to_string() const;

  friend bool operator==(const TenantScope&, const TenantScope&) = default;

 private:
  TenantScope() = default;
  std::optional<std::string> tenant_;
};

}  // namespace v1
}  // namespace mspcore
