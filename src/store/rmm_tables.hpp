// Private to the RMM store: how each normalised record type maps to its table. One Table<R>
// per record type names the table, its key and its order, binds a record's fields as the
// parameters ?1..?N (N = the field list's size, in its order) and reads a row back from the
// columns of the same order. The SQL of the upsert and the reads is built from these
// (rmm_sql.hpp), so a table's columns are the record's field names.
#pragma once

#include <mspcore/rmm/normalised.hpp>
#include <mspcore/rmm/rmm_records.hpp>

#include "store/sqlite_db.hpp"

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace mspcore {
inline namespace v1 {
namespace detail::rmm_store {

template <class R>
struct Table;

template <>
struct Table<Device> {
  static constexpr const char* name = "devices";
  static constexpr const char* what = "device";
  static constexpr const auto& fields = kDeviceFields;
  static constexpr std::array<std::size_t, 2> key{1, 2};  // source, id
  static constexpr const char* order = R"("tenant", "source", "id")";
  static void bind(SQLite::Statement& q, const Device& d);
  static Device read(SQLite::Statement& q);
  /// The record's key for messages: "device (source 'x', id 'y')".
  static std::string describe(const Device& d);
  /// The first field of the key (or the tenant) that is empty, or nullptr.
  static const char* empty_key(const Device& d) noexcept;
};

template <>
struct Table<BackupResult> {
  static constexpr const char* name = "backup_results";
  static constexpr const char* what = "backup result";
  static constexpr const auto& fields = kBackupResultFields;
  static constexpr std::array<std::size_t, 2> key{2, 3};  // source, id
  static constexpr const char* order = R"("tenant", "at", "source", "id")";
  static void bind(SQLite::Statement& q, const BackupResult& r);
  static BackupResult read(SQLite::Statement& q);
  static std::string describe(const BackupResult& r);
  static const char* empty_key(const BackupResult& r) noexcept;
};

template <>
struct Table<PatchRecord> {
  static constexpr const char* name = "patches";
  static constexpr const char* what = "patch";
  static constexpr const auto& fields = kPatchFields;
  static constexpr std::array<std::size_t, 4> key{2, 0, 1, 3};  // source, tenant, device_id, patch_id
  static constexpr const char* order = R"("tenant", "device_id", "source", "patch_id")";
  static void bind(SQLite::Statement& q, const PatchRecord& p);
  static PatchRecord read(SQLite::Statement& q);
  static std::string describe(const PatchRecord& p);
  static const char* empty_key(const PatchRecord& p) noexcept;
};

template <>
struct Table<MonitoringEvent> {
  static constexpr const char* name = "events";
  static constexpr const char* what = "event";
  static constexpr const auto& fields = kMonitoringEventFields;
  static constexpr std::array<std::size_t, 2> key{2, 3};  // source, id
  static constexpr const char* order = R"("tenant", "opened", "source", "id")";
  static void bind(SQLite::Statement& q, const MonitoringEvent& e);
  static MonitoringEvent read(SQLite::Statement& q);
  static std::string describe(const MonitoringEvent& e);
  static const char* empty_key(const MonitoringEvent& e) noexcept;
};

/// Index of the tenant field: first in every field list.
inline constexpr std::size_t kTenantField = 0;

}  // namespace detail::rmm_store
}  // namespace v1
}  // namespace mspcore
