// Private: the RMM store's records, runs, issues and reports as JSON, the form the C ABI
// returns. Records are written by rmm/records_json.hpp (the import result's writer too).
#pragma once

#include <mspcore/rmm/rmm_store.hpp>

#include "rmm/records_json.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace mspcore {
inline namespace v1 {
namespace detail::rmm_store {

// The records themselves: the one writer the import result uses too.
using rmm_json::to_json;
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
