// Private: the RMM store's JSON read requests, as the C ABI takes them (include/mspcore.h,
// "RMM store"). Import options are parse_import_options_json() of mspcore/rmm/import.hpp.
#pragma once

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

}  // namespace detail::rmm_store
}  // namespace v1
}  // namespace mspcore
