// The decoder of an access model and of a resource (the records layer, docs/records.md).
#include <mspcore/access/access_records.hpp>
#include <mspcore/records/field_reader.hpp>

#include <algorithm>
#include <map>

namespace mspcore {
inline namespace v1 {

namespace {

constexpr std::size_t operator+(AccessModelField f) { return static_cast<std::size_t>(f); }
constexpr std::size_t operator+(AccessPartyField f) { return static_cast<std::size_t>(f); }
constexpr std::size_t operator+(AccessRoleField f) { return static_cast<std::size_t>(f); }
constexpr std::size_t operator+(AccessGrantField f) { return static_cast<std::size_t>(f); }
constexpr std::size_t operator+(AccessPrincipalField f) { return static_cast<std::size_t>(f); }
constexpr std::size_t operator+(AccessResourceField f) { return static_cast<std::size_t>(f); }

std::string at_index(const std::string& list, std::size_t j) { return list + "[" + std::to_string(j) + "]"; }

std::size_t list_size(const FieldReader& r, std::size_t field, const char* what) {
  if (!r.has(field)) return 0;
  if (r.fields().kind(field) != FieldKind::List) {
    throw r.error(ErrorCode::INVALID_ARGUMENT,
                  r.at(field) + ": expected a list of " + what + ", got " + r.fields().describe(field));
  }
  return r.fields().size(field);
}

// A list of names (role ids, tenants, action names): each a non-empty string.
std::vector<std::string> read_names(const FieldReader& r, std::size_t field, const char* what) {
  std::vector<std::string> out;
  const std::size_t n = list_size(r, field, what);
  for (std::size_t j = 0; j < n; ++j) {
    const std::string w = at_index(r.at(field), j);
    const auto item = r.fields().item(field, j, {}, w);
    if (item->kind(Fields::kSelf) != FieldKind::Text) {
      throw Error(ErrorCode::INVALID_ARGUMENT, w + ": expected a string, got " + item->describe(Fields::kSelf));
    }
    std::string name(item->text(Fields::kSelf));
    if (name.empty()) throw Error(ErrorCode::INVALID_ARGUMENT, w + " must not be empty");
    if (std::find(out.begin(), out.end(), name) != out.end()) {
      throw Error(ErrorCode::INVALID_ARGUMENT, w + ": " + mspcore::quoted(name) + " is listed twice");
    }
    out.push_back(std::move(name));
  }
  return out;
}

// actions or kinds: names, "*" standing for every value of the enumeration (alone).
template <class Enum, class Parse>
std::vector<Enum> read_enum_list(const FieldReader& r, std::size_t field, const char* what, Parse parse,
                                 std::size_t count) {
  if (!r.has(field)) {
    throw r.error(ErrorCode::INVALID_ARGUMENT, r.where() + ": " + std::string(kAccessGrantFields[field]) + " is missing");
  }
  const std::vector<std::string> names = read_names(r, field, what);
  if (names.empty()) throw r.error(ErrorCode::INVALID_ARGUMENT, r.at(field) + " must not be empty");
  std::vector<Enum> out;
  for (std::size_t j = 0; j < names.size(); ++j) {
    if (names[j] == kAnyName) {
      if (names.size() != 1) {
        throw Error(ErrorCode::INVALID_ARGUMENT, at_index(r.at(field), j) + ": \"*\" stands alone (it is all of them)");
      }
      for (std::size_t v = 0; v < count; ++v) out.push_back(static_cast<Enum>(v));
      return out;
    }
    try {
      out.push_back(parse(names[j]));
    } catch (const Error& e) {
      throw Error(e.code(), at_index(r.at(field), j) + ": " + e.what());
    }
  }
  return out;
}

std::unique_ptr<Fields> object_item(const FieldReader& r, std::size_t field, std::size_t j, FieldNames names,
                                    const std::string& where) {
  auto item = r.fields().item(field, j, names, where);
  if (item->kind(Fields::kSelf) != FieldKind::Object) throw not_a_record(where, item->describe(Fields::kSelf));
  return item;
}

std::string text_or(const FieldReader& r, std::size_t field, std::string_view fallback) {
  return r.has(field) ? r.required_text(field) : std::string(fallback);
}

AccessGrant read_grant(const Fields& fields, const std::string& where) {
  using F = AccessGrantField;
  FieldReader r(fields, kAccessGrantFields, where);
  AccessGrant g;
  g.id = r.has(+F::id) ? r.required_text(+F::id) : std::string();
  if (!g.id.empty()) r.rename(where + " (grant " + mspcore::quoted(g.id) + ")");
  g.effect = r.name_or(+F::effect, parse_grant_effect, GrantEffect::Allow);
  g.actions = read_enum_list<AccessAction>(r, +F::actions, "actions", parse_access_action, 3);
  g.kinds = read_enum_list<ResourceKind>(r, +F::kinds, "resource kinds", parse_resource_kind, 5);
  g.tenant = text_or(r, +F::tenant, kAnyName);
  g.scope = text_or(r, +F::scope, kAnyName);
  return g;
}

AccessRole read_role(const Fields& fields, const std::string& where) {
  using F = AccessRoleField;
  FieldReader r(fields, kAccessRoleFields, where);
  AccessRole role;
  role.id = r.required_text(+F::id);
  r.rename(where + " (role " + mspcore::quoted(role.id) + ")");
  role.inherits = read_names(r, +F::inherits, "role ids");
  const std::size_t n = list_size(r, +F::grants, "grants");
  for (std::size_t j = 0; j < n; ++j) {
    const std::string w = at_index(r.at(+F::grants), j);
    role.grants.push_back(read_grant(*object_item(r, +F::grants, j, kAccessGrantFields, w), w));
  }
  return role;
}

bool external_kind(const std::string& kind) { return kind != "msp"; }

AccessPrincipal read_principal(const Fields& fields, const std::string& where,
                               const std::map<std::string, std::string>* parties) {
  using F = AccessPrincipalField;
  FieldReader r(fields, kAccessPrincipalFields, where);
  AccessPrincipal p;
  p.id = r.required_text(+F::id);
  r.rename(where + " (principal " + mspcore::quoted(p.id) + ")");
  p.party = r.has(+F::party) ? r.required_text(+F::party) : std::string();
  bool by_party = false;
  if (parties != nullptr && !p.party.empty()) {
    const auto it = parties->find(p.party);
    if (it == parties->end()) {
      std::string known;
      for (const auto& [id, kind] : *parties) known += (known.empty() ? "" : ", ") + id;
      throw r.error(ErrorCode::INVALID_ARGUMENT,
                    r.at(+F::party) + ": unknown party " + mspcore::quoted(p.party) + " (known: " + known + ")");
    }
    by_party = external_kind(it->second);
  }
  p.roles = read_names(r, +F::roles, "role ids");
  p.external = r.flag_or(+F::external, by_party);
  p.home_tenants = read_names(r, +F::home_tenants, "tenants");
  return p;
}

}  // namespace

AccessModelSpec read_access_model(const Fields& fields) {
  using F = AccessModelField;
  using P = AccessPartyField;
  if (fields.kind(Fields::kSelf) != FieldKind::Object) throw not_a_record("model", fields.describe(Fields::kSelf));
  const FieldReader r(fields, kAccessModelFields, "model");
  std::map<std::string, std::string> parties;  // id -> kind
  const bool has_parties = r.has(+F::parties);
  for (std::size_t j = 0, n = list_size(r, +F::parties, "parties"); j < n; ++j) {
    const std::string w = at_index(r.at(+F::parties), j);
    const auto item = object_item(r, +F::parties, j, kAccessPartyFields, w);
    FieldReader pr(*item, kAccessPartyFields, w);
    const std::string id = pr.required_text(+P::id);
    pr.rename(w + " (party " + mspcore::quoted(id) + ")");
    const std::string kind = pr.required_text(+P::kind);
    if (kind != "msp" && kind != "client_it" && kind != "vendor") {
      throw Error(ErrorCode::INVALID_ARGUMENT,
                  pr.at(+P::kind) + ": unknown party kind " + mspcore::quoted(kind) + " (known: msp, client_it, vendor)");
    }
    if (!parties.emplace(id, kind).second) {
      throw Error(ErrorCode::INVALID_ARGUMENT, w + ": duplicate party id " + mspcore::quoted(id));
    }
  }
  AccessModelSpec spec;
  for (std::size_t j = 0, n = list_size(r, +F::roles, "roles"); j < n; ++j) {
    const std::string w = at_index(r.at(+F::roles), j);
    spec.roles.push_back(read_role(*object_item(r, +F::roles, j, kAccessRoleFields, w), w));
  }
  for (std::size_t j = 0, n = list_size(r, +F::principals, "principals"); j < n; ++j) {
    const std::string w = at_index(r.at(+F::principals), j);
    spec.principals.push_back(read_principal(*object_item(r, +F::principals, j, kAccessPrincipalFields, w), w,
                                             has_parties ? &parties : nullptr));
  }
  return spec;
}

AccessResource read_access_resource(const Fields& fields) {
  using F = AccessResourceField;
  if (fields.kind(Fields::kSelf) != FieldKind::Object) throw not_a_record("resource", fields.describe(Fields::kSelf));
  const FieldReader r(fields, kAccessResourceFields, "resource");
  AccessResource res;
  res.kind = r.name(+F::kind, parse_resource_kind);
  res.tenant = r.required_text(+F::tenant);
  res.scope = r.text_or_empty(+F::scope);
  return res;
}

}  // namespace v1
}  // namespace mspcore
