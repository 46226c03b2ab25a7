// import_file / import_text: pick the vendor's importer, stream the source through it; the
// import result's JSON document and the options' JSON.
#include <mspcore/rmm/import.hpp>
#include <mspcore/rmm/rmm_records.hpp>

#include "rmm/importers.hpp"

#include <utility>

namespace mspcore {
inline namespace v1 {

namespace {

using rmm_import::json;

void run(rmm_import::Source& source, RmmVendor vendor, const ImportOptions& options, ImportSink& sink) {
  rmm_import::Emitter out(source.name(), vendor, options, sink);
  switch (vendor) {
    case RmmVendor::DattoRmm: rmm_import::import_datto_rmm(source, out); break;
    case RmmVendor::DattoBcdr: rmm_import::import_datto_bcdr(source, out); break;
    case RmmVendor::Cove: rmm_import::import_cove(source, out); break;
    case RmmVendor::NCentral: rmm_import::import_ncentral(source, out); break;
  }
  out.finish();
}

class Collect : public ImportSink {
 public:
  ImportBatch all;
  void consume(ImportBatch&& batch) override { append_batch(all, std::move(batch)); }
};

template <class T>
void append(std::vector<T>& to, std::vector<T>&& from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

json instant_or_null(const std::optional<Instant>& t) { return t ? json(format_instant(*t)) : json(nullptr); }

}  // namespace

void append_batch(ImportBatch& to, ImportBatch&& from) {
  append(to.devices, std::move(from.devices));
  append(to.backup_results, std::move(from.backup_results));
  append(to.patches, std::move(from.patches));
  append(to.events, std::move(from.events));
  append(to.issues, std::move(from.issues));
}

void import_file(const std::string& path, RmmVendor vendor, const ImportOptions& options, ImportSink& sink) {
  rmm_import::Source source(path);
  run(source, vendor, options, sink);
}

ImportBatch import_file(const std::string& path, RmmVendor vendor, const ImportOptions& options) {
  Collect c;
  import_file(path, vendor, options, c);
  return std::move(c.all);
}

void import_text(std::string_view text, const std::string& file_name, RmmVendor vendor, const ImportOptions& options,
                 ImportSink& sink) {
  rmm_import::Source source(text, file_name);
  run(source, vendor, options, sink);
}

ImportBatch import_text(std::string_view text, const std::string& file_name, RmmVendor vendor,
                        const ImportOptions& options) {
  Collect c;
  import_text(text, file_name, vendor, options, c);
  return std::move(c.all);
}

std::string import_result_json(const ImportBatch& batch) {
  // The keys are taken from the field lists themselves, so writer and decoders cannot drift.
  json devices = json::array();
  for (const Device& d : batch.devices) {
    const auto& k = kDeviceFields;
    json o = json::object();
    o[k[0]] = d.tenant;
    o[k[1]] = d.source;
    o[k[2]] = d.id;
    o[k[3]] = d.name;
    o[k[4]] = to_string(d.device_class);
    o[k[5]] = d.os;
    o[k[6]] = d.site;
    o[k[7]] = instant_or_null(d.last_seen);
    o[k[8]] = d.online ? json(*d.online) : json(nullptr);
    o[k[9]] = d.reboot_required;
    o[k[10]] = to_string(d.patch_status);
    o[k[11]] = d.patches_pending ? json(*d.patches_pending) : json(nullptr);
    o[k[12]] = d.backup_expected;
    o[k[13]] = d.retired;
    devices.push_back(std::move(o));
  }
  json results = json::array();
  for (const BackupResult& r : batch.backup_results) {
    const auto& k = kBackupResultFields;
    json o = json::object();
    o[k[0]] = r.tenant;
    o[k[1]] = r.device_id;
    o[k[2]] = r.source;
    o[k[3]] = r.id;
    o[k[4]] = format_instant(r.at);
    o[k[5]] = to_string(r.outcome);
    o[k[6]] = to_string(r.copy);
    o[k[7]] = to_string(r.verification);
    o[k[8]] = r.data_source;
    o[k[9]] = r.errors;
    o[k[10]] = r.detail;
    results.push_back(std::move(o));
  }
  json patches = json::array();
  for (const PatchRecord& p : batch.patches) {
    const auto& k = kPatchFields;
    json o = json::object();
    o[k[0]] = p.tenant;
    o[k[1]] = p.device_id;
    o[k[2]] = p.source;
    o[k[3]] = p.patch_id;
    o[k[4]] = p.title;
    o[k[5]] = to_string(p.severity);
    o[k[6]] = to_string(p.state);
    o[k[7]] = p.released ? json(format_date(*p.released)) : json(nullptr);
    o[k[8]] = instant_or_null(p.installed_at);
    o[k[9]] = p.reboot_required;
    patches.push_back(std::move(o));
  }
  json events = json::array();
  for (const MonitoringEvent& e : batch.events) {
    const auto& k = kMonitoringEventFields;
    json o = json::object();
    o[k[0]] = e.tenant;
    o[k[1]] = e.device_id;
    o[k[2]] = e.source;
    o[k[3]] = e.id;
    o[k[4]] = e.monitor;
    o[k[5]] = to_string(e.priority);
    o[k[6]] = format_instant(e.opened);
    o[k[7]] = instant_or_null(e.resolved);
    o[k[8]] = e.outage;
    o[k[9]] = e.ticket;
    o[k[10]] = e.detail;
    events.push_back(std::move(o));
  }
  json issues = json::array();
  for (const ImportIssue& i : batch.issues) {
    issues.push_back(json{{"file", i.file},
                          {"row", i.row},
                          {"field", i.field},
                          {"code", std::string(error_code_name(i.code))},
                          {"message", i.message}});
  }
  json doc = json::object();
  doc["devices"] = std::move(devices);
  doc["backup_results"] = std::move(results);
  doc["patches"] = std::move(patches);
  doc["events"] = std::move(events);
  doc["issues"] = std::move(issues);
  // Vendor text may hold invalid UTF-8: replaced, so the document always parses.
  return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

ImportOptions parse_import_options_json(std::string_view text) {
  const json doc = json_util::parse(text, "options_json");
  if (!doc.is_object()) throw Error(ErrorCode::INVALID_ARGUMENT, "options_json: expected an object, got " + doc.dump());
  json_util::reject_unknown_keys(doc, "options_json", {"tenants", "default_tenant", "batch_rows"});
  ImportOptions options;
  if (const auto it = doc.find("tenants"); it != doc.end() && !it->is_null()) {
    if (!it->is_object()) {
      throw Error(ErrorCode::INVALID_ARGUMENT, "options_json.tenants: expected an object {site: tenant}, got " + it->dump());
    }
    for (const auto& item : it->items()) {
      const std::string tenant = json_util::require_string(item.value(), "options_json.tenants." + item.key());
      if (tenant.empty()) {
        throw Error(ErrorCode::INVALID_ARGUMENT, "options_json.tenants." + item.key() + ": the tenant is empty");
      }
      options.tenants[item.key()] = tenant;
    }
  }
  if (const auto it = doc.find("default_tenant"); it != doc.end() && !it->is_null()) {
    options.default_tenant = json_util::require_string(*it, "options_json.default_tenant");
  }
  if (const auto it = doc.find("batch_rows"); it != doc.end() && !it->is_null()) {
    if (!it->is_number_unsigned() || it->get<std::uint64_t>() == 0) {
      throw Error(ErrorCode::INVALID_ARGUMENT, "options_json.batch_rows: expected an integer >= 1, got " + it->dump());
    }
    options.batch_rows = it->get<std::size_t>();
  }
  return options;
}

}  // namespace v1
}  // namespace mspcore
