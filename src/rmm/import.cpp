// import_file / import_text: pick the vendor's importer, stream the source through it; the
// import result's JSON document and the options' JSON.
#include <mspcore/rmm/import.hpp>
#include <mspcore/rmm/rmm_records.hpp>

#include "rmm/importers.hpp"
#include "rmm/records_json.hpp"

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
  using detail::rmm_json::to_json_list;
  json doc = json::object();
  doc["devices"] = to_json_list(batch.devices);
  doc["backup_results"] = to_json_list(batch.backup_results);
  doc["patches"] = to_json_list(batch.patches);
  doc["events"] = to_json_list(batch.events);
  doc["issues"] = to_json_list(batch.issues);
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
