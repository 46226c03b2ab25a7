// The alert pipeline's in-memory index of stored keys, and the SELECTs it saves.
#include "store/alert_index.hpp"

#include "security/alert_detail.hpp"
#include "security/alert_keys.hpp"
#include "store/alert_schema.hpp"

#include <utility>

namespace mspcore {
inline namespace v1 {
namespace detail::pipeline {

namespace {

// The index is held only while the stored incidents number at most this many times the
// records of the batch. Loading reads every stored key once, which costs less than the two
// SELECTs per record it saves only when the batch is not much smaller than the state; and
// the memory held stays in proportion to the batches, not to the history in the file.
constexpr std::int64_t kIndexStatePerRecord = 4;

}  // namespace

AlertIndex::AlertIndex(SQLite::Database& db)
    : db_(db),
      find_alert_(db, "SELECT incident_id, fingerprint FROM alerts WHERE source = ?1 AND source_id = ?2"),
      latest_by_key_(db, "SELECT id FROM incidents WHERE tenant = ?1 AND asset = ?2 AND threat = ?3 "
                         "ORDER BY ordinal DESC LIMIT 1") {}

std::int64_t AlertIndex::prepare(std::size_t records) {
  const std::int64_t version = db_.execAndGet("PRAGMA data_version").getInt64();
  if (version != data_version_) index_.reset();
  data_version_ = version;
  const std::int64_t max_id = db_.execAndGet("SELECT coalesce(max(id), 0) FROM incidents").getInt64();
  if (max_id > kIndexStatePerRecord * static_cast<std::int64_t>(records)) {
    index_.reset();
    return max_id;
  }
  if (index_) return max_id;
  KeyIndex k;
  SQLite::Statement alerts(db_, "SELECT source, source_id, incident_id, fingerprint FROM alerts");
  while (alerts.executeStep()) {
    // A source this build does not know (written by a newer one) is never looked up here.
    const auto source = detail::alert::from_name<AlertSource>(alerts.getColumn(0).getText());
    if (!source) continue;
    k.alerts.emplace(alert_id(*source, alerts.getColumn(1).getString()),
                     KnownAlert{alerts.getColumn(2).getInt64(), alerts.getColumn(3).getInt64()});
  }
  // The row of max(ordinal) gives the other columns (SQLite's bare columns of min/max).
  SQLite::Statement latest(db_, "SELECT tenant, asset, threat, id, max(ordinal) FROM incidents GROUP BY tenant, asset, threat");
  while (latest.executeStep()) {
    k.latest.emplace(incident_key(latest.getColumn(0).getString(), latest.getColumn(1).getString(),
                                  latest.getColumn(2).getString()),
                     latest.getColumn(3).getInt64());
  }
  index_ = std::move(k);
  return max_id;
}

void AlertIndex::drop() noexcept {
  index_.reset();
  find_alert_.tryReset();
  latest_by_key_.tryReset();
}

std::optional<KnownAlert> AlertIndex::find_alert(const KeyIndex& keys, const std::string& key, const std::string& source,
                                                 const std::string& source_id) {
  if (const auto it = keys.alerts.find(key); it != keys.alerts.end()) return it->second;
  if (index_) return std::nullopt;
  find_alert_.reset();
  bind_view(find_alert_, 1, source);
  bind_view(find_alert_, 2, source_id);
  std::optional<KnownAlert> found;
  if (find_alert_.executeStep()) found = KnownAlert{find_alert_.getColumn(0).getInt64(), find_alert_.getColumn(1).getInt64()};
  find_alert_.reset();
  return found;
}

std::optional<std::int64_t> AlertIndex::latest_id(KeyIndex& keys, const std::string& key, const std::string& tenant,
                                                  const std::string& asset, const std::string& threat) {
  if (const auto it = keys.latest.find(key); it != keys.latest.end()) return it->second;
  if (index_) return std::nullopt;
  latest_by_key_.reset();
  bind_view(latest_by_key_, 1, tenant);
  bind_view(latest_by_key_, 2, asset);
  bind_view(latest_by_key_, 3, threat);
  std::optional<std::int64_t> id;
  if (latest_by_key_.executeStep()) id = latest_by_key_.getColumn(0).getInt64();
  latest_by_key_.reset();
  if (id) keys.latest.emplace(key, *id);
  return id;
}

}  // namespace detail::pipeline
}  // namespace v1
}  // namespace mspcore
