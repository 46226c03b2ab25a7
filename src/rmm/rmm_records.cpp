// The decoders of devices, backup results and patch records (the records layer,
// docs/records.md). read_monitoring_event lives with the monitoring SLAs.
#include <mspcore/records/field_reader.hpp>
#include <mspcore/rmm/rmm_records.hpp>

#include <string>

namespace mspcore {
inline namespace v1 {

namespace {

constexpr std::size_t operator+(DeviceField f) { return static_cast<std::size_t>(f); }
constexpr std::size_t operator+(BackupResultField f) { return static_cast<std::size_t>(f); }
constexpr std::size_t operator+(PatchField f) { return static_cast<std::size_t>(f); }

// "table[i] (tenant 'acme' device 'D-1')", made only when an error needs it.
template <class Record>
void name_by_device(FieldReader& r, const char* table, std::size_t index, const Record& rec, const std::string& id) {
  r.rename([table, index, &rec, &id] {
    return record_where(table, index) + " (tenant " + mspcore::quoted(rec.tenant) + " device " + mspcore::quoted(id) +
           ")";
  });
}

}  // namespace

Device read_device(const Fields& fields, std::size_t index) {
  using F = DeviceField;
  FieldReader r = FieldReader::of_record(fields, kDeviceFields, "devices", index);
  Device d;
  d.tenant = r.required_text(+F::tenant);
  d.id = r.required_text(+F::id);
  name_by_device(r, "devices", index, d, d.id);
  d.source = r.text_or_empty(+F::source);
  d.name = r.text_or_empty(+F::name);
  d.device_class = r.name_or(+F::device_class, parse_device_class, DeviceClass::Other);
  d.os = r.text_or_empty(+F::os);
  d.site = r.text_or_empty(+F::site);
  if (r.has(+F::last_seen)) d.last_seen = r.instant(+F::last_seen);
  if (r.has(+F::online)) d.online = r.flag(+F::online);
  d.reboot_required = r.flag_or(+F::reboot_required, false);
  d.patch_status = r.name_or(+F::patch_status, parse_device_patch_status, DevicePatchStatus::Unknown);
  if (r.has(+F::patches_pending)) {
    const std::int64_t n = r.whole(+F::patches_pending);
    if (n < 0) throw r.error(ErrorCode::OUT_OF_RANGE, r.at(+F::patches_pending) + ": " + std::to_string(n) + " must be >= 0");
    d.patches_pending = n;
  }
  d.backup_expected = r.flag_or(+F::backup_expected, true);
  d.retired = r.flag_or(+F::retired, false);
  return d;
}

BackupResult read_backup_result(const Fields& fields, std::size_t index) {
  using F = BackupResultField;
  FieldReader r = FieldReader::of_record(fields, kBackupResultFields, "backup_results", index);
  BackupResult b;
  b.tenant = r.required_text(+F::tenant);
  b.device_id = r.required_text(+F::device_id);
  name_by_device(r, "backup_results", index, b, b.device_id);
  b.source = r.text_or_empty(+F::source);
  b.id = r.text_or_empty(+F::id);
  b.at = r.instant(+F::at);
  b.outcome = r.name(+F::outcome, parse_backup_outcome);
  b.copy = r.name_or(+F::copy, parse_backup_copy, BackupCopy::Local);
  b.verification = r.name_or(+F::verification, parse_verification, Verification::None);
  b.data_source = r.text_or_empty(+F::data_source);
  b.errors = r.whole_or(+F::errors, 0);
  if (b.errors < 0) {
    throw r.error(ErrorCode::OUT_OF_RANGE, r.at(+F::errors) + ": " + std::to_string(b.errors) + " must be >= 0");
  }
  b.detail = r.text_or_empty(+F::detail);
  return b;
}

PatchRecord read_patch_record(const Fields& fields, std::size_t index) {
  using F = PatchField;
  FieldReader r = FieldReader::of_record(fields, kPatchFields, "patches", index);
  PatchRecord p;
  p.tenant = r.required_text(+F::tenant);
  p.device_id = r.required_text(+F::device_id);
  p.patch_id = r.required_text(+F::patch_id);
  r.rename([index, &p] {
    return record_where("patches", index) + " (tenant " + mspcore::quoted(p.tenant) + " device " +
           mspcore::quoted(p.device_id) + " patch " + mspcore::quoted(p.patch_id) + ")";
  });
  p.source = r.text_or_empty(+F::source);
  p.title = r.text_or_empty(+F::title);
  p.severity = r.name_or(+F::severity, parse_patch_severity, PatchSeverity::Unspecified);
  p.state = r.name(+F::state, parse_patch_state);
  if (r.has(+F::released)) p.released = r.date(+F::released);
  if (r.has(+F::installed_at)) p.installed_at = r.instant(+F::installed_at);
  p.reboot_required = r.flag_or(+F::reboot_required, false);
  return p;
}

}  // namespace v1
}  // namespace mspcore
