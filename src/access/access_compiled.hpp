// Private: the compiled tables behind AccessModel (include/mspcore/access/access_model.hpp).
//
// Tenants and scopes become small integers; each distinct ordered list of assigned roles
// gets one table, shared by the principals that hold that list. A table flattens the roles'
// grants in decision order and indexes them per (action, kind) slot by (tenant, scope), the
// wildcard being its own id, so a check is at most four hash lookups whatever the model's size.
#pragma once

#include <mspcore/access/access_model.hpp>

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mspcore {
inline namespace v1 {

namespace access_detail {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
template <class V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

inline constexpr std::uint32_t kAny = 0xFFFFFFFFu;   // "*"
inline constexpr std::uint32_t kNone = 0xFFFFFFFFu;  // no grant at this position
inline constexpr std::size_t kActions = 3;
inline constexpr std::size_t kKinds = 5;
inline constexpr std::size_t kSlots = kActions * kKinds;

inline std::size_t slot_of(AccessAction a, ResourceKind k) noexcept {
  return static_cast<std::size_t>(a) * kKinds + static_cast<std::size_t>(k);
}
inline std::uint64_t key_of(std::uint32_t tenant, std::uint32_t scope) noexcept {
  return (static_cast<std::uint64_t>(tenant) << 32) | scope;
}

// The first deny and the first allow (positions in Table::grants) for one (tenant, scope).
struct Entry {
  std::uint32_t deny = kNone;
  std::uint32_t allow = kNone;
};

// A grant in a principal's decision order.
struct FlatGrant {
  std::uint32_t role;   // index in spec.roles
  std::uint32_t grant;  // index in that role's grants
  std::uint32_t chain;  // index in Table::chains
};

struct U64Hash {
  std::size_t operator()(std::uint64_t k) const noexcept {
    k ^= k >> 33;  // a mix: the keys are two small ids side by side
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return static_cast<std::size_t>(k);
  }
};

struct Table {
  std::vector<FlatGrant> grants;
  std::vector<std::vector<std::uint32_t>> chains;  // role indices, assigned role first
  std::array<std::unordered_map<std::uint64_t, Entry, U64Hash>, kSlots> slots;
  // Per slot, tenant (or kAny) -> the first deny on any scope of it: a question about a
  // kind as a whole in a tenant is refused by a deny on any part of it.
  std::array<std::unordered_map<std::uint32_t, std::uint32_t>, kSlots> deny_by_tenant;
};

struct CompiledPrincipal {
  std::uint32_t table = 0;
  bool external = false;
  std::vector<std::uint32_t> home;  // tenant ids, sorted
};

}  // namespace access_detail

struct AccessModel::Compiled {
  AccessModelSpec spec;
  std::size_t grant_count = 0;
  access_detail::StringMap<std::uint32_t> tenant_ids;
  access_detail::StringMap<std::uint32_t> scope_ids;
  std::vector<std::string> tenant_names;  // by id
  access_detail::StringMap<std::uint32_t> principal_ids;
  std::vector<access_detail::CompiledPrincipal> principals;
  std::vector<access_detail::Table> tables;
};

}  // namespace v1
}  // namespace mspcore
