// The keys of the alert pipeline, made without intermediate strings: one of each is made for
// every record of a batch.
#include "security/alert_keys.hpp"

#include "core/sha256.hpp"

#include <array>
#include <cstddef>

namespace mspcore {
inline namespace v1 {
namespace detail::pipeline {

const std::string& source_name(AlertSource source) {
  static const std::array<std::string, 4> kNames{std::string(to_string(AlertSource::SentinelOne)),
                                                 std::string(to_string(AlertSource::SentinelOneUam)),
                                                 std::string(to_string(AlertSource::RocketCyber)),
                                                 std::string(to_string(AlertSource::BarracudaXdr))};
  return kNames[static_cast<std::size_t>(source)];
}

std::int64_t fingerprint(std::string_view source, std::string_view payload) {
  std::uint64_t h = 14695981039346656037ULL;
  auto mix = [&](std::string_view s) {
    for (const char c : s) {
      h ^= static_cast<unsigned char>(c);
      h *= 1099511628211ULL;
    }
  };
  mix(source);
  mix(std::string_view("\x1f", 1));
  mix(payload);
  return static_cast<std::int64_t>(h);
}

std::string alert_id(AlertSource source, std::string_view source_id) {
  const std::string& name = source_name(source);
  std::string id;
  id.reserve(name.size() + 1 + source_id.size());
  id.append(name).push_back(':');
  id.append(source_id);
  return id;
}

std::string incident_key(std::string_view tenant, std::string_view asset, std::string_view threat) {
  std::string k;
  k.reserve(tenant.size() + asset.size() + threat.size() + 2);
  k.append(tenant).push_back('\x1f');
  k.append(asset).push_back('\x1f');
  k.append(threat);
  return k;
}

std::string dedup_key(std::string_view incident_key, std::int64_t ordinal) {
  Sha256 h;
  h.update(incident_key);
  h.update("\x1f");
  h.update(std::to_string(ordinal));
  return "inc-" + h.hex(16);
}

}  // namespace detail::pipeline
}  // namespace v1
}  // namespace mspcore
