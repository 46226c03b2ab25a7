// Private to the alert pipeline: the keys that name alerts and incidents, in requests, in
// the state file and in its in-memory index.
#pragma once

#include <mspcore/security/alert.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace mspcore {
inline namespace v1 {
namespace detail::pipeline {

/// to_string(source) as a string that lives as long as the program (statements bind it
/// without copying it).
const std::string& source_name(AlertSource source);

/// 64-bit FNV-1a of source and payload: an alert delivered again byte for byte is "unchanged".
std::int64_t fingerprint(std::string_view source, std::string_view payload);

/// "source:source_id": how requests name an alert, and its key in the index.
std::string alert_id(AlertSource source, std::string_view source_id);

/// tenant, asset and threat joined by U+001F: the correlation key of an incident.
std::string incident_key(std::string_view tenant, std::string_view asset, std::string_view threat);

/// "inc-" + the first 32 hex digits of SHA-256(key, U+001F, ordinal): TicketRequest::dedup_key.
std::string dedup_key(std::string_view incident_key, std::int64_t ordinal);

}  // namespace detail::pipeline
}  // namespace v1
}  // namespace mspcore
