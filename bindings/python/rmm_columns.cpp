// The normalised RMM records as pandas-ready columns (rmm_columns.hpp). Column names come
// from the field lists of rmm_records.hpp, so a frame's columns are the records' keys.
#include "rmm_columns.hpp"

#include <mspcore/core/error.hpp>
#include <mspcore/rmm/rmm_records.hpp>

#include <pybind11/numpy.h>

#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>

namespace mspcore::python {
namespace {

// pandas' datetime64[ns] holds 1677-09-21T00:12:44Z to 2262-04-11T23:47:16Z.
constexpr std::int64_t kNsPerSecond = 1'000'000'000;
constexpr std::int64_t kMaxSeconds = std::numeric_limits<std::int64_t>::max() / kNsPerSecond;

template <class R>
class Builder {
 public:
  Builder(const std::vector<R>& rows, const char* what) : rows_(rows), what_(what), n_(rows.size()) {}

  template <class Get>
  void text(std::string_view name, Get get) {
    py::array out(py::dtype("O"), std::vector<py::ssize_t>{static_cast<py::ssize_t>(n_)});
    auto* p = static_cast<PyObject**>(out.mutable_data());
    for (std::size_t i = 0; i < n_; ++i) {
      const std::string& v = get(rows_[i]);
      PyObject* s = PyUnicode_DecodeUTF8(v.data(), static_cast<Py_ssize_t>(v.size()), "replace");
      if (s == nullptr) throw py::error_already_set();
      Py_XDECREF(p[i]);
      p[i] = s;
    }
    out_[py::str(std::string(name))] = py::make_tuple("str", out);
  }

  // An enum's name: Get gives a string_view.
  template <class Get>
  void name(std::string_view field, Get get) {
    text(field, [&](const R& r) -> const std::string& {
      scratch_ = std::string(get(r));
      return scratch_;
    });
  }

  // Required (Get gives an Instant) or optional (std::optional<Instant>).
  template <class Get>
  void instant(std::string_view field, Get get) {
    numbers(field, "instant", [&](const R& r, std::size_t i) -> std::optional<std::int64_t> {
      const std::optional<Instant> t = get(r);
      if (!t) return std::nullopt;
      return nanoseconds(unix_seconds(*t), field, i);
    }, optional_of(get));
  }

  template <class Get>
  void date(std::string_view field, Get get) {
    numbers(field, "date", [&](const R& r, std::size_t i) -> std::optional<std::int64_t> {
      const std::optional<std::chrono::sys_days> d = get(r);
      if (!d) return std::nullopt;
      return nanoseconds(std::chrono::sys_seconds(*d).time_since_epoch().count(), field, i);
    }, true);
  }

  template <class Get>
  void whole(std::string_view field, Get get) {
    numbers(field, "int", [&](const R& r, std::size_t) -> std::optional<std::int64_t> { return get(r); },
            optional_of(get));
  }

  template <class Get>
  void flag(std::string_view field, Get get) {
    numbers(field, "bool", [&](const R& r, std::size_t) -> std::optional<std::int64_t> {
      const std::optional<bool> b = get(r);
      if (!b) return std::nullopt;
      return *b ? 1 : 0;
    }, optional_of(get));
  }

  py::dict done() { return out_; }

 private:
  template <class Get>
  static constexpr bool optional_of(Get) {
    using T = std::decay_t<std::invoke_result_t<Get, const R&>>;
    return !std::is_same_v<T, Instant> && !std::is_same_v<T, bool> && !std::is_same_v<T, std::int64_t> &&
           !std::is_same_v<T, std::size_t>;
  }

  std::int64_t nanoseconds(std::int64_t seconds, std::string_view field, std::size_t i) const {
    if (seconds > kMaxSeconds || seconds < -kMaxSeconds) {
      throw Error(ErrorCode::OUT_OF_RANGE, std::string(what_) + "[" + std::to_string(i) + "]." + std::string(field) +
                                               ": " + format_instant(from_unix_seconds(seconds)) +
                                               " is outside pandas' datetime64[ns] range (1677-09-22 to 2262-04-11)",
                  static_cast<std::int64_t>(i));
    }
    return seconds * kNsPerSecond;
  }

  template <class Value>
  void numbers(std::string_view field, const char* kind, Value value, bool optional) {
    py::array_t<std::int64_t> values(static_cast<py::ssize_t>(n_));
    py::array_t<bool> mask(static_cast<py::ssize_t>(n_));
    std::int64_t* v = values.mutable_data();
    bool* m = mask.mutable_data();
    const bool instants = std::string_view(kind) == "instant" || std::string_view(kind) == "date";
    for (std::size_t i = 0; i < n_; ++i) {
      const std::optional<std::int64_t> x = value(rows_[i], i);
      // datetime64's NaT is INT64_MIN; the mask says it for the nullable int and bool arrays.
      v[i] = x ? *x : instants ? std::numeric_limits<std::int64_t>::min() : 0;
      m[i] = !x;
    }
    const py::str key{std::string(field)};
    if (optional && !instants) {
      out_[key] = py::make_tuple(kind, values, mask);
    } else {
      out_[key] = py::make_tuple(kind, values);
    }
  }

  const std::vector<R>& rows_;
  const char* what_;
  std::size_t n_;
  std::string scratch_;
  py::dict out_;
};

template <class Fields, class Enum>
std::string_view f(const Fields& fields, Enum e) {
  return fields[static_cast<std::size_t>(e)];
}

}  // namespace

py::dict columns_of(const std::vector<Device>& rows) {
  using F = DeviceField;
  const auto& k = kDeviceFields;
  Builder<Device> b(rows, "devices");
  b.text(f(k, F::tenant), [](const Device& d) -> const std::string& { return d.tenant; });
  b.text(f(k, F::source), [](const Device& d) -> const std::string& { return d.source; });
  b.text(f(k, F::id), [](const Device& d) -> const std::string& { return d.id; });
  b.text(f(k, F::name), [](const Device& d) -> const std::string& { return d.name; });
  b.name(f(k, F::device_class), [](const Device& d) { return to_string(d.device_class); });
  b.text(f(k, F::os), [](const Device& d) -> const std::string& { return d.os; });
  b.text(f(k, F::site), [](const Device& d) -> const std::string& { return d.site; });
  b.instant(f(k, F::last_seen), [](const Device& d) { return d.last_seen; });
  b.flag(f(k, F::online), [](const Device& d) { return d.online; });
  b.flag(f(k, F::reboot_required), [](const Device& d) { return d.reboot_required; });
  b.name(f(k, F::patch_status), [](const Device& d) { return to_string(d.patch_status); });
  b.whole(f(k, F::patches_pending), [](const Device& d) { return d.patches_pending; });
  b.flag(f(k, F::backup_expected), [](const Device& d) { return d.backup_expected; });
  b.flag(f(k, F::retired), [](const Device& d) { return d.retired; });
  return b.done();
}

py::dict columns_of(const std::vector<BackupResult>& rows) {
  using F = BackupResultField;
  const auto& k = kBackupResultFields;
  Builder<BackupResult> b(rows, "backup_results");
  b.text(f(k, F::tenant), [](const BackupResult& r) -> const std::string& { return r.tenant; });
  b.text(f(k, F::device_id), [](const BackupResult& r) -> const std::string& { return r.device_id; });
  b.text(f(k, F::source), [](const BackupResult& r) -> const std::string& { return r.source; });
  b.text(f(k, F::id), [](const BackupResult& r) -> const std::string& { return r.id; });
  b.instant(f(k, F::at), [](const BackupResult& r) { return r.at; });
  b.name(f(k, F::outcome), [](const BackupResult& r) { return to_string(r.outcome); });
  b.name(f(k, F::copy), [](const BackupResult& r) { return to_string(r.copy); });
  b.name(f(k, F::verification), [](const BackupResult& r) { return to_string(r.verification); });
  b.text(f(k, F::data_source), [](const BackupResult& r) -> const std::string& { return r.data_source; });
  b.whole(f(k, F::errors), [](const BackupResult& r) { return r.errors; });
  b.text(f(k, F::detail), [](const BackupResult& r) -> const std::string& { return r.detail; });
  return b.done();
}

py::dict columns_of(const std::vector<PatchRecord>& rows) {
  using F = PatchField;
  const auto& k = kPatchFields;
  Builder<PatchRecord> b(rows, "patches");
  b.text(f(k, F::tenant), [](const PatchRecord& p) -> const std::string& { return p.tenant; });
  b.text(f(k, F::device_id), [](const PatchRecord& p) -> const std::string& { return p.device_id; });
  b.text(f(k, F::source), [](const PatchRecord& p) -> const std::string& { return p.source; });
  b.text(f(k, F::patch_id), [](const PatchRecord& p) -> const std::string& { return p.patch_id; });
  b.text(f(k, F::title), [](const PatchRecord& p) -> const std::string& { return p.title; });
  b.name(f(k, F::severity), [](const PatchRecord& p) { return to_string(p.severity); });
  b.name(f(k, F::state), [](const PatchRecord& p) { return to_string(p.state); });
  b.date(f(k, F::released), [](const PatchRecord& p) { return p.released; });
  b.instant(f(k, F::installed_at), [](const PatchRecord& p) { return p.installed_at; });
  b.flag(f(k, F::reboot_required), [](const PatchRecord& p) { return p.reboot_required; });
  return b.done();
}

py::dict columns_of(const std::vector<MonitoringEvent>& rows) {
  using F = MonitoringEventField;
  const auto& k = kMonitoringEventFields;
  Builder<MonitoringEvent> b(rows, "events");
  b.text(f(k, F::tenant), [](const MonitoringEvent& e) -> const std::string& { return e.tenant; });
  b.text(f(k, F::device_id), [](const MonitoringEvent& e) -> const std::string& { return e.device_id; });
  b.text(f(k, F::source), [](const MonitoringEvent& e) -> const std::string& { return e.source; });
  b.text(f(k, F::id), [](const MonitoringEvent& e) -> const std::string& { return e.id; });
  b.text(f(k, F::monitor), [](const MonitoringEvent& e) -> const std::string& { return e.monitor; });
  b.name(f(k, F::priority), [](const MonitoringEvent& e) { return to_string(e.priority); });
  b.instant(f(k, F::opened), [](const MonitoringEvent& e) { return e.opened; });
  b.instant(f(k, F::resolved), [](const MonitoringEvent& e) { return e.resolved; });
  b.flag(f(k, F::outage), [](const MonitoringEvent& e) { return e.outage; });
  b.text(f(k, F::ticket), [](const MonitoringEvent& e) -> const std::string& { return e.ticket; });
  b.text(f(k, F::detail), [](const MonitoringEvent& e) -> const std::string& { return e.detail; });
  return b.done();
}

namespace {

template <class R, class Issue>
void issue_columns(Builder<R>& b, Issue issue) {
  b.text("file", [&](const R& r) -> const std::string& { return issue(r).file; });
  b.whole("row", [&](const R& r) { return static_cast<std::int64_t>(issue(r).row); });
  b.text("field", [&](const R& r) -> const std::string& { return issue(r).field; });
  b.name("code", [&](const R& r) { return error_code_name(issue(r).code); });
  b.text("message", [&](const R& r) -> const std::string& { return issue(r).message; });
}

}  // namespace

py::dict columns_of(const std::vector<ImportIssue>& rows) {
  Builder<ImportIssue> b(rows, "issues");
  issue_columns(b, [](const ImportIssue& i) -> const ImportIssue& { return i; });
  return b.done();
}

py::dict columns_of(const std::vector<StoredIssue>& rows) {
  Builder<StoredIssue> b(rows, "issues");
  b.whole("run_id", [](const StoredIssue& s) { return s.run_id; });
  issue_columns(b, [](const StoredIssue& s) -> const ImportIssue& { return s.issue; });
  return b.done();
}

py::dict columns_of(const std::vector<ImportRun>& rows) {
  Builder<ImportRun> b(rows, "runs");
  b.whole("id", [](const ImportRun& r) { return r.id; });
  b.text("file", [](const ImportRun& r) -> const std::string& { return r.file; });
  b.text("vendor", [](const ImportRun& r) -> const std::string& { return r.vendor; });
  b.instant("started", [](const ImportRun& r) { return r.started; });
  b.instant("finished", [](const ImportRun& r) { return r.finished; });
  b.text("error", [](const ImportRun& r) -> const std::string& { return r.error; });
  const auto count = [](std::size_t n) { return static_cast<std::int64_t>(n); };
  b.whole("batches", [&](const ImportRun& r) { return count(r.report.batches); });
  b.whole("inserted", [&](const ImportRun& r) { return count(r.report.inserted); });
  b.whole("updated", [&](const ImportRun& r) { return count(r.report.updated); });
  b.whole("unchanged", [&](const ImportRun& r) { return count(r.report.unchanged); });
  b.whole("issues", [&](const ImportRun& r) { return count(r.report.issues); });
  return b.done();
}

py::dict report_of(const RmmImportReport& r) {
  py::dict out;
  out["run_id"] = r.run_id;
  out["batches"] = r.batches;
  out["inserted"] = r.inserted;
  out["updated"] = r.updated;
  out["unchanged"] = r.unchanged;
  out["issues"] = r.issues;
  return out;
}

}  // namespace mspcore::python
