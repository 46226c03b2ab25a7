// Property: whatever tenants and ids are written, no read in a tenant's scope returns another
// tenant's record, and a lookup outside the scope fails exactly as a missing key does. A
// reference model (key -> the tenant that wrote it first; later writes of the key under
// another tenant are refused) says what each scope must see.
#include <mspcore/rmm/rmm_store.hpp>

#include "rmm_store_fixtures.hpp"
#include "store/rmm_json.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace mspcore;
using mspcore::test::TempDir;

namespace {

struct Model {
  std::map<std::string, std::string> devices;  // id -> tenant
  std::map<std::string, std::string> results;  // id -> tenant
  std::map<std::string, std::string> events;   // id -> tenant
  std::set<std::pair<std::string, std::string>> patches;  // (tenant, patch id), device "D"
};

std::string pick(std::mt19937& rng, const std::vector<std::string>& from) {
  return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)];
}

void check_scope(const RmmStore& store, const Model& model, const TenantScope& scope,
                 const std::vector<std::string>& ids) {
  const auto admitted = [&](const std::map<std::string, std::string>& m) {
    std::size_t n = 0;
    for (const auto& [id, tenant] : m) n += scope.admits(tenant) ? 1 : 0;
    return n;
  };
  const std::vector<Device> devices = store.devices(scope);
  const std::vector<BackupResult> results = store.backup_results(scope);
  const std::vector<MonitoringEvent> events = store.events(scope);
  const std::vector<PatchRecord> patches = store.patches(scope);
  for (const Device& d : devices) REQUIRE(scope.admits(d.tenant));
  for (const BackupResult& r : results) REQUIRE(scope.admits(r.tenant));
  for (const MonitoringEvent& e : events) REQUIRE(scope.admits(e.tenant));
  for (const PatchRecord& p : patches) REQUIRE(scope.admits(p.tenant));
  REQUIRE(devices.size() == admitted(model.devices));
  REQUIRE(results.size() == admitted(model.results));
  REQUIRE(events.size() == admitted(model.events));
  std::size_t patch_count = 0;
  for (const auto& [tenant, id] : model.patches) patch_count += scope.admits(tenant) ? 1 : 0;
  REQUIRE(patches.size() == patch_count);
  for (const Device& d : devices) REQUIRE(model.devices.at(d.id) == d.tenant);

  // Every id, stored or not, inside the scope or not: found exactly when the model says so,
  // and otherwise the one message of a missing key.
  for (const std::string& id : ids) {
    const auto it = model.devices.find(id);
    const bool visible = it != model.devices.end() && scope.admits(it->second);
    const std::string got = test::error_text_of([&] { store.device(scope, "datto_rmm", id); });
    if (visible) {
      REQUIRE(got == "no error");
    } else {
      REQUIRE(got == "NOT_FOUND: device (source 'datto_rmm', id " + quoted(id) + ") not found in " +
                         scope.to_string());
    }
    const auto r = model.results.find(id);
    const bool result_visible = r != model.results.end() && scope.admits(r->second);
    REQUIRE((test::code_of([&] { store.backup_result(scope, "cove", id); }) == ErrorCode::OK) == result_visible);
    const auto e = model.events.find(id);
    const bool event_visible = e != model.events.end() && scope.admits(e->second);
    REQUIRE((test::code_of([&] { store.event(scope, "datto_rmm", id); }) == ErrorCode::OK) == event_visible);
  }
}

}  // namespace

TEST_CASE("rmm store property: no read in a tenant's scope returns another tenant's data", "[rmm_store]") {
  const std::vector<std::string> tenants{"acme", "globex", "initech", "a", "acme "};
  std::vector<std::string> ids;
  for (int i = 0; i < 12; ++i) ids.push_back("X" + std::to_string(i));
  ids.push_back("");  // never stored (no key): always NOT_FOUND
  for (std::uint32_t seed = 1; seed <= 20; ++seed) {
    CAPTURE(seed);
    std::mt19937 rng(seed);
    TempDir dir;
    RmmStore store(dir.file("rmm.db"));
    Model model;
    const int batches = std::uniform_int_distribution<int>(1, 4)(rng);
    for (int b = 0; b < batches; ++b) {
      ImportBatch batch;
      const int n = std::uniform_int_distribution<int>(0, 15)(rng);
      for (int i = 0; i < n; ++i) {
        const std::string tenant = pick(rng, tenants);
        const std::string id = pick(rng, ids);
        switch (std::uniform_int_distribution<int>(0, 3)(rng)) {
          case 0:
            batch.devices.push_back(test::device(tenant, id, "h" + std::to_string(i)));
            if (!id.empty()) model.devices.emplace(id, tenant);  // the first tenant keeps it
            break;
          case 1:
            batch.backup_results.push_back(test::result(tenant, "D", id));
            if (!id.empty()) model.results.emplace(id, tenant);
            break;
          case 2:
            batch.events.push_back(test::event(tenant, "D", id));
            if (!id.empty()) model.events.emplace(id, tenant);
            break;
          default:
            batch.patches.push_back(test::patch(tenant, "D", id));
            if (!id.empty()) model.patches.emplace(tenant, id);
            break;
        }
      }
      store.begin_run("f" + std::to_string(b) + ".json", "datto_rmm");
      store.consume(std::move(batch));
      store.finish_run();
    }
    check_scope(store, model, TenantScope::all(), ids);
    for (const std::string& t : tenants) check_scope(store, model, TenantScope::only(t), ids);
    check_scope(store, model, TenantScope::only("nobody"), ids);
  }
}
