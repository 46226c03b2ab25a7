// Private: the RMM store's records, runs, issues and reports as JSON, the form the C ABI
// returns. A record is an object with exactly its field list's keys (rmm_records.hpp):
// instants ISO-8601 UTC text, dates "YYYY-MM-DD", enums their names, missing values null.
#pragma once

#include <mspcore/rmm/rmm_store.hpp>

#include <nlohmann/json.hpp>

#include <vector>

namespace mspcore {
inline namespace v1 {
namespace detail::rmm_store {

nlohmann::json to_json(const Device& d);
nlohmann::json to_json(const BackupResult& r);
nlohmann::json to_json(const PatchRecord& p);
nlohmann::json to_json(const MonitoringEvent& e);
/// {"run_id", "batches", "inserted", "updated", "unchanged", "issues"}.
nlohmann::json to_json(const RmmImportReport& r);
/// {"id", "file", "vendor", "started", "finished" (null while unfinished), "error", and the
/// report's counts}.
nlohmann::json to_json(const ImportRun& r);
/// {"run_id", "file", "row", "field", "code" (the status name), "message"}.
nlohmann::json to_json(const StoredIssue& s);

template <class T>
nlohmann::json to_json_list(const std::vector<T>& items) {
  nlohmann::json out = nlohmann::json::array();
  for (const T& item : items) out.push_back(to_json(item));
  return out;
}

}  // namespace detail::rmm_store
}  // namespace v1
}  // namespace mspcore
