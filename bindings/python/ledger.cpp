// The true-up ledger for mspcore.ledger: lines and proposals arrive as JSON text, instants as
// Unix seconds, dates as "YYYY-MM-DD"; python/mspcore/ledger.py does the Python-side types.
#include "bindings.hpp"

#include <mspcore/contract/trueup_ledger.hpp>
#include <mspcore/core/error.hpp>

#include <mspcore/contract/trueup_records.hpp>

#include <pybind11/stl.h>

#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace mspcore::python {
namespace {

// The GIL is released while SQLite works (a busy file may wait seconds), so the connection
// gets its own lock; close() drops it for good.
class Ledger {
 public:
  explicit Ledger(const std::string& path) : ledger_(TrueUpLedger(path)) {}

  template <class Body>
  auto with(Body&& body) {
    const std::lock_guard lock(mutex_);
    if (!ledger_) throw Error(ErrorCode::INVALID_STATE, "the ledger is closed");
    return body(*ledger_);
  }
  void close() {
    const std::lock_guard lock(mutex_);
    ledger_.reset();
  }

 private:
  std::mutex mutex_;
  std::optional<TrueUpLedger> ledger_;
};

using Release = py::call_guard<py::gil_scoped_release>;

AuditStamp stamp(const std::string& actor, std::int64_t at, const std::string& reason) {
  return {actor, from_unix_seconds(at), reason};
}

std::optional<Instant> instant_of(const std::optional<std::int64_t>& seconds) {
  return seconds ? std::optional<Instant>(from_unix_seconds(*seconds)) : std::nullopt;
}

std::chrono::sys_days effective_date(const std::string& text, std::size_t i) {
  try {
    return parse_date(text);
  } catch (const Error& e) {
    throw Error(e.code(), "changes[" + std::to_string(i) + "].effective_date: " + e.what(), e.row());
  }
}


}  // namespace

void bind_ledger(py::module_& m) {
  py::class_<Ledger>(m, "TrueUpLedger", "Native true-up ledger; use mspcore.TrueUpLedger.")
      .def(py::init<const std::string&>(), py::arg("path"), Release())
      .def_property_readonly_static("schema_version", [](const py::object&) { return TrueUpLedger::schema_version(); })
      .def(
          "record_changes_json",
          [](Ledger& self, const std::string& lines_json, const std::vector<std::string>& dates,
             const std::string& actor, std::int64_t at, const std::string& reason) {
            const std::vector<ContractLine> lines = contract_lines_from_json(lines_json, "lines");
            if (lines.size() != dates.size()) {
              throw Error(ErrorCode::INVALID_ARGUMENT, std::to_string(lines.size()) + " lines but " +
                                                           std::to_string(dates.size()) + " effective dates");
            }
            std::vector<LineChange> changes;
            changes.reserve(dates.size());
            for (std::size_t i = 0; i < dates.size(); ++i) {
              changes.push_back({lines[i], effective_date(dates[i], i)});
            }
            return self.with([&](TrueUpLedger& l) { return l.record_changes(changes, stamp(actor, at, reason)); });
          },
          py::arg("lines_json"), py::arg("effective_dates"), py::arg("actor"), py::arg("at"), py::arg("reason"),
          Release())
      .def(
          "record_run",
          [](Ledger& self, const std::string& tenant, std::int64_t as_of, const py::dict& fingerprints,
             std::size_t deviations, std::size_t proposals, std::size_t unmapped, const std::string& actor,
             std::int64_t at, const std::string& reason) {
            const auto key = [&](const char* name) {
              if (!fingerprints.contains(name)) {
                throw Error(ErrorCode::INVALID_ARGUMENT, std::string("fingerprints: ") + name + " is missing");
              }
              return fingerprints[name].cast<std::string>();
            };
            const RunRecord run{from_unix_seconds(as_of),
                                {key("contracts"), key("observations"), key("sku_map"), key("rules")},
                                deviations, proposals, unmapped};
            py::gil_scoped_release release;
            return self.with([&](TrueUpLedger& l) { return l.record_run(run, tenant, stamp(actor, at, reason)); });
          },
          py::arg("tenant"), py::arg("as_of"), py::arg("fingerprints"), py::arg("deviations"), py::arg("proposals"),
          py::arg("unmapped"), py::arg("actor"), py::arg("at"), py::arg("reason"))
      .def(
          "propose_json",
          [](Ledger& self, const std::string& proposals_json, const std::string& actor, std::int64_t at,
             const std::string& reason, std::optional<std::int64_t> run_id) {
            const std::vector<Proposal> proposals = proposals_from_json(proposals_json, "proposals");
            return self.with([&](TrueUpLedger& l) { return l.propose(proposals, stamp(actor, at, reason), run_id); });
          },
          py::arg("proposals_json"), py::arg("actor"), py::arg("at"), py::arg("reason"), py::arg("run_id"), Release())
      .def(
          "decide",
          [](Ledger& self, std::int64_t id, const std::string& decision, const std::string& actor, std::int64_t at,
             const std::string& reason, const std::optional<std::string>& tenant) {
            self.with([&](TrueUpLedger& l) {
              l.decide(scope_of(tenant), id, parse_proposal_state(decision), stamp(actor, at, reason));
              return 0;
            });
          },
          py::arg("proposal_id"), py::arg("decision"), py::arg("actor"), py::arg("at"), py::arg("reason"),
          py::kw_only(), py::arg("tenant") = py::none(), Release())
      .def(
          "apply",
          [](Ledger& self, std::int64_t id, const std::string& actor, std::int64_t at, const std::string& reason,
             const std::optional<std::string>& tenant) {
            return self.with([&](TrueUpLedger& l) { return l.apply(scope_of(tenant), id, stamp(actor, at, reason)); });
          },
          py::arg("proposal_id"), py::arg("actor"), py::arg("at"), py::arg("reason"), py::kw_only(),
          py::arg("tenant") = py::none(), Release())
      .def(
          "proposal_state",
          [](Ledger& self, std::int64_t id, const std::optional<std::string>& tenant) {
            return self.with(
                [&](TrueUpLedger& l) { return std::string(to_string(l.proposal_state(scope_of(tenant), id))); });
          },
          py::arg("proposal_id"), py::kw_only(), py::arg("tenant") = py::none(), Release())
      .def(
          "quantity_as_of",
          [](Ledger& self, const std::string& tenant, const std::string& contract_id, const std::string& line_id,
             const std::string& date, std::optional<std::int64_t> known_at) {
            return self.with([&](TrueUpLedger& l) {
              return l.quantity_as_of(tenant, contract_id, line_id, parse_date(date), instant_of(known_at));
            });
          },
          py::arg("tenant"), py::arg("contract_id"), py::arg("line_id"), py::arg("date"), py::arg("known_at"),
          Release())
      .def(
          "line_as_of_json",
          [](Ledger& self, const std::string& tenant, const std::string& contract_id, const std::string& line_id,
             const std::string& date, std::optional<std::int64_t> known_at) -> std::optional<std::string> {
            const auto line = self.with([&](TrueUpLedger& l) {
              return l.line_as_of(tenant, contract_id, line_id, parse_date(date), instant_of(known_at));
            });
            if (!line) return std::nullopt;
            return contract_line_json(*line);
          },
          py::arg("tenant"), py::arg("contract_id"), py::arg("line_id"), py::arg("date"), py::arg("known_at"),
          Release())
      .def(
          "history_json",
          [](Ledger& self, const std::string& tenant, const std::string& contract_id, const std::string& line_id) {
            const auto events = self.with([&](TrueUpLedger& l) { return l.history(tenant, contract_id, line_id); });
            return ledger_events_json(events);
          },
          py::arg("tenant"), py::arg("contract_id"), py::arg("line_id"), Release())
      .def("close", &Ledger::close, Release());
}

}  // namespace mspcore::python
