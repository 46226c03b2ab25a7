// Private: the RMM store's JSON requests, as the C ABI takes them (include/mspcore.h, "RMM
// store"): a read request answered as JSON, and import options read from JSON.
#pragma once

#include <mspcore/rmm/import.hpp>
#include <mspcore/rmm/rmm_store.hpp>

#include <string>
#include <string_view>

namespace mspcore {
inline namespace v1 {
namespace detail::rmm_store {

/// {"tenant": str|null, "what": ..., ...} -> {"<what>": ...}. Unknown keys, a missing or
/// unknown "what" and a member the request does not use are Error(INVALID_ARGUMENT);
/// malformed JSON is Error(PARSE_ERROR).
std::string query_json(const RmmStore& store, std::string_view request);

/// {"tenants": {site: tenant}, "batch_rows": n >= 1}; "" or "null" is the defaults.
ImportOptions import_options_from_json(std::string_view json);

}  // namespace detail::rmm_store
}  // namespace v1
}  // namespace mspcore
