/// @file access_model.hpp
/// @brief Role-based access control for co-managed IT: roles with allow and deny grants,
/// role inheritance, external technicians confined to their home tenants, and a compiled
/// check fast enough for every request (docs/access-control.md).
///
/// A decision is deny-overrides: a deny grant that matches beats every allow that matches,
/// however specific the allow and wherever in the inheritance it sits. Before any grant is
/// looked at, an external principal (a client's IT, a vendor's technician) is refused on
/// every tenant outside its home tenants, whatever its roles say.
#pragma once

#include <mspcore/store/tenant_scope.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// What a principal wants to do.
enum class AccessAction : std::uint8_t { Read, Write, Approve };
/// What kind of thing it wants to do it to.
enum class ResourceKind : std::uint8_t { Ticket, Queue, Report, KbSpace, Contract };
/// Whether a grant permits or forbids.
enum class GrantEffect : std::uint8_t { Allow, Deny };
/// Why a decision came out as it did.
enum class DecisionReason : std::uint8_t {
  Allowed,             ///< an allow grant matched and no deny did
  Denied,              ///< a deny grant matched (it overrides every allow)
  NoGrant,             ///< no grant matched: refused by default
  OutsideHomeTenants,  ///< an external principal asked about a tenant outside its home tenants
  UnknownPrincipal     ///< the model has no such principal
};

/// "read", "write", "approve".
std::string_view to_string(AccessAction value) noexcept;
/// "ticket", "queue", "report", "kb_space", "contract".
std::string_view to_string(ResourceKind value) noexcept;
/// "allow", "deny".
std::string_view to_string(GrantEffect value) noexcept;
/// "allowed", "denied", "no_grant", "outside_home_tenants", "unknown_principal".
std::string_view to_string(DecisionReason value) noexcept;
/// The value of a name above; anything else is Error(INVALID_ARGUMENT) listing the names.
AccessAction parse_access_action(std::string_view text);
ResourceKind parse_resource_kind(std::string_view text);
GrantEffect parse_grant_effect(std::string_view text);
DecisionReason parse_decision_reason(std::string_view text);

/// The wildcard of a grant's tenant or scope (and of its actions and kinds in the records).
inline constexpr std::string_view kAnyName = "*";

/// One grant of a role: `effect` for `actions` on `kinds`, on `tenant` ("*": every tenant)
/// and `scope` ("*": every queue, report, KB space or contract of the tenant; else that one).
struct AccessGrant {
  std::string id;  ///< optional, for explanations; "" when not given
  GrantEffect effect = GrantEffect::Allow;
  std::vector<AccessAction> actions;  ///< not empty, no duplicates
  std::vector<ResourceKind> kinds;    ///< not empty, no duplicates
  std::string tenant = std::string(kAnyName);
  std::string scope = std::string(kAnyName);
};

/// A role: its own grants, and the roles whose grants it inherits.
struct AccessRole {
  std::string id;
  std::vector<std::string> inherits;
  std::vector<AccessGrant> grants;
};

/// Someone who asks: the MSP's own staff, a client's IT, a vendor's technician.
struct AccessPrincipal {
  std::string id;
  std::string party;                      ///< optional: the party it works for ("" when not given)
  std::vector<std::string> roles;         ///< assigned roles, in the order decisions search them
  bool external = false;                  ///< a co-managing technician from outside the MSP
  std::vector<std::string> home_tenants;  ///< an external principal's tenants (not empty, no "*")
};

/// The model as written: roles and principals. AccessModel::compile() checks and compiles it.
struct AccessModelSpec {
  std::vector<AccessRole> roles;
  std::vector<AccessPrincipal> principals;
};

/// What is asked about: one thing of `kind` in `tenant`; `scope` names it within the tenant
/// (the queue of a ticket, the queue, the report, the KB space, the contract). An empty scope
/// means the kind as a whole in the tenant (every one of them, as a store query would read):
/// only an allow with scope "*" covers it, and a deny on any scope of the tenant refuses it.
struct AccessResource {
  ResourceKind kind = ResourceKind::Ticket;
  std::string tenant;
  std::string scope;
};

/// The answer of AccessModel::authorize(), with the grant that decided it.
struct AccessDecision {
  bool allowed = false;
  DecisionReason reason = DecisionReason::NoGrant;
  /// The role holding the deciding grant ("" for no_grant, outside_home_tenants, unknown_principal).
  std::string role;
  /// The deciding grant's position in its role's grants, and its id ("" when it has none).
  std::optional<std::size_t> grant_index;
  std::string grant_id;
  /// How the principal reaches `role`: its assigned role first, then each inherited role in
  /// turn, ending with `role`. Empty when no grant decided.
  std::vector<std::string> chain;

  friend bool operator==(const AccessDecision&, const AccessDecision&) = default;
};

/// A checked, compiled access model. Immutable: share it between threads freely.
///
/// The grants a principal holds are its roles' grants in a fixed order: its assigned roles
/// in the order given, each role's own grants before those of the roles it inherits (in the
/// order of `inherits`, depth first), a role reached twice counted at its first visit. The
/// deciding grant is the first matching deny in that order, else the first matching allow.
class AccessModel {
 public:
  /// Checks `spec` and compiles it. Errors (INVALID_ARGUMENT) name the place as the records
  /// do: a duplicate role or principal id, an unknown role (`model.principals[1] (principal
  /// 'bob').roles[0]: unknown role 'tech' (known: ...)`), an inheritance cycle named in full
  /// (`model.roles: inheritance cycle 'a' -> 'b' -> 'a'`), an external principal without
  /// home tenants, an empty actions, kinds, tenant or scope of a grant.
  static std::shared_ptr<const AccessModel> compile(AccessModelSpec spec);

  ~AccessModel();
  AccessModel(const AccessModel&) = delete;
  AccessModel& operator=(const AccessModel&) = delete;

  /// May `principal` do `action` to `resource`? Never throws for an unknown principal, tenant
  /// or scope: those are answers ("no: unknown principal").
  AccessDecision authorize(std::string_view principal, AccessAction action, const AccessResource& resource) const;

  /// Only the yes or no of authorize(), without building the explanation: the hot path.
  bool allows(std::string_view principal, AccessAction action, const AccessResource& resource) const noexcept;

  /// The TenantScope a store call for `principal` doing `action` on `kind` must use. With a
  /// tenant: only(tenant) when the principal may do it tenant-wide there (authorize() with
  /// an empty scope), else Error(PERMISSION_DENIED) naming principal, action, kind and
  /// tenant. Without one: all() when the principal is not external and may do it on every
  /// tenant (an allow on tenant "*" with scope "*" and no deny for that action and kind
  /// anywhere); only(t) when exactly one tenant is allowed; else Error(PERMISSION_DENIED)
  /// saying a tenant must be named (or that none is allowed). An unknown principal is
  /// Error(PERMISSION_DENIED).
  TenantScope scope_for(std::string_view principal, AccessAction action, ResourceKind kind,
                        const std::optional<std::string>& tenant) const;

  /// The model as it was given.
  const AccessModelSpec& spec() const noexcept;
  /// Number of grants over all roles.
  std::size_t grant_count() const noexcept;

  struct Compiled;  ///< private: the compiled tables (src/access/)

 private:
  explicit AccessModel(std::unique_ptr<Compiled> compiled);
  std::unique_ptr<Compiled> c_;
};

}  // namespace v1
}  // namespace mspcore
