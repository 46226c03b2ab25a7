// The RMM store's rows: each record's fields as SQL values, in field-list order. Enums are
// stored as their names (readable with the sqlite3 shell, and stable when an enum grows),
// instants as Unix seconds, dates as days since 1970-01-01, flags as 0/1, missing as NULL.
#include "store/rmm_tables.hpp"

#include <mspcore/core/error.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace mspcore {
inline namespace v1 {
namespace detail::rmm_store {

namespace {

using std::chrono::sys_days;

void text(SQLite::Statement& q, int i, const std::string& v) { q.bind(i, v); }
void whole(SQLite::Statement& q, int i, std::int64_t v) { q.bind(i, v); }
void flag(SQLite::Statement& q, int i, bool v) { q.bind(i, static_cast<std::int64_t>(v ? 1 : 0)); }
void label(SQLite::Statement& q, int i, std::string_view v) { q.bind(i, std::string(v)); }
void instant(SQLite::Statement& q, int i, Instant t) { q.bind(i, unix_seconds(t)); }

template <class T, class Bind>
void optional(SQLite::Statement& q, int i, const std::optional<T>& v, Bind bind) {
  if (v) {
    bind(q, i, *v);
  } else {
    q.bind(i);
  }
}

void day(SQLite::Statement& q, int i, sys_days d) { q.bind(i, static_cast<std::int64_t>(d.time_since_epoch().count())); }

// Reading back: column i of the row the statement stands on.
std::string text_at(SQLite::Statement& q, int i) { return q.getColumn(i).getString(); }
std::int64_t whole_at(SQLite::Statement& q, int i) { return q.getColumn(i).getInt64(); }
bool flag_at(SQLite::Statement& q, int i) { return q.getColumn(i).getInt64() != 0; }
Instant instant_at(SQLite::Statement& q, int i) { return from_unix_seconds(q.getColumn(i).getInt64()); }
std::optional<Instant> opt_instant_at(SQLite::Statement& q, int i) {
  if (q.getColumn(i).isNull()) return std::nullopt;
  return instant_at(q, i);
}
std::optional<std::int64_t> opt_whole_at(SQLite::Statement& q, int i) {
  if (q.getColumn(i).isNull()) return std::nullopt;
  return whole_at(q, i);
}
std::optional<bool> opt_flag_at(SQLite::Statement& q, int i) {
  if (q.getColumn(i).isNull()) return std::nullopt;
  return flag_at(q, i);
}
std::optional<sys_days> opt_day_at(SQLite::Statement& q, int i) {
  if (q.getColumn(i).isNull()) return std::nullopt;
  return sys_days{std::chrono::days{whole_at(q, i)}};
}

// A stored name that does not read back was written outside the library: never guess it.
template <class Parse>
auto enum_at(SQLite::Statement& q, int i, const char* table, Parse parse) {
  const std::string stored = text_at(q, i);
  try {
    return parse(stored);
  } catch (const Error& e) {
    throw Error(ErrorCode::STORAGE_ERROR, std::string(table) + "." + q.getColumnName(i) + ": stored value " +
                                              mspcore::quoted(stored) + " is unreadable: " + e.what());
  }
}

std::string key_text(const char* what, const std::string& source, const char* id_name, const std::string& id) {
  return std::string(what) + " (source " + mspcore::quoted(source) + ", " + id_name + " " + mspcore::quoted(id) + ")";
}

}  // namespace

// ---- devices ----

void Table<Device>::bind(SQLite::Statement& q, const Device& d) {
  text(q, 1, d.tenant);
  text(q, 2, d.source);
  text(q, 3, d.id);
  text(q, 4, d.name);
  label(q, 5, to_string(d.device_class));
  text(q, 6, d.os);
  text(q, 7, d.site);
  optional(q, 8, d.last_seen, instant);
  optional(q, 9, d.online, flag);
  flag(q, 10, d.reboot_required);
  label(q, 11, to_string(d.patch_status));
  optional(q, 12, d.patches_pending, whole);
  flag(q, 13, d.backup_expected);
  flag(q, 14, d.retired);
}

Device Table<Device>::read(SQLite::Statement& q) {
  Device d;
  d.tenant = text_at(q, 0);
  d.source = text_at(q, 1);
  d.id = text_at(q, 2);
  d.name = text_at(q, 3);
  d.device_class = enum_at(q, 4, name, parse_device_class);
  d.os = text_at(q, 5);
  d.site = text_at(q, 6);
  d.last_seen = opt_instant_at(q, 7);
  d.online = opt_flag_at(q, 8);
  d.reboot_required = flag_at(q, 9);
  d.patch_status = enum_at(q, 10, name, parse_device_patch_status);
  d.patches_pending = opt_whole_at(q, 11);
  d.backup_expected = flag_at(q, 12);
  d.retired = flag_at(q, 13);
  return d;
}

std::string Table<Device>::describe(const Device& d) { return key_text(what, d.source, "id", d.id); }

const char* Table<Device>::empty_key(const Device& d) noexcept {
  return d.tenant.empty() ? "tenant" : d.source.empty() ? "source" : d.id.empty() ? "id" : nullptr;
}

// ---- backup results ----

void Table<BackupResult>::bind(SQLite::Statement& q, const BackupResult& r) {
  text(q, 1, r.tenant);
  text(q, 2, r.device_id);
  text(q, 3, r.source);
  text(q, 4, r.id);
  instant(q, 5, r.at);
  label(q, 6, to_string(r.outcome));
  label(q, 7, to_string(r.copy));
  label(q, 8, to_string(r.verification));
  text(q, 9, r.data_source);
  whole(q, 10, r.errors);
  text(q, 11, r.detail);
}

BackupResult Table<BackupResult>::read(SQLite::Statement& q) {
  BackupResult r;
  r.tenant = text_at(q, 0);
  r.device_id = text_at(q, 1);
  r.source = text_at(q, 2);
  r.id = text_at(q, 3);
  r.at = instant_at(q, 4);
  r.outcome = enum_at(q, 5, name, parse_backup_outcome);
  r.copy = enum_at(q, 6, name, parse_backup_copy);
  r.verification = enum_at(q, 7, name, parse_verification);
  r.data_source = text_at(q, 8);
  r.errors = whole_at(q, 9);
  r.detail = text_at(q, 10);
  return r;
}

std::string Table<BackupResult>::describe(const BackupResult& r) { return key_text(what, r.source, "id", r.id); }

const char* Table<BackupResult>::empty_key(const BackupResult& r) noexcept {
  return r.tenant.empty() ? "tenant" : r.source.empty() ? "source" : r.id.empty() ? "id" : nullptr;
}

// ---- patches ----

void Table<PatchRecord>::bind(SQLite::Statement& q, const PatchRecord& p) {
  text(q, 1, p.tenant);
  text(q, 2, p.device_id);
  text(q, 3, p.source);
  text(q, 4, p.patch_id);
  text(q, 5, p.title);
  label(q, 6, to_string(p.severity));
  label(q, 7, to_string(p.state));
  optional(q, 8, p.released, day);
  optional(q, 9, p.installed_at, instant);
  flag(q, 10, p.reboot_required);
}

PatchRecord Table<PatchRecord>::read(SQLite::Statement& q) {
  PatchRecord p;
  p.tenant = text_at(q, 0);
  p.device_id = text_at(q, 1);
  p.source = text_at(q, 2);
  p.patch_id = text_at(q, 3);
  p.title = text_at(q, 4);
  p.severity = enum_at(q, 5, name, parse_patch_severity);
  p.state = enum_at(q, 6, name, parse_patch_state);
  p.released = opt_day_at(q, 7);
  p.installed_at = opt_instant_at(q, 8);
  p.reboot_required = flag_at(q, 9);
  return p;
}

std::string Table<PatchRecord>::describe(const PatchRecord& p) {
  return std::string(what) + " (source " + mspcore::quoted(p.source) + ", tenant " + mspcore::quoted(p.tenant) + ", device_id " +
         mspcore::quoted(p.device_id) + ", patch_id " + mspcore::quoted(p.patch_id) + ")";
}

const char* Table<PatchRecord>::empty_key(const PatchRecord& p) noexcept {
  return p.tenant.empty()      ? "tenant"
         : p.source.empty()    ? "source"
         : p.device_id.empty() ? "device_id"
         : p.patch_id.empty()  ? "patch_id"
                               : nullptr;
}

// ---- monitoring events ----

void Table<MonitoringEvent>::bind(SQLite::Statement& q, const MonitoringEvent& e) {
  text(q, 1, e.tenant);
  text(q, 2, e.device_id);
  text(q, 3, e.source);
  text(q, 4, e.id);
  text(q, 5, e.monitor);
  label(q, 6, to_string(e.priority));
  instant(q, 7, e.opened);
  optional(q, 8, e.resolved, instant);
  flag(q, 9, e.outage);
  text(q, 10, e.ticket);
  text(q, 11, e.detail);
}

MonitoringEvent Table<MonitoringEvent>::read(SQLite::Statement& q) {
  MonitoringEvent e;
  e.tenant = text_at(q, 0);
  e.device_id = text_at(q, 1);
  e.source = text_at(q, 2);
  e.id = text_at(q, 3);
  e.monitor = text_at(q, 4);
  e.priority = enum_at(q, 5, name, parse_event_priority);
  e.opened = instant_at(q, 6);
  e.resolved = opt_instant_at(q, 7);
  e.outage = flag_at(q, 8);
  e.ticket = text_at(q, 9);
  e.detail = text_at(q, 10);
  return e;
}

std::string Table<MonitoringEvent>::describe(const MonitoringEvent& e) { return key_text(what, e.source, "id", e.id); }

const char* Table<MonitoringEvent>::empty_key(const MonitoringEvent& e) noexcept {
  return e.tenant.empty() ? "tenant" : e.source.empty() ? "source" : e.id.empty() ? "id" : nullptr;
}

}  // namespace detail::rmm_store
}  // namespace v1
}  // namespace mspcore
