// AccessModel::compile: checks the model (ids, unknown roles, inheritance cycles, external
// principals) and builds the tables of access_compiled.hpp.
#include "access/access_compiled.hpp"

#include <mspcore/core/error.hpp>

#include <algorithm>
#include <map>

namespace mspcore {
inline namespace v1 {

using namespace access_detail;

namespace {

std::string role_where(const AccessModelSpec& s, std::size_t i) {
  return "model.roles[" + std::to_string(i) + "] (role " + mspcore::quoted(s.roles[i].id) + ")";
}
std::string principal_where(const AccessModelSpec& s, std::size_t i) {
  return "model.principals[" + std::to_string(i) + "] (principal " + mspcore::quoted(s.principals[i].id) + ")";
}

[[noreturn]] void bad(const std::string& message) { throw Error(ErrorCode::INVALID_ARGUMENT, message); }

std::string known_roles(const AccessModelSpec& s) {
  std::string out;
  for (const AccessRole& r : s.roles) out += (out.empty() ? "" : ", ") + r.id;
  return out.empty() ? "none" : out;
}

// Role ids to indices; an empty or duplicate id is refused.
StringMap<std::uint32_t> index_roles(const AccessModelSpec& s) {
  StringMap<std::uint32_t> ids;
  for (std::size_t i = 0; i < s.roles.size(); ++i) {
    const std::string w = "model.roles[" + std::to_string(i) + "]";
    if (s.roles[i].id.empty()) bad(w + ".id must not be empty");
    if (const auto [it, fresh] = ids.emplace(s.roles[i].id, static_cast<std::uint32_t>(i)); !fresh) {
      bad(w + ": duplicate role id " + mspcore::quoted(s.roles[i].id) + " (first at model.roles[" + std::to_string(it->second) + "])");
    }
  }
  return ids;
}

std::uint32_t role_index(const StringMap<std::uint32_t>& ids, const AccessModelSpec& s, const std::string& name,
                         const std::string& where) {
  const auto it = ids.find(name);
  if (it == ids.end()) bad(where + ": unknown role " + mspcore::quoted(name) + " (known: " + known_roles(s) + ")");
  return it->second;
}

void check_grants(const AccessModelSpec& s) {
  for (std::size_t i = 0; i < s.roles.size(); ++i) {
    for (std::size_t j = 0; j < s.roles[i].grants.size(); ++j) {
      const AccessGrant& g = s.roles[i].grants[j];
      const std::string w = role_where(s, i) + ".grants[" + std::to_string(j) + "]";
      if (g.actions.empty()) bad(w + ".actions must not be empty");
      if (g.kinds.empty()) bad(w + ".kinds must not be empty");
      if (g.tenant.empty()) bad(w + ".tenant must not be empty (\"*\" is every tenant)");
      if (g.scope.empty()) bad(w + ".scope must not be empty (\"*\" is every scope)");
    }
  }
}

// Depth-first search over `inherits`; a back edge is a cycle, named from its first role
// round to it again: 'a' -> 'b' -> 'a'.
void check_cycles(const AccessModelSpec& s, const std::vector<std::vector<std::uint32_t>>& parents) {
  enum : char { White, Grey, Black };
  std::vector<char> colour(s.roles.size(), White);
  std::vector<std::uint32_t> path;
  std::function<void(std::uint32_t)> visit = [&](std::uint32_t r) {
    colour[r] = Grey;
    path.push_back(r);
    for (const std::uint32_t p : parents[r]) {
      if (colour[p] == Grey) {
        std::string cycle;
        const auto from = std::find(path.begin(), path.end(), p);
        for (auto it = from; it != path.end(); ++it) cycle += mspcore::quoted(s.roles[*it].id) + " -> ";
        bad("model.roles: inheritance cycle " + cycle + mspcore::quoted(s.roles[p].id));
      }
      if (colour[p] == White) visit(p);
    }
    path.pop_back();
    colour[r] = Black;
  };
  for (std::uint32_t r = 0; r < s.roles.size(); ++r) {
    if (colour[r] == White) visit(r);
  }
}

std::uint32_t intern(StringMap<std::uint32_t>& ids, const std::string& name, std::vector<std::string>* names) {
  if (name == kAnyName) return kAny;
  const auto [it, fresh] = ids.emplace(name, static_cast<std::uint32_t>(ids.size()));
  if (fresh && names != nullptr) names->push_back(name);
  return it->second;
}

// The table of one ordered list of assigned roles: grants in decision order (each role's own
// grants, then its parents' depth first, a role reached twice kept at its first visit).
Table build_table(AccessModel::Compiled& c, const std::vector<std::uint32_t>& assigned,
                  const std::vector<std::vector<std::uint32_t>>& parents) {
  Table t;
  std::vector<bool> seen(c.spec.roles.size(), false);
  std::vector<std::uint32_t> chain;
  std::function<void(std::uint32_t)> walk = [&](std::uint32_t r) {
    if (seen[r]) return;
    seen[r] = true;
    chain.push_back(r);
    const auto chain_id = static_cast<std::uint32_t>(t.chains.size());
    t.chains.push_back(chain);
    const AccessRole& role = c.spec.roles[r];
    for (std::size_t j = 0; j < role.grants.size(); ++j) {
      const AccessGrant& g = role.grants[j];
      const auto pos = static_cast<std::uint32_t>(t.grants.size());
      t.grants.push_back({r, static_cast<std::uint32_t>(j), chain_id});
      const std::uint64_t key =
          key_of(intern(c.tenant_ids, g.tenant, &c.tenant_names), intern(c.scope_ids, g.scope, nullptr));
      for (const AccessAction a : g.actions) {
        for (const ResourceKind k : g.kinds) {
          const std::size_t slot = slot_of(a, k);
          Entry& e = t.slots[slot][key];
          if (g.effect == GrantEffect::Deny) {
            if (e.deny == kNone) e.deny = pos;
            t.deny_by_tenant[slot].try_emplace(static_cast<std::uint32_t>(key >> 32), pos);
          } else if (e.allow == kNone) {
            e.allow = pos;
          }
        }
      }
    }
    for (const std::uint32_t p : parents[r]) walk(p);
    chain.pop_back();
  };
  for (const std::uint32_t r : assigned) walk(r);
  return t;
}

}  // namespace

std::shared_ptr<const AccessModel> AccessModel::compile(AccessModelSpec spec) {
  auto c = std::make_unique<Compiled>();
  c->spec = std::move(spec);
  const AccessModelSpec& s = c->spec;
  const StringMap<std::uint32_t> role_ids = index_roles(s);
  std::vector<std::vector<std::uint32_t>> parents(s.roles.size());
  for (std::size_t i = 0; i < s.roles.size(); ++i) {
    for (std::size_t j = 0; j < s.roles[i].inherits.size(); ++j) {
      parents[i].push_back(role_index(role_ids, s, s.roles[i].inherits[j],
                                      role_where(s, i) + ".inherits[" + std::to_string(j) + "]"));
    }
    c->grant_count += s.roles[i].grants.size();
  }
  check_cycles(s, parents);
  check_grants(s);

  std::map<std::vector<std::uint32_t>, std::uint32_t> table_of;  // ordered role list -> table
  for (std::size_t i = 0; i < s.principals.size(); ++i) {
    const AccessPrincipal& p = s.principals[i];
    if (p.id.empty()) bad("model.principals[" + std::to_string(i) + "].id must not be empty");
    const std::string w = principal_where(s, i);
    if (const auto [it, fresh] = c->principal_ids.emplace(p.id, static_cast<std::uint32_t>(i)); !fresh) {
      bad("model.principals[" + std::to_string(i) + "]: duplicate principal id " + mspcore::quoted(p.id) + " (first at model.principals[" +
          std::to_string(it->second) + "])");
    }
    std::vector<std::uint32_t> assigned;
    for (std::size_t j = 0; j < p.roles.size(); ++j) {
      assigned.push_back(role_index(role_ids, s, p.roles[j], w + ".roles[" + std::to_string(j) + "]"));
    }
    CompiledPrincipal cp;
    cp.external = p.external;
    if (p.external && p.home_tenants.empty()) {
      bad(w + ": an external principal needs home_tenants (the tenants it may work on)");
    }
    if (!p.external && !p.home_tenants.empty()) {
      bad(w + ".home_tenants: only an external principal has home tenants (set external)");
    }
    for (std::size_t j = 0; j < p.home_tenants.size(); ++j) {
      const std::string& t = p.home_tenants[j];
      if (t.empty() || t == kAnyName) {
        bad(w + ".home_tenants[" + std::to_string(j) + "]: " + mspcore::quoted(t) + " is not a tenant (a home tenant is named)");
      }
      cp.home.push_back(intern(c->tenant_ids, t, &c->tenant_names));
    }
    std::sort(cp.home.begin(), cp.home.end());
    const auto [it, fresh] = table_of.emplace(assigned, static_cast<std::uint32_t>(c->tables.size()));
    if (fresh) c->tables.push_back(build_table(*c, assigned, parents));
    cp.table = it->second;
    c->principals.push_back(std::move(cp));
  }
  return std::shared_ptr<const AccessModel>(new AccessModel(std::move(c)));
}

AccessModel::AccessModel(std::unique_ptr<Compiled> compiled) : c_(std::move(compiled)) {}
AccessModel::~AccessModel() = default;

const AccessModelSpec& AccessModel::spec() const noexcept { return c_->spec; }
std::size_t AccessModel::grant_count() const noexcept { return c_->grant_count; }

}  // namespace v1
}  // namespace mspcore
