/// @file access_records.hpp
/// @brief The one decoder of an access model (parties, roles with grants, principals) and
/// the JSON forms of a check, whatever carries the model: the C ABI's JSON, a Python dict, a
/// host's own rows (docs/access-control.md, docs/records.md).
#pragma once

#include <mspcore/access/access_model.hpp>
#include <mspcore/records/fields.hpp>

#include <array>
#include <memory>
#include <string>
#include <string_view>

namespace mspcore {
inline namespace v1 {

/// The fields of a model document, numbered as in kAccessModelFields.
enum class AccessModelField : std::size_t { parties, roles, principals };
inline constexpr std::array<std::string_view, 3> kAccessModelFields = {"parties", "roles", "principals"};

/// The fields of a party: {"id", "kind"}, kind msp, client_it or vendor.
enum class AccessPartyField : std::size_t { id, kind };
inline constexpr std::array<std::string_view, 2> kAccessPartyFields = {"id", "kind"};

/// The fields of a role.
enum class AccessRoleField : std::size_t { id, inherits, grants };
inline constexpr std::array<std::string_view, 3> kAccessRoleFields = {"id", "inherits", "grants"};

/// The fields of a grant.
enum class AccessGrantField : std::size_t { id, effect, actions, kinds, tenant, scope };
inline constexpr std::array<std::string_view, 6> kAccessGrantFields = {"id", "effect", "actions", "kinds", "tenant",
                                                                       "scope"};

/// The fields of a principal.
enum class AccessPrincipalField : std::size_t { id, party, roles, external, home_tenants };
inline constexpr std::array<std::string_view, 5> kAccessPrincipalFields = {"id", "party", "roles", "external",
                                                                           "home_tenants"};

/// The fields of a resource: {"kind", "tenant", "scope"}.
enum class AccessResourceField : std::size_t { kind, tenant, scope };
inline constexpr std::array<std::string_view, 3> kAccessResourceFields = {"kind", "tenant", "scope"};

/// The model (named "model" in errors): {"parties": [...], "roles": [...], "principals": [...]},
/// all optional. A role: id, inherits (role ids), grants. A grant: effect (allow, deny; default
/// allow), actions and kinds (lists of names, "*" for all of them; required), tenant and scope
/// (default "*"), id (optional). A principal: id, roles, party, external, home_tenants. With
/// parties listed, a principal's party must be one of them, and `external` defaults to true
/// for a party of kind client_it or vendor (false otherwise). Errors name the place:
/// `model.roles[1] (role 'tech').grants[0].actions[1]: unknown action 'delete' (known: ...)`.
/// Checked and compiled by AccessModel::compile().
AccessModelSpec read_access_model(const Fields& fields);

/// read_access_model() and compile() of a JSON text (a syntax error is Error(PARSE_ERROR)
/// naming "model").
std::shared_ptr<const AccessModel> access_model_from_json(std::string_view text);

/// A resource ("resource" in errors): kind and tenant required (tenant not empty), scope
/// optional ("" when absent: the kind as a whole in the tenant).
AccessResource read_access_resource(const Fields& fields);

/// A decision as JSON: {"allowed", "reason", "role", "grant_index", "grant_id", "chain"};
/// role, grant_index and grant_id are null when no grant decided (grant_id also when the
/// grant has none).
std::string access_decision_json(const AccessDecision& decision);

/// The request of msp_access_authorize_json, {"principal", "action", "resource": {"kind",
/// "tenant", "scope"}}, answered by `model` as access_decision_json().
std::string access_authorize_json(const AccessModel& model, std::string_view request);

}  // namespace v1
}  // namespace mspcore
