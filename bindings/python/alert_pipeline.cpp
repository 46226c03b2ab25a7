// The alert pipeline for mspcore.alert_pipeline: items arrive as (source, payload text) pairs,
// instants as Unix seconds; requests and errors come back as dicts.
#include "bindings.hpp"

#include <mspcore/core/error.hpp>
#include <mspcore/security/alert_pipeline.hpp>

#include <pybind11/stl.h>

#include <initializer_list>
#include <iterator>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mspcore::python {
namespace {

// The GIL is released while SQLite works, so the connection gets its own lock; close()
// drops it for good. Every method waits for the lock without the GIL: ingest() takes the GIL
// (to build its dicts) while it holds the lock.
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

// Request dicts are built with the C API and interned keys: a batch gives tens of thousands
// of them, and pybind11's item accessors cost a key string (and for kwargs an attribute
// lookup) per member.
PyObject* check(PyObject* o) {
  if (o == nullptr) throw py::error_already_set();
  return o;
}

// Sets d[key] = value, taking the reference `value` owns.
void put(PyObject* d, const py::str& key, PyObject* value) {
  check(value);
  const int rc = PyDict_SetItem(d, key.ptr(), value);
  Py_DECREF(value);
  if (rc != 0) throw py::error_already_set();
}

PyObject* new_text(std::string_view s) { return PyUnicode_FromStringAndSize(s.data(), static_cast<Py_ssize_t>(s.size())); }

struct RequestKeys {
  py::str action = interned("action"), incident_id = interned("incident_id"), tenant = interned("tenant"),
          asset = interned("asset"), threat = interned("threat"), title = interned("title"), body = interned("body"),
          priority = interned("priority"), priority_label = interned("priority_label"), psa = interned("psa"),
          connectwise = interned("connectwise"), autotask = interned("autotask"), id = interned("id"),
          name = interned("name"), priority_explanation = interned("priority_explanation"), queue = interned("queue"),
          dedup_key = interned("dedup_key"), alert_count = interned("alert_count"), alert_ids = interned("alert_ids");
  // Every request dict starts as a copy of `request` (all its keys, values None), so it is
  // not grown key by key, and the same for the PSA dicts; the values are then set in place.
  py::dict request = with_keys({action, incident_id, tenant, asset, threat, title, body, priority, priority_label, psa,
                                priority_explanation, queue, dedup_key, alert_count, alert_ids});
  py::dict psa_pair = with_keys({connectwise, autotask});
  py::dict psa_one = with_keys({id, name});

  static py::str interned(const char* s) { return py::reinterpret_steal<py::str>(check(PyUnicode_InternFromString(s))); }
  static py::dict with_keys(std::initializer_list<py::str> keys) {
    py::dict d;
    for (const py::str& k : keys) d[k] = py::none();
    return d;
  }
};

PyObject* copy_of(const py::dict& d) { return check(PyDict_Copy(d.ptr())); }

// A str for texts that repeat from request to request (action, priority label, queue, PSA
// priority names: a few configuration strings): the last object made for a text is used
// again while the text is the same. str objects are immutable, so sharing one is invisible.
class TextReuse {
 public:
  TextReuse() = default;
  TextReuse(const TextReuse&) = delete;
  TextReuse& operator=(const TextReuse&) = delete;
  ~TextReuse() { Py_XDECREF(object_); }

  // A new reference.
  PyObject* get(std::string_view s) {
    if (object_ == nullptr || s != text_) {
      PyObject* fresh = check(new_text(s));
      Py_XDECREF(object_);
      object_ = fresh;
      text_.assign(s);
    }
    Py_INCREF(object_);
    return object_;
  }

 private:
  std::string text_;
  PyObject* object_ = nullptr;
};

struct RequestTexts {
  TextReuse action, label, queue, connectwise, autotask;
};

PyObject* psa(const RequestKeys& k, const PsaPriority& p, TextReuse& names) {
  PyObject* d = copy_of(k.psa_one);
  try {
    put(d, k.id, p.id ? PyLong_FromLongLong(*p.id) : (Py_INCREF(Py_None), Py_None));
    put(d, k.name, names.get(p.name));
  } catch (...) {
    Py_DECREF(d);
    throw;
  }
  return d;
}

py::dict request_dict(const RequestKeys& k, RequestTexts& texts, const TicketRequest& r) {
  auto d = py::reinterpret_steal<py::dict>(copy_of(k.request));
  PyObject* o = d.ptr();
  put(o, k.action, texts.action.get(to_string(r.action)));
  put(o, k.incident_id, PyLong_FromLongLong(r.incident_id));
  put(o, k.tenant, new_text(r.tenant));
  put(o, k.asset, new_text(r.asset));
  put(o, k.threat, new_text(r.threat));
  put(o, k.title, new_text(r.title));
  put(o, k.body, new_text(r.body));
  put(o, k.priority, PyLong_FromLong(r.priority));
  put(o, k.priority_label, texts.label.get(itil_priority_label(r.priority)));
  auto both = py::reinterpret_steal<py::dict>(copy_of(k.psa_pair));
  put(both.ptr(), k.connectwise, psa(k, r.connectwise, texts.connectwise));
  put(both.ptr(), k.autotask, psa(k, r.autotask, texts.autotask));
  put(o, k.psa, both.release().ptr());
  put(o, k.priority_explanation, new_text(r.priority_explanation));
  put(o, k.queue, texts.queue.get(r.queue));
  put(o, k.dedup_key, new_text(r.dedup_key));
  put(o, k.alert_count, PyLong_FromLongLong(r.alert_count));
  PyObject* ids = check(PyList_New(static_cast<Py_ssize_t>(r.alert_ids.size())));
  for (std::size_t i = 0; i < r.alert_ids.size(); ++i) {
    PyObject* id = new_text(r.alert_ids[i]);
    if (id == nullptr) {
      Py_DECREF(ids);
      throw py::error_already_set();
    }
    PyList_SET_ITEM(ids, static_cast<Py_ssize_t>(i), id);
  }
  put(o, k.alert_ids, ids);
  return d;
}

// Pauses Python's cyclic garbage collector while a result of many containers is built (the
// dicts hold no cycles; the collector would otherwise walk the young ones over and over).
class GcPause {
 public:
#if PY_VERSION_HEX >= 0x030A0000
  GcPause() : was_enabled_(PyGC_Disable() != 0) {}
  ~GcPause() {
    if (was_enabled_) PyGC_Enable();
  }
#else
  GcPause() : gc_(py::module_::import("gc")), was_enabled_(gc_.attr("isenabled")().cast<bool>()) {
    gc_.attr("disable")();
  }
  ~GcPause() {
    if (!was_enabled_) return;
    PyObject* done = PyObject_CallMethod(gc_.ptr(), "enable", nullptr);
    if (done != nullptr) Py_DECREF(done);
    else PyErr_Clear();
  }
#endif
  GcPause(const GcPause&) = delete;
  GcPause& operator=(const GcPause&) = delete;

 private:
#if PY_VERSION_HEX < 0x030A0000
  py::module_ gc_;
#endif
  bool was_enabled_;
};

// An item the Python side could not make a (source, payload) pair of, and why.
struct Refused {
  std::size_t index;
  std::string message;
};

// Whether `pair` is a (source, payload) tuple or list of two str; if so, sets the two.
bool pair_of_str(PyObject* pair, PyObject*& source, PyObject*& payload) {
  if (PyTuple_CheckExact(pair) && PyTuple_GET_SIZE(pair) == 2) {
    source = PyTuple_GET_ITEM(pair, 0);
    payload = PyTuple_GET_ITEM(pair, 1);
  } else if (PyList_CheckExact(pair) && PyList_GET_SIZE(pair) == 2) {
    source = PyList_GET_ITEM(pair, 0);
    payload = PyList_GET_ITEM(pair, 1);
  } else {
    return false;
  }
  return PyUnicode_Check(source) && PyUnicode_Check(payload);
}

// The UTF-8 of a str, or nullopt with `why` set (a lone surrogate has none).
std::optional<std::string_view> utf8(PyObject* s, std::string& why) {
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(s, &size);
  if (data == nullptr) {
    why = py::error_already_set().what();  // takes and clears the Python error
    return std::nullopt;
  }
  return std::string_view(data, static_cast<std::size_t>(size));
}

// The items as views into Python str objects, so the 100 MB of a large batch are not copied.
// A (str, str) tuple or list is taken as it is; any other item goes through
// `coerce(item, index)`, which returns such a pair or the error text of an item that cannot
// be one: that record is then `refused` and stands in the batch as an empty pair, which fails.
// `keep` holds the pairs coerce() made.
std::vector<AlertRecord> records_of(const py::sequence& items, const py::function& coerce, std::vector<py::object>& keep,
                                    std::vector<Refused>& refused) {
  const auto fast = py::reinterpret_steal<py::object>(check(PySequence_Fast(items.ptr(), "items must be a sequence")));
  const auto n = static_cast<std::size_t>(PySequence_Fast_GET_SIZE(fast.ptr()));
  PyObject** const item = PySequence_Fast_ITEMS(fast.ptr());
  std::vector<AlertRecord> records;
  records.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    PyObject* source = nullptr;
    PyObject* payload = nullptr;
    if (!pair_of_str(item[i], source, payload)) {
      py::object made = coerce(py::handle(item[i]), i);
      if (py::isinstance<py::str>(made)) {
        refused.push_back({i, made.cast<std::string>()});
        records.push_back({});
        continue;
      }
      if (!pair_of_str(made.ptr(), source, payload)) throw Error(ErrorCode::INVALID_TYPE, "coerce() must return a (str, str) pair or a str");
      keep.push_back(std::move(made));
    }
    std::string why;
    const auto source_text = utf8(source, why);
    const auto payload_text = source_text ? utf8(payload, why) : std::nullopt;
    if (!payload_text) {
      refused.push_back({i, "record " + std::to_string(i) + ": " + (source_text ? "payload" : "source") +
                                " is not valid text (" + why + ")"});
      records.push_back({});
      continue;
    }
    records.push_back({*source_text, *payload_text});
  }
  return records;
}

// The errors of a batch by index: the refused items', then the pipeline's for the others.
py::list error_dicts(const std::vector<Refused>& refused, const std::vector<PipelineError>& errors) {
  py::list out;
  auto add = [&](std::size_t index, ErrorCode code, const std::string& message) {
    py::dict d;
    d["index"] = index;
    d["code"] = static_cast<int>(code);
    d["status"] = std::string(error_code_name(code));
    d["message"] = message;
    out.append(d);
  };
  auto r = refused.begin();
  for (const PipelineError& e : errors) {
    for (; r != refused.end() && r->index <= e.index; ++r) add(r->index, ErrorCode::INVALID_ARGUMENT, r->message);
    if (r == refused.begin() || std::prev(r)->index != e.index) add(e.index, e.code, e.message);
  }
  for (; r != refused.end(); ++r) add(r->index, ErrorCode::INVALID_ARGUMENT, r->message);
  return out;
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
          [](Pipeline& self, const py::sequence& items, std::int64_t now, const py::function& coerce) {
            std::vector<py::object> keep;
            std::vector<Refused> refused;
            const std::vector<AlertRecord> records = records_of(items, coerce, keep, refused);
            static const RequestKeys* const keys = new RequestKeys();  // lives as long as the interpreter
            py::list requests;
            py::list errors;
            py::dict counts;
            // The dicts are built while SQLite writes the batch (AlertPipeline's `decided`,
            // on another thread), and given back only once the batch is committed.
            auto decided = [&](const IngestResult& result) {
              const py::gil_scoped_acquire gil;
              const GcPause pause;
              RequestTexts texts;
              requests = py::list(result.requests.size());
              for (std::size_t i = 0; i < result.requests.size(); ++i) {
                requests[i] = request_dict(*keys, texts, result.requests[i]);
              }
              errors = error_dicts(refused, result.errors);
              counts["new"] = result.new_alerts;
              counts["updated"] = result.updated_alerts;
              counts["unchanged"] = result.unchanged_alerts;
            };
            {
              const py::gil_scoped_release release;
              self.with([&](AlertPipeline& p) { return p.ingest(records, from_unix_seconds(now), decided); });
            }
            return py::make_tuple(requests, errors, counts);
          },
          py::arg("items"), py::arg("now"), py::arg("coerce"))
      .def(
          "resolve_incident",
          [](Pipeline& self, std::int64_t id, std::int64_t at, const std::optional<std::string>& tenant) {
            self.with([&](AlertPipeline& p) {
              p.resolve_incident(scope_of(tenant), id, from_unix_seconds(at));
              return 0;
            });
          },
          py::arg("incident_id"), py::arg("at"), py::kw_only(), py::arg("tenant") = py::none(),
          py::call_guard<py::gil_scoped_release>())
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
      .def(
          "incident",
          [](Pipeline& self, std::int64_t id, const std::optional<std::string>& tenant) {
            Incident incident;
            {
              py::gil_scoped_release release;
              incident = self.with([&](AlertPipeline& p) { return p.incident(scope_of(tenant), id); });
            }
            return incident_dict(incident);
          },
          py::arg("incident_id"), py::kw_only(), py::arg("tenant") = py::none())
      .def(
          "alert_count",
          [](Pipeline& self, const std::optional<std::string>& tenant) {
            return self.with([&](AlertPipeline& p) { return p.alert_count(scope_of(tenant)); });
          },
          py::kw_only(), py::arg("tenant") = py::none(), py::call_guard<py::gil_scoped_release>())
      .def("config_json", [](Pipeline& self) { return self.with([](AlertPipeline& p) { return p.config().to_json(); }); },
           py::call_guard<py::gil_scoped_release>())
      .def("close", &Pipeline::close, py::call_guard<py::gil_scoped_release>());

  m.def("default_alert_pipeline_config_json", [] { return AlertPipelineConfig{}.to_json(); });
}

}  // namespace mspcore::python
