// The RMM store's JSON requests (rmm_query.hpp).
#include "store/rmm_query.hpp"

#include <mspcore/core/error.hpp>
#include <mspcore/store/tenant_scope.hpp>

#include "core/json_util.hpp"
#include "store/rmm_json.hpp"

#include <initializer_list>
#include <optional>
#include <string>

namespace mspcore {
inline namespace v1 {
namespace detail::rmm_store {

namespace {

using json_util::json;

constexpr const char* kWhere = "request";

std::string text_member(const json& r, const char* key) {
  if (!r.contains(key) || r[key].is_null()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, std::string(kWhere) + ": " + key + " is missing");
  }
  return json_util::require_string(r[key], std::string(kWhere) + "." + key);
}

std::optional<Instant> instant_member(const json& r, const char* key) {
  if (!r.contains(key) || r[key].is_null()) return std::nullopt;
  const std::string where = std::string(kWhere) + "." + key;
  const std::string text = json_util::require_string(r[key], where);
  return json_util::in_context(where, [&] { return parse_instant(text); });
}

std::optional<std::int64_t> run_member(const json& r) {
  if (!r.contains("run") || r["run"].is_null()) return std::nullopt;
  if (!r["run"].is_number_integer()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, std::string(kWhere) + ".run: expected a whole number, got " + r["run"].dump());
  }
  return r["run"].get<std::int64_t>();
}

TenantScope scope_member(const json& r) {
  if (!r.contains("tenant") || r["tenant"].is_null()) return TenantScope::all();
  return json_util::in_context(std::string(kWhere) + ".tenant", [&] {
    return TenantScope::only(json_util::require_string(r["tenant"], std::string(kWhere) + ".tenant"));
  });
}

}  // namespace

std::string query_json(const RmmStore& store, std::string_view request) {
  const json r = json_util::parse(request, kWhere);
  if (!r.is_object()) throw Error(ErrorCode::INVALID_ARGUMENT, std::string(kWhere) + ": expected an object, got " + r.dump());
  const std::string what = text_member(r, "what");
  const TenantScope scope = scope_member(r);
  // Each kind of request names the members it reads: any other is refused, not ignored.
  const auto known = [&](std::initializer_list<std::string_view> extra) {
    json rest = r;
    rest.erase("tenant");
    rest.erase("what");
    json_util::reject_unknown_keys(rest, std::string(kWhere) + " for " + mspcore::quoted(what), extra);
  };
  json out = json::object();
  if (what == "devices") {
    known({});
    out[what] = to_json_list(store.devices(scope));
  } else if (what == "backup_results") {
    known({"since", "until"});
    out[what] = to_json_list(store.backup_results(scope, instant_member(r, "since"), instant_member(r, "until")));
  } else if (what == "patches") {
    known({});
    out[what] = to_json_list(store.patches(scope));
  } else if (what == "events") {
    known({});
    out[what] = to_json_list(store.events(scope));
  } else if (what == "runs") {
    known({});
    out[what] = to_json_list(store.runs(scope));
  } else if (what == "issues") {
    known({"run"});
    out[what] = to_json_list(store.issues(scope, run_member(r)));
  } else if (what == "device") {
    known({"source", "id"});
    out[what] = to_json(store.device(scope, text_member(r, "source"), text_member(r, "id")));
  } else if (what == "backup_result") {
    known({"source", "id"});
    out[what] = to_json(store.backup_result(scope, text_member(r, "source"), text_member(r, "id")));
  } else if (what == "event") {
    known({"source", "id"});
    out[what] = to_json(store.event(scope, text_member(r, "source"), text_member(r, "id")));
  } else if (what == "patch") {
    known({"source", "record_tenant", "device_id", "patch_id"});
    out[what] = to_json(store.patch(scope, text_member(r, "source"), text_member(r, "record_tenant"),
                                    text_member(r, "device_id"), text_member(r, "patch_id")));
  } else if (what == "run") {
    known({"run"});
    const std::optional<std::int64_t> id = run_member(r);
    if (!id) throw Error(ErrorCode::INVALID_ARGUMENT, std::string(kWhere) + ": run is missing");
    out[what] = to_json(store.run(scope, *id));
  } else {
    throw Error(ErrorCode::INVALID_ARGUMENT,
                std::string(kWhere) + ".what: unknown " + mspcore::quoted(what) +
                    " (known: devices, backup_results, patches, events, runs, issues, device, backup_result, "
                    "patch, event, run)");
  }
  return out.dump();
}

}  // namespace detail::rmm_store
}  // namespace v1
}  // namespace mspcore
