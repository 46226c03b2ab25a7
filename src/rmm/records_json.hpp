// Private: the normalised RMM records as JSON objects, the one writer behind the import
// result document (import.cpp) and the RMM store's answers (store/rmm_json.cpp). A record is
// an object with exactly its field list's keys (rmm_records.hpp): instants ISO-8601 UTC text,
// dates "YYYY-MM-DD", enums their names, missing values null.
#pragma once

#include <mspcore/rmm/import.hpp>
#include <mspcore/rmm/normalised.hpp>

#include <nlohmann/json.hpp>

#include <vector>

namespace mspcore {
inline namespace v1 {
namespace detail::rmm_json {

nlohmann::json to_json(const Device& d);
nlohmann::json to_json(const BackupResult& r);
nlohmann::json to_json(const PatchRecord& p);
nlohmann::json to_json(const MonitoringEvent& e);
/// {"file", "row", "field", "code" (the status name), "message"}.
nlohmann::json to_json(const ImportIssue& i);

template <class T>
nlohmann::json to_json_list(const std::vector<T>& items) {
  nlohmann::json out = nlohmann::json::array();
  for (const T& item : items) out.push_back(to_json(item));
  return out;
}

}  // namespace detail::rmm_json
}  // namespace v1
}  // namespace mspcore
