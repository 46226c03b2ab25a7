// Thin glue for reconcile(): columns prepared by mspcore/trueup.py (str, int, None; dates as
// days since 1970; instants as Unix seconds) become the C++ records; the result goes back as
// the same JSON document the C ABI returns.
#include "bindings.hpp"

#include <mspcore/contract/trueup.hpp>
#include <mspcore/core/error.hpp>

#include "contract/trueup_json.hpp"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <string>
#include <unordered_map>
#include <vector>

namespace mspcore::python {
namespace {

// One column of a table prepared by trueup.py (a list); an absent column reads as None.
// Text is read in place through the CPython API: 1.2 million rows x 3 text columns make
// per-value pybind11 casts the largest cost of the call otherwise.
class Column {
 public:
  Column(const py::dict& table, const char* key, std::string table_name)
      : key_(key), table_(std::move(table_name)) {
    if (table.contains(key)) values_ = py::list(table[key]);
  }
  bool present(std::size_t row) const { return values_ && item(row) != Py_None; }
  std::string_view text(std::size_t row) const {
    PyObject* v = require(row);
    Py_ssize_t size = 0;
    const char* data = PyUnicode_Check(v) ? PyUnicode_AsUTF8AndSize(v, &size) : nullptr;
    if (data == nullptr) {
      PyErr_Clear();
      wrong_type(row, "a string");
    }
    return {data, static_cast<std::size_t>(size)};
  }
  std::int64_t whole(std::size_t row) const {
    try {
      return py::handle(require(row)).cast<std::int64_t>();
    } catch (const py::cast_error&) {
      wrong_type(row, "a whole number");
    }
  }
  std::chrono::sys_days date(std::size_t row) const { return std::chrono::sys_days(std::chrono::days(whole(row))); }
  template <class Parse>
  auto parsed(std::size_t row, Parse parse, decltype(parse("")) fallback) const {
    return present(row) ? parse(text(row)) : fallback;
  }

 private:
  PyObject* item(std::size_t row) const { return PyList_GET_ITEM(values_->ptr(), static_cast<Py_ssize_t>(row)); }
  PyObject* require(std::size_t row) const {
    if (!present(row)) {
      throw Error(ErrorCode::INVALID_ARGUMENT, table_ + "[" + std::to_string(row) + "]: " + key_ + " is missing",
                  static_cast<std::int64_t>(row));
    }
    return item(row);
  }
  // A value of the wrong type is an error naming the table, row, key and value.
  [[noreturn]] void wrong_type(std::size_t row, const char* expected) const {
    throw Error(ErrorCode::INVALID_ARGUMENT,
                table_ + "[" + std::to_string(row) + "]." + key_ + ": expected " + expected + ", got " +
                    py::repr(py::handle(item(row))).cast<std::string>(),
                static_cast<std::int64_t>(row));
  }
  std::string key_;
  std::string table_;
  std::optional<py::list> values_;
};

struct LineColumns {
  explicit LineColumns(const py::dict& t)
      : tenant(t, "tenant", "contracts"), contract_id(t, "contract_id", "contracts"), line_id(t, "line_id", "contracts"),
        sku(t, "sku", "contracts"), quantity(t, "quantity", "contracts"), unit_price(t, "unit_price", "contracts"),
        currency(t, "currency", "contracts"), billing_period(t, "billing_period", "contracts"),
        billing_mode(t, "billing_mode", "contracts"), term_start(t, "term_start", "contracts"),
        term_end(t, "term_end", "contracts"), term_kind(t, "term_kind", "contracts"),
        proration(t, "proration", "contracts"), commitment_minimum(t, "commitment_minimum", "contracts"),
        true_down(t, "true_down", "contracts"), tolerance_units(t, "tolerance_units", "contracts"),
        tolerance_percent(t, "tolerance_percent", "contracts") {}

  ContractLine operator()(std::size_t i) const {
    ContractLine l;
    l.tenant = tenant.text(i);
    l.contract_id = contract_id.text(i);
    l.line_id = line_id.text(i);
    l.sku = sku.text(i);
    l.quantity = quantity.whole(i);
    l.unit_price = Money(Decimal::parse(unit_price.text(i)), Currency::from_code(currency.text(i)));
    l.billing_period = billing_period.parsed(i, parse_billing_period, BillingPeriod::Monthly);
    l.billing_mode = billing_mode.parsed(i, parse_billing_mode, BillingMode::Advance);
    l.term_start = term_start.date(i);
    if (term_end.present(i)) l.term_end = term_end.date(i);
    l.term_kind = term_kind.parsed(i, parse_term_kind, TermKind::Flexible);
    l.proration = proration.parsed(i, parse_proration_convention, ProrationConvention::Actual);
    if (commitment_minimum.present(i)) l.commitment_minimum = commitment_minimum.whole(i);
    l.true_down = true_down.parsed(i, parse_true_down_policy, TrueDownPolicy::Immediate);
    if (tolerance_units.present(i)) l.tolerance.units = tolerance_units.whole(i);
    if (tolerance_percent.present(i)) l.tolerance.percent = Decimal::parse(tolerance_percent.text(i));
    return l;
  }

  Column tenant, contract_id, line_id, sku, quantity, unit_price, currency, billing_period, billing_mode, term_start,
      term_end, term_kind, proration, commitment_minimum, true_down, tolerance_units, tolerance_percent;
};

// Units as trueup.py passes them: a list of identities or {"identity", flags...} dicts.
std::vector<BillableUnit> units_of(const py::handle& list, std::size_t row) {
  const std::string where = "observations[" + std::to_string(row) + "].units";
  auto fail = [&](const std::string& what) {
    throw Error(ErrorCode::INVALID_ARGUMENT, where + what, static_cast<std::int64_t>(row));
  };
  if (!py::isinstance<py::list>(list) && !py::isinstance<py::tuple>(list)) {
    fail(": expected a list of identities or dicts, got " + py::repr(list).cast<std::string>());
  }
  std::vector<BillableUnit> units;
  std::size_t j = 0;
  for (const py::handle u : list) {
    const std::string at = "[" + std::to_string(j++) + "]";
    if (py::isinstance<py::str>(u)) {
      units.push_back(BillableUnit{u.cast<std::string>()});
      continue;
    }
    if (!PyDict_Check(u.ptr())) fail(at + ": expected an identity or a dict, got " + py::repr(u).cast<std::string>());
    const py::dict d = py::reinterpret_borrow<py::dict>(u);
    for (const auto& item : d) {
      const std::string key = py::str(item.first).cast<std::string>();
      if (key != "identity" && key != "shared" && key != "kiosk" && key != "self_paid" && key != "service_account") {
        fail(at + ": unknown key '" + key + "' (known: identity, shared, kiosk, self_paid, service_account)");
      }
    }
    if (!d.contains("identity") || !py::isinstance<py::str>(d["identity"])) fail(at + ": identity must be a string");
    auto flag = [&](const char* key) { return d.contains(key) && py::bool_(d[key]); };
    units.push_back(BillableUnit{d["identity"].cast<std::string>(), flag("shared"), flag("kiosk"), flag("self_paid"),
                                 flag("service_account")});
  }
  return units;
}

// Inputs are kept beside the result so fingerprints can be taken later.
struct ReconcileRun {
  std::vector<ContractLine> lines;
  std::vector<Observation> observations;
  SkuMap sku_map;
  TrueUpRules rules;
  ReconcileResult result;
};

// The result goes to Python as typed columns, {name: (kind, values[, mask])}, which
// trueup.py turns into DataFrames or, on access, dicts: hundreds of thousands of records
// never pass through per-row Python objects unless asked for.
class ColumnWriter {
 public:
  // Text and money are dictionary-encoded, (kind, codes, distinct values) with code -1 for
  // none: tenants, SKUs and prices repeat, so each distinct value becomes one Python object.
  template <class T, class Get>
  void text(const char* name, const std::vector<T>& rows, Get get) {
    py::array_t<std::int32_t> codes(static_cast<py::ssize_t>(rows.size()));
    auto c = codes.mutable_unchecked<1>();
    std::unordered_map<std::string, std::int32_t> index;
    py::list values;
    const std::string* previous = nullptr;  // results are sorted by tenant: values repeat in runs
    std::int32_t previous_code = -1;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const std::string_view v = get(rows[i]);
      if (v.empty()) {
        c(static_cast<py::ssize_t>(i)) = -1;
        continue;
      }
      if (previous == nullptr || v != *previous) {
        const auto [it, fresh] = index.try_emplace(std::string(v), static_cast<std::int32_t>(index.size()));
        if (fresh) values.append(py::str(it->first));
        previous = &it->first;
        previous_code = it->second;
      }
      c(static_cast<py::ssize_t>(i)) = previous_code;
    }
    columns_[name] = py::make_tuple("str", codes, values);
  }
  // Money is encoded by its exact amount, so each distinct amount is formatted once.
  template <class T, class Get>
  void money(const char* name, const std::vector<T>& rows, Get get) {
    py::array_t<std::int32_t> codes(static_cast<py::ssize_t>(rows.size()));
    auto c = codes.mutable_unchecked<1>();
    std::map<std::pair<Coefficient, int>, std::int32_t> index;
    py::list values;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const std::optional<Money> m = get(rows[i]);
      if (!m) {
        c(static_cast<py::ssize_t>(i)) = -1;
        continue;
      }
      const auto [it, fresh] = index.try_emplace({m->amount().coefficient(), m->amount().scale()},
                                                 static_cast<std::int32_t>(index.size()));
      if (fresh) values.append(py::str(m->amount().to_string()));
      c(static_cast<py::ssize_t>(i)) = it->second;
    }
    columns_[name] = py::make_tuple("money", codes, values);
  }
  // kind: "int", "bool", "date" (days since 1970), "instant" (Unix seconds); nullopt is masked.
  template <class T, class Get>
  void number(const char* name, const char* kind, const std::vector<T>& rows, Get get) {
    number_at(name, kind, rows.size(), [&](std::size_t i) { return get(rows[i]); });
  }
  // Evidence flattened to <source>_reported, _counted, _as_of and _observations, masked where
  // a row has no evidence from that source. One pass files each row's items by source.
  template <class T>
  void evidence(const std::vector<T>& rows) {
    constexpr std::size_t kSources = static_cast<std::size_t>(ObservationSource::Crm) + 1;
    std::vector<const SourceEvidence*> by_source(rows.size() * kSources, nullptr);
    std::array<bool, kSources> seen{};
    for (std::size_t i = 0; i < rows.size(); ++i) {
      for (const SourceEvidence& e : rows[i].evidence) {
        by_source[i * kSources + static_cast<std::size_t>(e.source)] = &e;
        seen[static_cast<std::size_t>(e.source)] = true;
      }
    }
    for (std::size_t s = 0; s < kSources; ++s) {
      if (!seen[s]) continue;
      const std::string prefix = "evidence." + std::string(name_of(static_cast<ObservationSource>(s))) + ".";
      auto field = [&](const char* suffix, const char* kind, auto get) {
        number_at((prefix + suffix).c_str(), kind, rows.size(), [&](std::size_t i) -> std::optional<std::int64_t> {
          const SourceEvidence* e = by_source[i * kSources + s];
          return e ? std::optional<std::int64_t>(get(*e)) : std::nullopt;
        });
      };
      field("reported", "int", [](const SourceEvidence& e) { return e.reported; });
      field("counted", "int", [](const SourceEvidence& e) { return e.counted; });
      field("as_of", "instant", [](const SourceEvidence& e) { return unix_seconds(e.as_of); });
      field("observations", "int", [](const SourceEvidence& e) { return static_cast<std::int64_t>(e.observations); });
    }
  }
  py::dict done() { return columns_; }

 private:
  template <class Get>
  void number_at(const char* name, const char* kind, std::size_t n, Get get) {
    py::array_t<std::int64_t> values(static_cast<py::ssize_t>(n));
    py::array_t<bool> mask(static_cast<py::ssize_t>(n));
    auto v = values.mutable_unchecked<1>();
    auto m = mask.mutable_unchecked<1>();
    bool any_missing = false;
    for (std::size_t i = 0; i < n; ++i) {
      const std::optional<std::int64_t> x = get(i);
      v(static_cast<py::ssize_t>(i)) = x.value_or(0);
      m(static_cast<py::ssize_t>(i)) = !x;
      any_missing |= !x;
    }
    if (any_missing) {
      columns_[name] = py::make_tuple(kind, values, mask);
    } else {
      columns_[name] = py::make_tuple(kind, values);
    }
  }

  py::dict columns_;
};

std::optional<std::int64_t> day_number(std::optional<std::chrono::sys_days> d) {
  if (!d) return std::nullopt;
  return d->time_since_epoch().count();
}

py::dict deviation_columns(const std::vector<Deviation>& rows) {
  ColumnWriter w;
  w.text("tenant", rows, [](const Deviation& d) -> std::string_view { return d.tenant; });
  w.text("sku", rows, [](const Deviation& d) -> std::string_view { return d.sku; });
  w.text("kind", rows, [](const Deviation& d) { return name_of(d.kind); });
  w.number("gap", "int", rows, [](const Deviation& d) -> std::optional<std::int64_t> { return d.gap; });
  w.number("purchased", "int", rows, [](const Deviation& d) { return d.quantities.purchased; });
  w.number("assigned", "int", rows, [](const Deviation& d) { return d.quantities.assigned; });
  w.number("billed", "int", rows, [](const Deviation& d) { return d.quantities.billed; });
  w.number("contracted", "int", rows, [](const Deviation& d) -> std::optional<std::int64_t> {
    return d.quantities.contracted;
  });
  w.number("billed_from_contract", "bool", rows, [](const Deviation& d) -> std::optional<std::int64_t> {
    return d.quantities.billed_from_contract;
  });
  w.text("contract_id", rows, [](const Deviation& d) -> std::string_view { return d.contract_id; });
  w.text("line_id", rows, [](const Deviation& d) -> std::string_view { return d.line_id; });
  w.money("monthly_value", rows, [](const Deviation& d) { return d.monthly_value; });
  w.money("annual_value", rows, [](const Deviation& d) { return d.annual_value; });
  w.text("currency", rows, [](const Deviation& d) -> std::string_view {
    return d.monthly_value ? d.monthly_value->currency().code() : std::string_view();
  });
  w.evidence(rows);
  return w.done();
}

py::dict proposal_columns(const std::vector<Proposal>& rows) {
  ColumnWriter w;
  w.text("tenant", rows, [](const Proposal& p) -> std::string_view { return p.tenant; });
  w.text("contract_id", rows, [](const Proposal& p) -> std::string_view { return p.contract_id; });
  w.text("line_id", rows, [](const Proposal& p) -> std::string_view { return p.line_id; });
  w.text("sku", rows, [](const Proposal& p) -> std::string_view { return p.sku; });
  w.text("action", rows, [](const Proposal& p) { return name_of(p.action); });
  w.number("delta_quantity", "int", rows, [](const Proposal& p) -> std::optional<std::int64_t> { return p.delta_quantity; });
  w.number("quantity_before", "int", rows, [](const Proposal& p) -> std::optional<std::int64_t> { return p.quantity_before; });
  w.number("quantity_after", "int", rows, [](const Proposal& p) -> std::optional<std::int64_t> { return p.quantity_after; });
  w.number("effective_date", "date", rows, [](const Proposal& p) { return day_number(p.effective_date); });
  w.number("deferred_until", "date", rows, [](const Proposal& p) { return day_number(p.deferred_until); });
  w.number("prorated_to", "date", rows, [](const Proposal& p) { return day_number(p.prorated_to); });
  w.number("invoice_date", "date", rows, [](const Proposal& p) { return day_number(p.invoice_date); });
  w.money("amount", rows, [](const Proposal& p) { return std::optional<Money>(p.amount); });
  w.text("currency", rows, [](const Proposal& p) { return p.amount.currency().code(); });
  w.text("rule", rows, [](const Proposal& p) -> std::string_view { return p.rule; });
  w.number("limited_by_commitment", "bool", rows, [](const Proposal& p) -> std::optional<std::int64_t> {
    return p.limited_by_commitment;
  });
  w.evidence(rows);
  return w.done();
}

py::dict held_columns(const std::vector<HeldChange>& rows) {
  ColumnWriter w;
  w.text("tenant", rows, [](const HeldChange& h) -> std::string_view { return h.tenant; });
  w.text("contract_id", rows, [](const HeldChange& h) -> std::string_view { return h.contract_id; });
  w.text("line_id", rows, [](const HeldChange& h) -> std::string_view { return h.line_id; });
  w.text("sku", rows, [](const HeldChange& h) -> std::string_view { return h.sku; });
  w.number("wanted_delta", "int", rows, [](const HeldChange& h) -> std::optional<std::int64_t> { return h.wanted_delta; });
  w.text("reason", rows, [](const HeldChange& h) -> std::string_view { return h.reason; });
  return w.done();
}

py::dict unmapped_columns(const std::vector<UnmappedObservation>& rows) {
  ColumnWriter w;
  w.number("index", "int", rows, [](const UnmappedObservation& u) -> std::optional<std::int64_t> {
    return static_cast<std::int64_t>(u.index);
  });
  w.text("tenant", rows, [](const UnmappedObservation& u) -> std::string_view { return u.tenant; });
  w.text("sku", rows, [](const UnmappedObservation& u) -> std::string_view { return u.sku; });
  w.text("source", rows, [](const UnmappedObservation& u) { return name_of(u.source); });
  w.number("quantity", "int", rows, [](const UnmappedObservation& u) -> std::optional<std::int64_t> { return u.quantity; });
  w.number("as_of", "instant", rows, [](const UnmappedObservation& u) -> std::optional<std::int64_t> {
    return unix_seconds(u.as_of);
  });
  return w.done();
}

// Rows 0..n-1 through `row`; an error without a row gets "table[i]: " in front.
template <class Row>
auto rows(std::size_t n, const char* table, Row row) {
  std::vector<decltype(row(0))> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    try {
      out.push_back(row(i));
    } catch (const Error& e) {
      if (e.row() >= 0) throw;
      throw Error(e.code(), std::string(table) + "[" + std::to_string(i) + "]: " + e.what(),
                  static_cast<std::int64_t>(i));
    }
  }
  return out;
}

}  // namespace

void bind_trueup(py::module_& m) {
  py::class_<ReconcileRun, std::shared_ptr<ReconcileRun>>(m, "ReconcileRun")
      .def("to_json", [](const ReconcileRun& r) { return result_to_json(r.result).dump(); })
      .def_property_readonly("as_of", [](const ReconcileRun& r) { return unix_seconds(r.result.as_of); })
      .def("deviations", [](const ReconcileRun& r) { return deviation_columns(r.result.deviations); })
      .def("proposals", [](const ReconcileRun& r) { return proposal_columns(r.result.proposals); })
      .def("held", [](const ReconcileRun& r) { return held_columns(r.result.held); })
      .def("unmapped", [](const ReconcileRun& r) { return unmapped_columns(r.result.unmapped); })
      .def("fingerprints", [](const ReconcileRun& r) {
        const InputFingerprints f = fingerprint_inputs(r.lines, r.observations, r.sku_map, r.rules);
        return py::dict(py::arg("contracts") = f.contracts, py::arg("observations") = f.observations,
                        py::arg("sku_map") = f.sku_map, py::arg("rules") = f.rules);
      });

  m.def(
      "_reconcile",
      [](const py::dict& contracts, std::size_t line_count, const py::dict& observations, py::array_t<std::int64_t> quantity,
         py::array_t<std::int64_t> as_of_column, const py::object& units, std::int64_t as_of,
         const std::map<std::string, std::string>& sku_map, const std::string& rules_json) {
        auto run = std::make_shared<ReconcileRun>();
        run->lines = rows(line_count, "contracts", LineColumns(contracts));
        const Column tenant(observations, "tenant", "observations");
        const Column sku(observations, "sku", "observations");
        const Column source(observations, "source", "observations");
        const auto q = quantity.unchecked<1>();
        const auto t = as_of_column.unchecked<1>();
        run->observations = rows(static_cast<std::size_t>(q.shape(0)), "observations", [&](std::size_t i) {
          Observation o;
          o.tenant = tenant.text(i);
          o.sku = sku.text(i);
          o.source = parse_observation_source(source.text(i));
          o.quantity = q(static_cast<py::ssize_t>(i));
          o.as_of = from_unix_seconds(t(static_cast<py::ssize_t>(i)));
          if (!units.is_none() && !units[py::int_(i)].is_none()) o.units = units_of(units[py::int_(i)], i);
          return o;
        });
        for (const auto& [from, to] : sku_map) run->sku_map.add(from, to);
        run->rules = rules_from_json(json::parse(rules_json));
        {
          py::gil_scoped_release release;
          run->result = reconcile(run->lines, run->observations, from_unix_seconds(as_of), run->sku_map, run->rules);
        }
        return run;
      },
      py::arg("contracts"), py::arg("line_count"), py::arg("observations"), py::arg("quantity"), py::arg("as_of_column"), py::arg("units"),
      py::arg("as_of"), py::arg("sku_map"), py::arg("rules_json"));
}

}  // namespace mspcore::python
