// The alert pipeline for mspcore.alert_pipeline: items arrive as (source, payload text) pairs,
// instants as Unix seconds; requests and errors come back as dicts.
#include "bindings.hpp"

#include <mspcore/core/error.hpp>
#include <mspcore/security/alert_pipeline.hpp>

#include <pybind11/stl.h>

#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mspcore::python {
namespace {

// The GIL is released while SQLite works, so the connection gets its own lock; close()
// drops it for good.
class Pipeline {
 public:
  Pipeline(const std::string& path, const std::optional<std::string>& config)
      : pipeline_(AlertPipeline(path, config ? AlertPipelineConfig::from_json(*config) : AlertPipelineConfig{})) {}

  template <class Body>
  auto with(Body&& body) {
    const std::lock_guard lock(mutex_);
    if (!pipeline_) throw Error(ErrorCode::INVALID_STATE, "the alert pipeline is closed");
    return body(*pipeline_);
  }
  void close() {
    const std::lock_guard lock(mutex_);
    pipeline_.reset();
  }

 private:
  std::mutex mutex_;
  std::optional<AlertPipeline> pipeline_;
};

py::dict psa(const PsaPriority& p) {
  py::dict d;
  d["id"] = p.id ? py::object(py::int_(*p.id)) : py::none();
  d["name"] = p.name;
  return d;
}

py::dict request_dict(const TicketRequest& r) {
  py::dict d;
  d["action"] = std::string(to_string(r.action));
  d["incident_id"] = r.incident_id;
  d["tenant"] = r.tenant;
  d["asset"] = r.asset;
  d["threat"] = r.threat;
  d["title"] = r.title;
  d["body"] = r.body;
  d["priority"] = r.priority;
  d["priority_label"] = std::string(itil_priority_label(r.priority));
  d["psa"] = py::dict(py::arg("connectwise") = psa(r.connectwise), py::arg("autotask") = psa(r.autotask));
  d["priority_explanation"] = r.priority_explanation;
  d["queue"] = r.queue;
  d["dedup_key"] = r.dedup_key;
  d["alert_count"] = r.alert_count;
  d["alert_ids"] = r.alert_ids;
  return d;
}

py::dict incident_dict(const Incident& i) {
  py::dict d;
  d["id"] = i.id;
  d["tenant"] = i.tenant;
  d["asset"] = i.asset;
  d["threat"] = i.threat;
  d["dedup_key"] = i.dedup_key;
  d["status"] = i.open ? "open" : "resolved";
  d["priority"] = i.priority;
  d["alert_count"] = i.alert_count;
  d["first_seen"] = unix_seconds(i.first_seen);
  d["last_seen"] = unix_seconds(i.last_seen);
  d["resolved_at"] = i.resolved_at ? py::object(py::int_(unix_seconds(*i.resolved_at))) : py::none();
  return d;
}

}  // namespace

void bind_alert_pipeline(py::module_& m) {
  py::class_<Pipeline>(m, "AlertPipeline", "Native alert pipeline; use mspcore.AlertPipeline.")
      .def(py::init<const std::string&, const std::optional<std::string>&>(), py::arg("path"),
           py::arg("config_json") = py::none(), py::call_guard<py::gil_scoped_release>())
      .def_property_readonly_static("schema_version", [](const py::object&) { return AlertPipeline::schema_version(); })
      .def(
          "ingest",
          [](Pipeline& self, const std::vector<std::pair<std::string, std::string>>& items, std::int64_t now) {
            std::vector<AlertRecord> records;
            records.reserve(items.size());
            for (const auto& [source, payload] : items) records.push_back({source, payload});
            IngestResult result;
            {
              py::gil_scoped_release release;
              result = self.with([&](AlertPipeline& p) { return p.ingest(records, from_unix_seconds(now)); });
            }
            py::list requests;
            for (const TicketRequest& r : result.requests) requests.append(request_dict(r));
            py::list errors;
            for (const PipelineError& e : result.errors) {
              py::dict d;
              d["index"] = e.index;
              d["code"] = static_cast<int>(e.code);
              d["status"] = std::string(error_code_name(e.code));
              d["message"] = e.message;
              errors.append(d);
            }
            py::dict counts;
            counts["new"] = result.new_alerts;
            counts["updated"] = result.updated_alerts;
            counts["unchanged"] = result.unchanged_alerts;
            return py::make_tuple(requests, errors, counts);
          },
          py::arg("items"), py::arg("now"))
      .def(
          "resolve_incident",
          [](Pipeline& self, std::int64_t id, std::int64_t at) {
            self.with([&](AlertPipeline& p) {
              p.resolve_incident(id, from_unix_seconds(at));
              return 0;
            });
          },
          py::arg("incident_id"), py::arg("at"), py::call_guard<py::gil_scoped_release>())
      .def(
          "incidents",
          [](Pipeline& self, const std::string& tenant) {
            std::vector<Incident> incidents;
            {
              py::gil_scoped_release release;
              incidents = self.with([&](AlertPipeline& p) { return p.incidents(tenant); });
            }
            py::list out;
            for (const Incident& i : incidents) out.append(incident_dict(i));
            return out;
          },
          py::arg("tenant"))
      .def("alert_count", [](Pipeline& self) { return self.with([](AlertPipeline& p) { return p.alert_count(); }); },
           py::call_guard<py::gil_scoped_release>())
      .def("config_json", [](Pipeline& self) { return self.with([](AlertPipeline& p) { return p.config().to_json(); }); })
      .def("close", &Pipeline::close, py::call_guard<py::gil_scoped_release>());

  m.def("default_alert_pipeline_config_json", [] { return AlertPipelineConfig{}.to_json(); });
}

}  // namespace mspcore::python
