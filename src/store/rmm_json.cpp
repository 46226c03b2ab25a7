// The RMM store's JSON forms of runs, reports and stored issues (rmm_json.hpp).
#include "store/rmm_json.hpp"

#include <mspcore/core/error.hpp>

#include <optional>
#include <string>

namespace mspcore {
inline namespace v1 {
namespace detail::rmm_store {

namespace {

using nlohmann::json;

template <class T, class F>
json or_null(const std::optional<T>& v, F f) {
  return v ? json(f(*v)) : json(nullptr);
}

std::string instant_text(Instant t) { return format_instant(t); }
std::size_t count(std::size_t n) { return n; }

}  // namespace

json to_json(const RmmImportReport& r) {
  return json{{"run_id", r.run_id},         {"batches", count(r.batches)},     {"inserted", count(r.inserted)},
              {"updated", count(r.updated)}, {"unchanged", count(r.unchanged)}, {"issues", count(r.issues)}};
}

json to_json(const ImportRun& r) {
  json out = to_json(r.report);
  out.erase("run_id");
  out["id"] = r.id;
  out["file"] = r.file;
  out["vendor"] = r.vendor;
  out["started"] = instant_text(r.started);
  out["finished"] = or_null(r.finished, instant_text);
  out["error"] = r.error;
  return out;
}

json to_json(const StoredIssue& s) {
  json out = json{{"run_id", s.run_id}};
  out.update(rmm_json::to_json(s.issue));
  return out;
}

}  // namespace detail::rmm_store
}  // namespace v1
}  // namespace mspcore
