// The checks of a compiled AccessModel: authorize(), allows() and scope_for().
#include "access/access_compiled.hpp"

#include <mspcore/core/error.hpp>

#include <algorithm>

namespace mspcore {
inline namespace v1 {

using namespace access_detail;

namespace {

struct Found {
  std::uint32_t deny = kNone;  // first matching deny, position in the table's grants
  std::uint32_t allow = kNone;
};

std::uint32_t id_of(const StringMap<std::uint32_t>& ids, std::string_view name) noexcept {
  const auto it = ids.find(name);
  return it == ids.end() ? kNone - 1 : it->second;  // an unknown name matches only "*"
}

// The grants of `t` matching (action, kind, tenant, scope): at most four lookups, the
// resource's exact tenant and scope each paired with the wildcard. Positions are in decision
// order, so the smallest is the first.
Found match(const Table& t, std::size_t slot, std::uint32_t tenant, std::uint32_t scope) noexcept {
  Found f;
  const auto& map = t.slots[slot];
  if (map.empty()) return f;
  const auto look = [&](std::uint32_t te, std::uint32_t sc) {
    const auto it = map.find(key_of(te, sc));
    if (it == map.end()) return;
    f.deny = std::min(f.deny, it->second.deny);
    f.allow = std::min(f.allow, it->second.allow);
  };
  if (scope != kAny) {  // one named thing: the grants on it and on every thing of its kind
    look(kAny, kAny);
    look(kAny, scope);
    if (tenant != kAny) {
      look(tenant, kAny);
      look(tenant, scope);
    }
    return f;
  }
  // The kind as a whole: allowed by grants on every scope, refused by a deny on any scope.
  look(kAny, kAny);
  if (tenant != kAny) look(tenant, kAny);
  const auto& denies = t.deny_by_tenant[slot];
  if (denies.empty()) return f;
  f.deny = kNone;
  if (const auto it = denies.find(kAny); it != denies.end()) f.deny = it->second;
  if (tenant != kAny) {
    if (const auto it = denies.find(tenant); it != denies.end()) f.deny = std::min(f.deny, it->second);
  }
  return f;
}

bool outside_home(const CompiledPrincipal& p, std::uint32_t tenant) noexcept {
  return p.external && !std::binary_search(p.home.begin(), p.home.end(), tenant);
}

// The resource's tenant and scope as ids; an empty scope is "the kind as a whole" (kAny).
std::pair<std::uint32_t, std::uint32_t> resource_ids(const AccessModel::Compiled& c, const AccessResource& r) noexcept {
  // A tenant literally named "*" is no tenant: it must not match tenant-specific grants.
  const std::uint32_t tenant = r.tenant == kAnyName ? kNone - 1 : id_of(c.tenant_ids, r.tenant);
  const std::uint32_t scope = r.scope.empty() ? kAny : r.scope == kAnyName ? kNone - 1 : id_of(c.scope_ids, r.scope);
  return {tenant, scope};
}

std::string what(std::string_view principal, AccessAction action, ResourceKind kind) {
  return "principal " + mspcore::quoted(principal) + " may not " + std::string(to_string(action)) + " " +
         std::string(to_string(kind));
}

}  // namespace

bool AccessModel::allows(std::string_view principal, AccessAction action, const AccessResource& resource) const noexcept {
  const auto pit = c_->principal_ids.find(principal);
  if (pit == c_->principal_ids.end()) return false;
  const CompiledPrincipal& p = c_->principals[pit->second];
  const auto [tenant, scope] = resource_ids(*c_, resource);
  if (outside_home(p, tenant)) return false;
  const Found f = match(c_->tables[p.table], slot_of(action, resource.kind), tenant, scope);
  return f.deny == kNone && f.allow != kNone;
}

AccessDecision AccessModel::authorize(std::string_view principal, AccessAction action,
                                      const AccessResource& resource) const {
  AccessDecision d;
  const auto pit = c_->principal_ids.find(principal);
  if (pit == c_->principal_ids.end()) {
    d.reason = DecisionReason::UnknownPrincipal;
    return d;
  }
  const CompiledPrincipal& p = c_->principals[pit->second];
  const auto [tenant, scope] = resource_ids(*c_, resource);
  if (outside_home(p, tenant)) {
    d.reason = DecisionReason::OutsideHomeTenants;
    return d;
  }
  const Table& t = c_->tables[p.table];
  const Found f = match(t, slot_of(action, resource.kind), tenant, scope);
  const std::uint32_t pos = f.deny != kNone ? f.deny : f.allow;
  if (pos == kNone) {
    d.reason = DecisionReason::NoGrant;
    return d;
  }
  d.allowed = f.deny == kNone;
  d.reason = d.allowed ? DecisionReason::Allowed : DecisionReason::Denied;
  const FlatGrant& g = t.grants[pos];
  const AccessRole& role = c_->spec.roles[g.role];
  d.role = role.id;
  d.grant_index = g.grant;
  d.grant_id = role.grants[g.grant].id;
  for (const std::uint32_t r : t.chains[g.chain]) d.chain.push_back(c_->spec.roles[r].id);
  return d;
}

TenantScope AccessModel::scope_for(std::string_view principal, AccessAction action, ResourceKind kind,
                                   const std::optional<std::string>& tenant) const {
  const auto pit = c_->principal_ids.find(principal);
  if (pit == c_->principal_ids.end()) {
    throw Error(ErrorCode::PERMISSION_DENIED, what(principal, action, kind) + ": unknown principal");
  }
  if (tenant) {
    const AccessDecision d = authorize(principal, action, {kind, *tenant, ""});
    if (!d.allowed) {
      throw Error(ErrorCode::PERMISSION_DENIED, what(principal, action, kind) + " of tenant " + mspcore::quoted(*tenant) +
                                                    ": " + std::string(to_string(d.reason)));
    }
    return TenantScope::only(*tenant);
  }
  const CompiledPrincipal& p = c_->principals[pit->second];
  const Table& t = c_->tables[p.table];
  const std::size_t slot = slot_of(action, kind);
  const auto& map = t.slots[slot];
  const auto every = map.find(key_of(kAny, kAny));
  const bool allow_every = every != map.end() && every->second.allow != kNone;
  if (allow_every && !p.external && t.deny_by_tenant[slot].empty()) return TenantScope::all();
  // The candidates: an external principal's home tenants; else the tenants grants name,
  // unless an allow on every tenant makes them endless.
  std::vector<std::uint32_t> candidates;
  bool endless = false;
  if (p.external) {
    candidates = p.home;
  } else if (allow_every) {
    endless = true;
  } else {
    for (const auto& [key, entry] : map) {
      const auto te = static_cast<std::uint32_t>(key >> 32);
      if (te != kAny && entry.allow != kNone) candidates.push_back(te);
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  }
  std::vector<std::string> allowed;
  for (const std::uint32_t te : candidates) {
    const std::string& name = c_->tenant_names[te];
    if (allows(principal, action, {kind, name, ""})) allowed.push_back(name);
  }
  if (!endless && allowed.size() == 1) return TenantScope::only(allowed.front());
  if (!endless && allowed.empty()) {
    throw Error(ErrorCode::PERMISSION_DENIED, what(principal, action, kind) + " tenant-wide on any tenant");
  }
  std::sort(allowed.begin(), allowed.end());
  std::string list;
  for (const std::string& a : allowed) list += (list.empty() ? "" : ", ") + mspcore::quoted(a);
  throw Error(ErrorCode::PERMISSION_DENIED,
              what(principal, action, kind) + " on all tenants" +
                  (endless ? std::string() : " (allowed on " + list + ")") + ": a tenant must be named");
}

}  // namespace v1
}  // namespace mspcore
