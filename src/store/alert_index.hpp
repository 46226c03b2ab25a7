// Private to the alert pipeline's store: the two lookups a batch makes for every alert (is its
// alert stored? which incident is the latest of its correlation key?), answered from memory
// where it can instead of by an indexed SELECT each.
#pragma once

#include "store/sqlite_db.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

namespace mspcore {
inline namespace v1 {
namespace detail::pipeline {

/// What the file says of a stored alert.
struct KnownAlert {
  std::int64_t incident_id = 0;
  std::int64_t fingerprint = 0;
};

/// The keys of stored alerts and incidents.
struct KeyIndex {
  std::unordered_map<std::string, KnownAlert> alerts;    // alert_id() -> the stored alert
  std::unordered_map<std::string, std::int64_t> latest;  // incident_key() -> the latest incident's id
};

/// A KeyIndex held by the pipeline as a copy of what the file holds: loaded inside a batch's
/// transaction, changed with every row the batch writes, and dropped whenever the file may
/// hold something else: after a batch that rolled back, and when another connection committed
/// (PRAGMA data_version). Without it, a batch keeps its own writes in a KeyIndex of its own
/// and asks SQLite for the rest.
class AlertIndex {
 public:
  explicit AlertIndex(SQLite::Database& db);

  /// Drops the index when another connection committed since it was checked, or when the
  /// state has outgrown a batch of `records`; loads it when absent and the state is small
  /// enough. Runs inside the batch's transaction, so what it reads is what the batch sees.
  /// Returns the largest incident id stored (0: none).
  std::int64_t prepare(std::size_t records);

  /// The index, or nullptr when it is not held.
  KeyIndex* held() noexcept { return index_ ? &*index_ : nullptr; }

  /// After a batch failed: the index may hold its rows, and a statement whose step failed
  /// reports that error again at its next reset().
  void drop() noexcept;

  /// The stored alert of `key` (alert_id(source, source_id)): from `keys` (the index, or the
  /// batch's own writes), else from the file when the index is not held.
  std::optional<KnownAlert> find_alert(const KeyIndex& keys, const std::string& key, const std::string& source,
                                       const std::string& source_id);

  /// The id of the latest incident of `key` (incident_key(tenant, asset, threat)), looked up
  /// the same way; an answer from the file is remembered in `keys`.
  std::optional<std::int64_t> latest_id(KeyIndex& keys, const std::string& key, const std::string& tenant,
                                        const std::string& asset, const std::string& threat);

 private:
  SQLite::Database& db_;
  SQLite::Statement find_alert_;
  SQLite::Statement latest_by_key_;
  std::optional<KeyIndex> index_;
  std::int64_t data_version_ = 0;  // PRAGMA data_version when the index was last checked
};

}  // namespace detail::pipeline
}  // namespace v1
}  // namespace mspcore
