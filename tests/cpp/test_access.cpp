// RBAC (docs/access-control.md): hand-worked decisions on tests/access/comanaged_model.json,
// scopes for store calls, the model's bad input named, and the compiled check against a
// straightforward scan of the grants on generated models.
//
// How the answers were worked out: a principal's grants in decision order are its assigned
// roles in order, each role's own grants before its parents' (depth first). For alice
// (technician, no_finance_reports) that is
//   pos 0 technician.grants[0] work-tickets   chain technician
//   pos 1 viewer.grants[0] view-all           chain technician -> viewer
//   pos 2 no_finance_reports.grants[0] deny   chain no_finance_reports
// The first matching deny decides; without one, the first matching allow.
#include <mspcore/access/access_records.hpp>
#include <mspcore/core/error.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <random>
#include <sstream>
#include <string>

using namespace mspcore;
using nlohmann::json;

namespace {

std::string model_text() {
  std::ifstream in(MSP_SOURCE_DIR "/tests/access/comanaged_model.json");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const AccessModel& model() {
  static const auto m = access_model_from_json(model_text());
  return *m;
}

AccessDecision ask(const char* who, AccessAction a, ResourceKind k, const char* tenant, const char* scope = "") {
  return model().authorize(who, a, {k, tenant, scope});
}

using A = AccessAction;
using K = ResourceKind;
using V = std::vector<std::string>;

std::string load_error(const json& doc) {
  return test::error_text_of([&] { access_model_from_json(doc.dump()); });
}

}  // namespace

TEST_CASE("access: a deny beats an inherited allow, and an inherited deny beats a direct allow", "[access]") {
  // alice reads the finance report: allow at pos 1 (inherited from viewer), deny at pos 2.
  const AccessDecision d = ask("alice", A::Read, K::Report, "acme", "finance");
  CHECK_FALSE(d.allowed);
  CHECK(d.reason == DecisionReason::Denied);
  CHECK(d.role == "no_finance_reports");
  CHECK(d.grant_index == 0u);
  CHECK(d.grant_id == "no-finance");
  CHECK(d.chain == V{"no_finance_reports"});
  // Another report: only the inherited allow matches (pos 1).
  const AccessDecision m = ask("alice", A::Read, K::Report, "acme", "monthly");
  CHECK(m.allowed);
  CHECK(m.reason == DecisionReason::Allowed);
  CHECK(m.role == "viewer");
  CHECK(m.grant_id == "view-all");
  CHECK(m.chain == V{"technician", "viewer"});
  // bob (restricted_tech): pos 0 its own allow on finance, pos 1 the deny it inherits.
  const AccessDecision b = ask("bob", A::Read, K::Report, "acme", "finance");
  CHECK_FALSE(b.allowed);
  CHECK(b.role == "no_finance_reports");
  CHECK(b.chain == V{"restricted_tech", "no_finance_reports"});
  CHECK(ask("bob", A::Read, K::Report, "acme", "monthly").reason == DecisionReason::NoGrant);
  // erin (senior): the deny on tenant beta beats the allow on every tenant.
  const AccessDecision e = ask("erin", A::Approve, K::Contract, "beta", "C-9");
  CHECK_FALSE(e.allowed);
  CHECK(e.role == "senior");
  CHECK(e.grant_index == 1u);
  CHECK(e.grant_id == "no-beta-contracts");
  CHECK(ask("erin", A::Approve, K::Contract, "acme", "C-1").grant_id == "approve-contracts");
  // erin reaches viewer through technician: pos 3, chain senior -> technician -> viewer.
  CHECK(ask("erin", A::Read, K::Queue, "acme", "network").chain == V{"senior", "technician", "viewer"});
}

TEST_CASE("access: an external technician stays in its home tenants whatever its roles say", "[access]") {
  // carol (vendor, home acme) holds network-queue on every tenant.
  const AccessDecision in = ask("carol", A::Write, K::Ticket, "acme", "network");
  CHECK(in.allowed);
  CHECK(in.grant_id == "network-queue");
  const AccessDecision out = ask("carol", A::Write, K::Ticket, "beta", "network");
  CHECK_FALSE(out.allowed);
  CHECK(out.reason == DecisionReason::OutsideHomeTenants);
  CHECK(out.role.empty());
  CHECK_FALSE(out.grant_index.has_value());
  CHECK(out.chain.empty());
  CHECK(ask("carol", A::Read, K::Queue, "acme", "servers").reason == DecisionReason::NoGrant);
  // dave (client IT of acme: external by its party's kind) holds viewer on every tenant.
  CHECK(ask("dave", A::Read, K::Report, "beta", "monthly").reason == DecisionReason::OutsideHomeTenants);
  CHECK(ask("dave", A::Read, K::Report, "acme", "monthly").chain == V{"viewer"});
  const AccessDecision kb = ask("dave", A::Write, K::KbSpace, "acme", "acme-runbooks");
  CHECK(kb.allowed);
  CHECK(kb.role == "acme_it");
  CHECK(kb.grant_index == 1u);
  CHECK(kb.grant_id.empty());
  CHECK(ask("dave", A::Write, K::KbSpace, "acme", "shared").reason == DecisionReason::NoGrant);
  CHECK(model().spec().principals[3].external);  // from the party kind client_it
}

TEST_CASE("access: wildcard tenants and scopes, the kind as a whole", "[access]") {
  // A tenant and a queue no grant names: only tenant "*" scope "*" grants match.
  const AccessDecision w = ask("alice", A::Write, K::Ticket, "zeta", "q-anything");
  CHECK(w.allowed);
  CHECK(w.grant_id == "work-tickets");
  // Every ticket of acme: pos 0 and pos 1 both allow; the first decides.
  CHECK(ask("alice", A::Read, K::Ticket, "acme").grant_id == "work-tickets");
  // Every report of acme: the deny on the finance report refuses the whole.
  const AccessDecision all_reports = ask("alice", A::Read, K::Report, "acme");
  CHECK_FALSE(all_reports.allowed);
  CHECK(all_reports.grant_id == "no-finance");
  // A grant on one queue does not cover every ticket of the tenant.
  CHECK(ask("carol", A::Read, K::Ticket, "acme").reason == DecisionReason::NoGrant);
  CHECK(ask("alice", A::Approve, K::Contract, "acme", "C-1").reason == DecisionReason::NoGrant);
  // allows() is the yes/no of authorize().
  CHECK(model().allows("alice", A::Write, {K::Ticket, "zeta", "q"}));
  CHECK_FALSE(model().allows("alice", A::Read, {K::Report, "acme", "finance"}));
  CHECK_FALSE(model().allows("carol", A::Write, {K::Ticket, "beta", "network"}));
}

TEST_CASE("access: an unknown principal is refused, not an error", "[access]") {
  const AccessDecision d = ask("mallory", A::Read, K::Ticket, "acme");
  CHECK_FALSE(d.allowed);
  CHECK(d.reason == DecisionReason::UnknownPrincipal);
  CHECK_FALSE(model().allows("mallory", A::Read, {K::Ticket, "acme", ""}));
}

TEST_CASE("access: the tenant scope of a store call", "[access]") {
  const auto scope = [](const char* who, A a, K k, std::optional<std::string> t = std::nullopt) {
    return model().scope_for(who, a, k, t);
  };
  const auto refusal = [&](const char* who, A a, K k, std::optional<std::string> t = std::nullopt) {
    return test::error_text_of([&] { scope(who, a, k, t); });
  };
  CHECK(scope("alice", A::Write, K::Ticket) == TenantScope::all());
  CHECK(scope("alice", A::Write, K::Ticket, "acme") == TenantScope::only("acme"));
  CHECK(scope("dave", A::Write, K::Ticket) == TenantScope::only("acme"));  // the one home tenant
  CHECK(scope("erin", A::Approve, K::Contract, "acme") == TenantScope::only("acme"));
  CHECK(refusal("dave", A::Read, K::Ticket, "beta") ==
        "PERMISSION_DENIED: principal 'dave' may not read ticket of tenant 'beta': outside_home_tenants");
  CHECK(refusal("alice", A::Read, K::Report) ==
        "PERMISSION_DENIED: principal 'alice' may not read report on all tenants: a tenant must be named");
  CHECK(refusal("alice", A::Read, K::Report, "acme") ==
        "PERMISSION_DENIED: principal 'alice' may not read report of tenant 'acme': denied");
  CHECK(refusal("erin", A::Approve, K::Contract) ==
        "PERMISSION_DENIED: principal 'erin' may not approve contract on all tenants: a tenant must be named");
  CHECK(refusal("carol", A::Write, K::Ticket) ==
        "PERMISSION_DENIED: principal 'carol' may not write ticket tenant-wide on any tenant");
  CHECK(refusal("mallory", A::Read, K::Ticket) ==
        "PERMISSION_DENIED: principal 'mallory' may not read ticket: unknown principal");
}

TEST_CASE("access: scope_for lists the tenants when several are allowed", "[access]") {
  const auto m = access_model_from_json(R"({"roles": [{"id": "two", "grants": [
      {"actions": ["read"], "kinds": ["ticket"], "tenant": "acme"},
      {"actions": ["read"], "kinds": ["ticket"], "tenant": "beta"}]}],
      "principals": [{"id": "p", "roles": ["two"]}]})");
  CHECK(test::error_text_of([&] { m->scope_for("p", A::Read, K::Ticket, std::nullopt); }) ==
        "PERMISSION_DENIED: principal 'p' may not read ticket on all tenants (allowed on 'acme', 'beta'): a tenant "
        "must be named");
  CHECK(m->scope_for("p", A::Read, K::Ticket, "beta") == TenantScope::only("beta"));
}

TEST_CASE("access: the model's bad input is named", "[access]") {
  const json tech = {{"id", "tech"}, {"grants", json::array()}};
  CHECK(load_error({{"roles", {tech}}, {"principals", {{{"id", "bob"}, {"roles", {"tech", "admin"}}}}}}) ==
        "INVALID_ARGUMENT: model.principals[0] (principal 'bob').roles[1]: unknown role 'admin' (known: tech)");
  CHECK(load_error({{"roles", {{{"id", "a"}, {"inherits", {"ghost"}}}}}}) ==
        "INVALID_ARGUMENT: model.roles[0] (role 'a').inherits[0]: unknown role 'ghost' (known: a)");
  // a -> b -> c -> a, found from a (the first role), named round to a again.
  CHECK(load_error({{"roles",
                     {{{"id", "a"}, {"inherits", {"b"}}}, {{"id", "b"}, {"inherits", {"c"}}},
                      {{"id", "c"}, {"inherits", {"a"}}}}}}) ==
        "INVALID_ARGUMENT: model.roles: inheritance cycle 'a' -> 'b' -> 'c' -> 'a'");
  CHECK(load_error({{"roles", {{{"id", "self"}, {"inherits", {"self"}}}}}}) ==
        "INVALID_ARGUMENT: model.roles: inheritance cycle 'self' -> 'self'");
  CHECK(load_error({{"roles", {tech, tech}}}) ==
        "INVALID_ARGUMENT: model.roles[1]: duplicate role id 'tech' (first at model.roles[0])");
  CHECK(load_error({{"roles", {{{"id", "r"}, {"grants", {{{"actions", {"read", "delete"}}, {"kinds", {"ticket"}}}}}}}}}) ==
        "INVALID_ARGUMENT: model.roles[0] (role 'r').grants[0].actions[1]: unknown action 'delete' (known: read, "
        "write, approve)");
  CHECK(load_error({{"roles", {{{"id", "r"}, {"grants", {{{"id", "g"}, {"actions", {"read"}}}}}}}}}) ==
        "INVALID_ARGUMENT: model.roles[0] (role 'r').grants[0] (grant 'g'): kinds is missing");
  CHECK(load_error({{"roles", {{{"id", "r"}, {"grants", {{{"actions", {"*", "read"}}, {"kinds", {"ticket"}}}}}}}}}) ==
        "INVALID_ARGUMENT: model.roles[0] (role 'r').grants[0].actions[0]: \"*\" stands alone (it is all of them)");
  CHECK(load_error({{"roles", {{{"id", "r"}, {"grants", {{{"effect", "permit"}, {"actions", {"read"}}, {"kinds", {"ticket"}}}}}}}}}) ==
        "INVALID_ARGUMENT: model.roles[0] (role 'r').grants[0].effect: unknown effect 'permit' (known: allow, deny)");
  CHECK(load_error({{"principals", {{{"id", "x"}, {"external", true}}}}}) ==
        "INVALID_ARGUMENT: model.principals[0] (principal 'x'): an external principal needs home_tenants (the "
        "tenants it may work on)");
  CHECK(load_error({{"principals", {{{"id", "x"}, {"home_tenants", {"acme"}}}}}}) ==
        "INVALID_ARGUMENT: model.principals[0] (principal 'x').home_tenants: only an external principal has home "
        "tenants (set external)");
  CHECK(load_error({{"principals", {{{"id", "x"}, {"external", true}, {"home_tenants", {"*"}}}}}}) ==
        "INVALID_ARGUMENT: model.principals[0] (principal 'x').home_tenants[0]: '*' is not a tenant (a home tenant "
        "is named)");
  CHECK(load_error({{"parties", {{{"id", "msp"}, {"kind", "msp"}}}}, {"principals", {{{"id", "x"}, {"party", "acme"}}}}}) ==
        "INVALID_ARGUMENT: model.principals[0] (principal 'x').party: unknown party 'acme' (known: msp)");
  CHECK(load_error({{"parties", {{{"id", "m"}, {"kind", "partner"}}}}}) ==
        "INVALID_ARGUMENT: model.parties[0] (party 'm').kind: unknown party kind 'partner' (known: msp, client_it, "
        "vendor)");
  CHECK(load_error({{"principals", {{{"id", "x"}}, {{"id", "x"}}}}}) ==
        "INVALID_ARGUMENT: model.principals[1]: duplicate principal id 'x' (first at model.principals[0])");
  CHECK(load_error({{"rolez", json::array()}}) ==
        "INVALID_ARGUMENT: model: unknown key 'rolez' (known: parties, roles, principals)");
  CHECK(test::error_text_of([] { access_model_from_json("{"); }).rfind("PARSE_ERROR: model: malformed JSON", 0) == 0);
}

TEST_CASE("access: the decision and request JSON", "[access]") {
  CHECK(access_decision_json(ask("alice", A::Read, K::Report, "acme", "finance")) ==
        R"({"allowed":false,"chain":["no_finance_reports"],"grant_id":"no-finance","grant_index":0,"reason":"denied","role":"no_finance_reports"})");
  CHECK(access_decision_json(ask("carol", A::Write, K::Ticket, "beta", "network")) ==
        R"({"allowed":false,"chain":[],"grant_id":null,"grant_index":null,"reason":"outside_home_tenants","role":null})");
  CHECK(access_authorize_json(model(), R"({"principal": "dave", "action": "write",
        "resource": {"kind": "kb_space", "tenant": "acme", "scope": "acme-runbooks"}})") ==
        R"({"allowed":true,"chain":["acme_it"],"grant_id":null,"grant_index":1,"reason":"allowed","role":"acme_it"})");
  CHECK(test::error_text_of([] { access_authorize_json(model(), R"({"principal": "dave", "action": "delete",
        "resource": {"kind": "ticket", "tenant": "acme"}})"); }) ==
        "INVALID_ARGUMENT: request.action: unknown action 'delete' (known: read, write, approve)");
  CHECK(test::error_text_of([] { access_authorize_json(model(), R"({"principal": "dave", "action": "read",
        "resource": {"kind": "ticket"}})"); }) == "INVALID_ARGUMENT: resource: tenant is missing");
}

TEST_CASE("access: names of the enumerations read back", "[access]") {
  for (const auto r : {DecisionReason::Allowed, DecisionReason::Denied, DecisionReason::NoGrant,
                       DecisionReason::OutsideHomeTenants, DecisionReason::UnknownPrincipal}) {
    CHECK(parse_decision_reason(to_string(r)) == r);
  }
  CHECK(parse_resource_kind("kb_space") == K::KbSpace);
  CHECK(to_string(GrantEffect::Deny) == "deny");
  CHECK(test::error_text_of([] { parse_access_action("Read"); }) ==
        "INVALID_ARGUMENT: unknown action 'Read' (known: read, write, approve)");
}

// The compiled check against the rules read straight off the spec: every grant of every role
// the principal reaches, in decision order, matched one by one.
namespace {

bool grant_matches(const AccessGrant& g, AccessAction a, const AccessResource& r) {
  const auto has = [](const auto& list, auto v) { return std::find(list.begin(), list.end(), v) != list.end(); };
  if (!has(g.actions, a) || !has(g.kinds, r.kind)) return false;
  if (g.tenant != "*" && g.tenant != r.tenant) return false;
  return g.scope == "*" || (!r.scope.empty() && g.scope == r.scope);
}

AccessDecision by_scan(const AccessModelSpec& s, const std::string& who, AccessAction a, const AccessResource& r) {
  AccessDecision d;
  const auto pit = std::find_if(s.principals.begin(), s.principals.end(), [&](const auto& p) { return p.id == who; });
  if (pit == s.principals.end()) {
    d.reason = DecisionReason::UnknownPrincipal;
    return d;
  }
  if (pit->external && std::find(pit->home_tenants.begin(), pit->home_tenants.end(), r.tenant) == pit->home_tenants.end()) {
    d.reason = DecisionReason::OutsideHomeTenants;
    return d;
  }
  struct Hit { std::size_t role, grant; std::vector<std::string> chain; };
  std::optional<Hit> deny, allow;
  std::vector<std::string> seen;
  std::function<void(const std::string&, std::vector<std::string>)> walk = [&](const std::string& id,
                                                                              std::vector<std::string> chain) {
    if (std::find(seen.begin(), seen.end(), id) != seen.end()) return;
    seen.push_back(id);
    chain.push_back(id);
    const std::size_t ri = static_cast<std::size_t>(
        std::find_if(s.roles.begin(), s.roles.end(), [&](const auto& x) { return x.id == id; }) - s.roles.begin());
    for (std::size_t j = 0; j < s.roles[ri].grants.size(); ++j) {
      const AccessGrant& g = s.roles[ri].grants[j];
      // The kind as a whole (no scope) is refused by a deny on any scope of it.
      const bool hit = grant_matches(g, a, r) ||
                       (r.scope.empty() && g.effect == GrantEffect::Deny &&
                        grant_matches(AccessGrant{g.id, g.effect, g.actions, g.kinds, g.tenant, "*"}, a, r));
      if (!hit) continue;
      auto& slot = g.effect == GrantEffect::Deny ? deny : allow;
      if (!slot) slot = Hit{ri, j, chain};
    }
    for (const std::string& p : s.roles[ri].inherits) walk(p, chain);
  };
  for (const std::string& role : pit->roles) walk(role, {});
  const auto& decide = deny ? deny : allow;
  if (!decide) return d;
  d.allowed = !deny;
  d.reason = deny ? DecisionReason::Denied : DecisionReason::Allowed;
  d.role = s.roles[decide->role].id;
  d.grant_index = decide->grant;
  d.grant_id = s.roles[decide->role].grants[decide->grant].id;
  d.chain = decide->chain;
  return d;
}

}  // namespace

TEST_CASE("access: the compiled check equals a scan of the grants on generated models", "[access]") {
  std::mt19937 rng(17);
  const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const std::vector<std::string> tenants = {"*", "t0", "t1", "t2"}, scopes = {"*", "q0", "q1"};
  for (int round = 0; round < 40; ++round) {
    AccessModelSpec spec;
    const int roles = 2 + pick(6);
    for (int i = 0; i < roles; ++i) {
      AccessRole role{"r" + std::to_string(i), {}, {}};
      for (int j = i + 1; j < roles; ++j) {  // parents only later roles: no cycles
        if (pick(4) == 0) role.inherits.push_back("r" + std::to_string(j));
      }
      for (int g = pick(5); g > 0; --g) {
        AccessGrant grant;
        grant.effect = pick(3) == 0 ? GrantEffect::Deny : GrantEffect::Allow;
        grant.actions = {static_cast<AccessAction>(pick(3))};
        if (pick(3) == 0) grant.actions = {A::Read, A::Write, A::Approve};
        grant.kinds = {static_cast<ResourceKind>(pick(2))};
        grant.tenant = tenants[static_cast<std::size_t>(pick(4))];
        grant.scope = scopes[static_cast<std::size_t>(pick(3))];
        role.grants.push_back(grant);
      }
      spec.roles.push_back(role);
    }
    for (int i = 0; i < 4; ++i) {
      AccessPrincipal p{"p" + std::to_string(i), "", {}, i == 3, {}};
      if (p.external) p.home_tenants = {"t1"};
      for (int n = 1 + pick(2); n > 0; --n) {
        const std::string r = "r" + std::to_string(pick(roles));
        if (std::find(p.roles.begin(), p.roles.end(), r) == p.roles.end()) p.roles.push_back(r);
      }
      spec.principals.push_back(p);
    }
    const auto m = AccessModel::compile(spec);
    for (int q = 0; q < 200; ++q) {
      const std::string who = "p" + std::to_string(pick(5));  // p4: unknown
      const A a = static_cast<A>(pick(3));
      const AccessResource r{static_cast<K>(pick(2)), "t" + std::to_string(pick(4)),
                             pick(3) == 0 ? "" : "q" + std::to_string(pick(3))};
      INFO("round " << round << " " << who << " " << to_string(a) << " " << r.tenant << "/" << r.scope);
      const AccessDecision want = by_scan(spec, who, a, r);
      REQUIRE(m->authorize(who, a, r) == want);
      REQUIRE(m->allows(who, a, r) == want.allowed);
    }
  }
}
