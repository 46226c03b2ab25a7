// Authorization checks per second on a generated 10,000-grant access model (target: at least
// 1,000,000 checks/s from C++). bench_authz.py runs the same model and checks through a
// straightforward pure-Python implementation of the rules and prints the ratio.
//
//   build/dev/bench/bench_authz [--checks N] [--write DIR]
//
// The model: 1,000 roles of 10 grants each (15% deny; tenant "*" for a fifth of the grants,
// else one of 200 tenants; scope "*" for half, else one of 20 queues or reports), roles
// inheriting in chains of up to 10; 2,000 principals with 3 roles each, a tenth of them
// external with 2 home tenants. 100,000 checks drawn from the same generator (2% for unknown
// principals) are run round and round. --write DIR writes DIR/model.json and
// DIR/checks.json ([[principal, action, kind, tenant, scope], ...]) for bench_authz.py.
#include <mspcore/access/access_model.hpp>

#include "bench_util.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <vector>

using namespace mspcore;

namespace {

constexpr int kRoles = 1000, kGrantsPerRole = 10, kTenants = 200, kScopes = 20, kPrincipals = 2000;
constexpr const char* kActions[] = {"read", "write", "approve"};
constexpr const char* kKinds[] = {"ticket", "queue", "report", "kb_space", "contract"};

struct Check {
  std::string principal;
  AccessAction action;
  AccessResource resource;
};

std::string tenant(int i) { return "t" + std::to_string(i); }
std::string scope(int i) { return "s" + std::to_string(i); }

AccessModelSpec generate(std::mt19937_64& rng) {
  const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
  AccessModelSpec spec;
  for (int r = 0; r < kRoles; ++r) {
    AccessRole role{"r" + std::to_string(r), {}, {}};
    if (r % 10 != 9) role.inherits.push_back("r" + std::to_string(r + 1));  // chains of 10
    for (int g = 0; g < kGrantsPerRole; ++g) {
      AccessGrant grant;
      grant.id = role.id + "g" + std::to_string(g);
      grant.effect = pick(100) < 15 ? GrantEffect::Deny : GrantEffect::Allow;
      grant.actions = {static_cast<AccessAction>(pick(3))};
      if (pick(4) == 0) grant.actions = {AccessAction::Read, AccessAction::Write};
      grant.kinds = {static_cast<ResourceKind>(pick(5))};
      grant.tenant = pick(5) == 0 ? std::string("*") : tenant(pick(kTenants));
      grant.scope = pick(2) == 0 ? std::string("*") : scope(pick(kScopes));
      role.grants.push_back(std::move(grant));
    }
    spec.roles.push_back(std::move(role));
  }
  for (int p = 0; p < kPrincipals; ++p) {
    AccessPrincipal principal{"p" + std::to_string(p), "", {}, p % 10 == 0, {}};
    while (principal.roles.size() < 3) {
      const std::string r = "r" + std::to_string(pick(kRoles));
      if (std::find(principal.roles.begin(), principal.roles.end(), r) == principal.roles.end()) {
        principal.roles.push_back(r);
      }
    }
    if (principal.external) principal.home_tenants = {tenant(pick(kTenants / 2)), tenant(kTenants / 2 + pick(kTenants / 2))};
    spec.principals.push_back(std::move(principal));
  }
  return spec;
}

std::vector<Check> checks_of(std::mt19937_64& rng, std::size_t n) {
  const auto pick = [&](int k) { return static_cast<int>(rng() % static_cast<std::uint64_t>(k)); };
  std::vector<Check> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const int p = pick(100) < 2 ? kPrincipals + pick(100) : pick(kPrincipals);
    out.push_back({"p" + std::to_string(p), static_cast<AccessAction>(pick(3)),
                   {static_cast<ResourceKind>(pick(5)), tenant(pick(kTenants)), pick(10) == 0 ? "" : scope(pick(kScopes))}});
  }
  return out;
}

std::string quote(const std::string& s) { return "\"" + s + "\""; }  // the generated ids need no escapes

std::string list(const std::vector<std::string>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + quote(v[i]);
  return out + "]";
}

void write_files(const std::string& dir, const AccessModelSpec& spec, const std::vector<Check>& checks) {
  std::ofstream m(dir + "/model.json");
  m << "{\"roles\":[";
  for (std::size_t r = 0; r < spec.roles.size(); ++r) {
    const AccessRole& role = spec.roles[r];
    m << (r ? "," : "") << "{\"id\":" << quote(role.id) << ",\"inherits\":" << list(role.inherits) << ",\"grants\":[";
    for (std::size_t g = 0; g < role.grants.size(); ++g) {
      const AccessGrant& x = role.grants[g];
      std::vector<std::string> actions, kinds;
      for (const AccessAction a : x.actions) actions.emplace_back(to_string(a));
      for (const ResourceKind k : x.kinds) kinds.emplace_back(to_string(k));
      m << (g ? "," : "") << "{\"id\":" << quote(x.id) << ",\"effect\":" << quote(std::string(to_string(x.effect)))
        << ",\"actions\":" << list(actions) << ",\"kinds\":" << list(kinds) << ",\"tenant\":" << quote(x.tenant)
        << ",\"scope\":" << quote(x.scope) << "}";
    }
    m << "]}";
  }
  m << "],\"principals\":[";
  for (std::size_t p = 0; p < spec.principals.size(); ++p) {
    const AccessPrincipal& x = spec.principals[p];
    m << (p ? "," : "") << "{\"id\":" << quote(x.id) << ",\"roles\":" << list(x.roles)
      << ",\"external\":" << (x.external ? "true" : "false") << ",\"home_tenants\":" << list(x.home_tenants) << "}";
  }
  m << "]}\n";
  std::ofstream c(dir + "/checks.json");
  c << "[";
  for (std::size_t i = 0; i < checks.size(); ++i) {
    const Check& x = checks[i];
    c << (i ? "," : "") << list({x.principal, std::string(to_string(x.action)), std::string(to_string(x.resource.kind)),
                                 x.resource.tenant, x.resource.scope});
  }
  c << "]\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t n = 10'000'000;
  std::string write_dir;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--checks") == 0) n = std::strtoull(argv[i + 1], nullptr, 10);
    if (std::strcmp(argv[i], "--write") == 0) write_dir = argv[i + 1];
  }
  std::mt19937_64 rng(17);
  const AccessModelSpec spec = generate(rng);
  const std::vector<Check> checks = checks_of(rng, 100'000);
  if (!write_dir.empty()) write_files(write_dir, spec, checks);

  std::shared_ptr<const AccessModel> model;
  const double compile_s = bench::best_seconds(3, [&] { model = AccessModel::compile(spec); });
  std::size_t allowed = 0;
  const double allows_s = bench::best_seconds(5, [&] {
    allowed = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const Check& c = checks[i % checks.size()];
      allowed += model->allows(c.principal, c.action, c.resource) ? 1 : 0;
    }
  });
  const std::size_t m = n / 10;
  std::size_t explained = 0;
  const double authorize_s = bench::best_seconds(3, [&] {
    explained = 0;
    for (std::size_t i = 0; i < m; ++i) {
      const Check& c = checks[i % checks.size()];
      explained += model->authorize(c.principal, c.action, c.resource).allowed ? 1 : 0;
    }
  });
  std::printf("access model: %zu grants, %zu roles, %zu principals; compile %.3f s; peak RSS %.0f MiB\n",
              model->grant_count(), spec.roles.size(), spec.principals.size(), compile_s, bench::peak_rss_mib());
  std::printf("allows():    %zu checks in %.3f s = %.0f checks/s (%.0f ns/check), %.1f%% allowed\n", n, allows_s,
              static_cast<double>(n) / allows_s, allows_s / static_cast<double>(n) * 1e9,
              100.0 * static_cast<double>(allowed) / static_cast<double>(n));
  std::printf("authorize(): %zu checks in %.3f s = %.0f checks/s (with the deciding grant and chain)\n", m,
              authorize_s, static_cast<double>(m) / authorize_s);
  std::printf("checks_per_second=%.0f authorize_per_second=%.0f\n", static_cast<double>(n) / allows_s,
              static_cast<double>(m) / authorize_s);
  return 0;
}
