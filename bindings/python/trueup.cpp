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
#include <limits>
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
  // The object at `row` (nullptr for an absent column): equal objects give equal values, so
  // callers can skip converting a value that repeats (exports list a tenant's rows together).
  PyObject* object(std::size_t row) const { return values_ ? item(row) : nullptr; }
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
// Observations without unit detail are kept as the columns trueup.py made for this call
// (fresh lists; the int64 arrays copied) rather than as records: 1.2 million records are
// about 140 MB, their columns about 50 MB. fingerprints() converts them again when asked.
struct ObservationColumns {
  py::dict text;  // tenant, sku, source
  py::array_t<std::int64_t> quantity;
  py::array_t<std::int64_t> as_of;
};

struct ReconcileRun {
  std::vector<ContractLine> lines;
  std::vector<Observation> observations;           // when they have unit detail
  std::optional<ObservationColumns> observation_columns;  // else
  SkuMap sku_map;
  TrueUpRules rules;
  ReconcileResult result;
};

// The result goes to Python as typed columns, {name: (kind, values[, mask])}, which
// trueup.py turns into DataFrames or, on access, dicts: hundreds of thousands of records
// never pass through per-row Python objects unless asked for. One pass over the records
// fills every column: a record is hundreds of bytes with its evidence, so a pass per column
// would read all of them from memory thirty times.
template <class T>
class TableWriter {
 public:
  explicit TableWriter(const std::vector<T>& rows) : rows_(rows) {}

  // Text and money are dictionary-encoded, (kind, codes, distinct values) with code -1 for
  // none: tenants, SKUs and prices repeat, so each distinct value becomes one Python object.
  // `get` returns a string_view into the record (or a static name); empty is none.
  template <class Get>
  void text(const char* name, Get get) {
    columns_.push_back(std::make_unique<TextColumn<Get>>(name, rows_.size(), get));
  }
  // Money is encoded by its exact amount, so each distinct amount is formatted once; `get`
  // returns a pointer into the record, nullptr for none.
  template <class Get>
  void money(const char* name, Get get) {
    columns_.push_back(std::make_unique<MoneyColumn<Get>>(name, rows_.size(), get));
  }
  // kind: "int", "bool", "date" (days since 1970), "instant" (Unix seconds); nullopt is masked.
  template <class Get>
  void number(const char* name, const char* kind, Get get) {
    columns_.push_back(std::make_unique<NumberColumn<Get>>(name, kind, rows_.size(), get));
  }
  // Evidence flattened to evidence.<source>.reported, .counted, .as_of and .observations,
  // masked where a row has no evidence from that source (after every other column).
  void evidence() { columns_.push_back(std::make_unique<EvidenceColumns>(rows_.size())); }

  py::dict done() {
    for (std::size_t i = 0; i < rows_.size(); ++i) {
      for (const auto& c : columns_) c->add(rows_[i], i);
    }
    py::dict out;
    for (const auto& c : columns_) c->finish(out);
    return out;
  }

 private:
  struct Column {
    virtual ~Column() = default;
    virtual void add(const T& row, std::size_t i) = 0;
    virtual void finish(py::dict& out) = 0;
  };

  template <class Get>
  struct TextColumn final : Column {
    TextColumn(const char* n, std::size_t rows, Get g)
        : name(n), codes(static_cast<py::ssize_t>(rows)), c(codes.mutable_data()), get(g) {}
    void add(const T& row, std::size_t i) override {
      const std::string_view v = get(row);
      if (v.empty()) {
        c[i] = -1;
        return;
      }
      if (previous_code < 0 || v != previous) {  // results are sorted by tenant: values repeat in runs
        // Keys view the records' own strings (or static names), which outlive this call.
        const auto [it, fresh] = index.try_emplace(v, static_cast<std::int32_t>(index.size()));
        if (fresh) values.append(py::str(v.data(), v.size()));
        previous = v;
        previous_code = it->second;
      }
      c[i] = previous_code;
    }
    void finish(py::dict& out) override { out[name] = py::make_tuple("str", codes, values); }

    const char* name;
    py::array_t<std::int32_t> codes;
    std::int32_t* c;
    Get get;
    std::unordered_map<std::string_view, std::int32_t> index;
    py::list values;
    std::string_view previous;
    std::int32_t previous_code = -1;
  };

  template <class Get>
  struct MoneyColumn final : Column {
    MoneyColumn(const char* n, std::size_t rows, Get g)
        : name(n), codes(static_cast<py::ssize_t>(rows)), c(codes.mutable_data()), get(g) {}
    // Keyed by (coefficient, scale): hashed as int64 when the coefficient fits (always, for
    // real amounts), else ordered as 128 bits.
    void add(const T& row, std::size_t i) override {
      const Money* m = get(row);
      if (m == nullptr) {
        c[i] = -1;
        return;
      }
      static const Coefficient smallest = std::numeric_limits<std::int64_t>::min();
      static const Coefficient largest = std::numeric_limits<std::int64_t>::max();
      const Decimal& amount = m->amount();
      const Coefficient& k = amount.coefficient();
      const std::int32_t code = k >= smallest && k <= largest
                                    ? small.try_emplace({k.convert_to<std::int64_t>(), amount.scale()}, next).first->second
                                    : large.try_emplace({k, amount.scale()}, next).first->second;
      if (code == next) {
        values.append(py::str(amount.to_string()));
        ++next;
      }
      c[i] = code;
    }
    void finish(py::dict& out) override { out[name] = py::make_tuple("money", codes, values); }

    struct Hash {
      std::size_t operator()(const std::pair<std::int64_t, int>& k) const noexcept {
        const std::uint64_t x =
            static_cast<std::uint64_t>(k.first) * 0x9E3779B97F4A7C15ULL ^ static_cast<std::uint64_t>(k.second);
        return static_cast<std::size_t>(x ^ (x >> 31));
      }
    };
    const char* name;
    py::array_t<std::int32_t> codes;
    std::int32_t* c;
    Get get;
    std::unordered_map<std::pair<std::int64_t, int>, std::int32_t, Hash> small;
    std::map<std::pair<Coefficient, int>, std::int32_t> large;
    py::list values;
    std::int32_t next = 0;
  };

  template <class Get>
  struct NumberColumn final : Column {
    NumberColumn(const char* n, const char* k, std::size_t rows, Get g)
        : name(n), kind(k), values(static_cast<py::ssize_t>(rows)), mask(static_cast<py::ssize_t>(rows)),
          v(values.mutable_data()), m(mask.mutable_data()), get(g) {}
    void add(const T& row, std::size_t i) override {
      const std::optional<std::int64_t> x = get(row);
      v[i] = x.value_or(0);
      m[i] = !x;
      any_missing |= !x;
    }
    void finish(py::dict& out) override {
      if (any_missing) {
        out[name] = py::make_tuple(kind, values, mask);
      } else {
        out[name] = py::make_tuple(kind, values);
      }
    }

    const char* name;
    const char* kind;
    py::array_t<std::int64_t> values;
    py::array_t<bool> mask;
    std::int64_t* v;
    bool* m;
    Get get;
    bool any_missing = false;
  };

  struct EvidenceColumns final : Column {
    static constexpr std::size_t kSources = static_cast<std::size_t>(ObservationSource::Crm) + 1;
    static constexpr std::size_t kFields = 4;  // reported, counted, as_of, observations

    explicit EvidenceColumns(std::size_t rows) : n(rows) {}
    void add(const T& row, std::size_t i) override {
      std::array<bool, kSources> present{};
      for (const SourceEvidence& e : row.evidence) {
        const auto s = static_cast<std::size_t>(e.source);
        Source& out = open(s, i);
        out.v[0][i] = e.reported;
        out.v[1][i] = e.counted;
        out.v[2][i] = unix_seconds(e.as_of);
        out.v[3][i] = static_cast<std::int64_t>(e.observations);
        out.m[i] = false;
        present[s] = true;
      }
      for (std::size_t s = 0; s < kSources; ++s) {
        if (sources[s] && !present[s]) missing(*sources[s], i);
      }
    }
    void finish(py::dict& out) override {
      static constexpr const char* kNames[kFields] = {"reported", "counted", "as_of", "observations"};
      static constexpr const char* kKinds[kFields] = {"int", "int", "instant", "int"};
      for (std::size_t s = 0; s < kSources; ++s) {
        if (!sources[s]) continue;
        const std::string prefix = "evidence." + std::string(name_of(static_cast<ObservationSource>(s))) + ".";
        for (std::size_t f = 0; f < kFields; ++f) {
          const std::string key = prefix + kNames[f];
          if (sources[s]->any_missing) {
            // Each column gets its own mask: pandas keeps the array it is given.
            py::array_t<bool> mask(static_cast<py::ssize_t>(n));
            std::copy_n(sources[s]->m, n, mask.mutable_data());
            out[key.c_str()] = py::make_tuple(kKinds[f], sources[s]->values[f], mask);
          } else {
            out[key.c_str()] = py::make_tuple(kKinds[f], sources[s]->values[f]);
          }
        }
      }
    }

    struct Source {
      explicit Source(std::size_t rows) : mask(static_cast<py::ssize_t>(rows)), m(mask.mutable_data()) {
        for (std::size_t f = 0; f < kFields; ++f) {
          values[f] = py::array_t<std::int64_t>(static_cast<py::ssize_t>(rows));
          v[f] = values[f].mutable_data();
        }
      }
      std::array<py::array_t<std::int64_t>, kFields> values;
      std::array<std::int64_t*, kFields> v{};
      py::array_t<bool> mask;
      bool* m;
      bool any_missing = false;
    };
    // The columns of source s, created on its first evidence with the rows before masked.
    Source& open(std::size_t s, std::size_t i) {
      if (!sources[s]) {
        sources[s] = std::make_unique<Source>(n);
        for (std::size_t j = 0; j < i; ++j) missing(*sources[s], j);
      }
      return *sources[s];
    }
    static void missing(Source& out, std::size_t i) {
      for (std::size_t f = 0; f < kFields; ++f) out.v[f][i] = 0;
      out.m[i] = true;
      out.any_missing = true;
    }

    std::size_t n;
    std::array<std::unique_ptr<Source>, kSources> sources;
  };

  const std::vector<T>& rows_;
  std::vector<std::unique_ptr<Column>> columns_;
};

std::optional<std::int64_t> day_number(std::optional<std::chrono::sys_days> d) {
  if (!d) return std::nullopt;
  return d->time_since_epoch().count();
}

std::optional<std::int64_t> whole(std::int64_t v) { return v; }

py::dict deviation_columns(const std::vector<Deviation>& rows) {
  TableWriter<Deviation> w(rows);
  w.text("tenant", [](const Deviation& d) -> std::string_view { return d.tenant; });
  w.text("sku", [](const Deviation& d) -> std::string_view { return d.sku; });
  w.text("kind", [](const Deviation& d) { return name_of(d.kind); });
  w.number("gap", "int", [](const Deviation& d) { return whole(d.gap); });
  w.number("purchased", "int", [](const Deviation& d) { return d.quantities.purchased; });
  w.number("assigned", "int", [](const Deviation& d) { return d.quantities.assigned; });
  w.number("billed", "int", [](const Deviation& d) { return d.quantities.billed; });
  w.number("contracted", "int", [](const Deviation& d) { return whole(d.quantities.contracted); });
  w.number("billed_from_contract", "bool", [](const Deviation& d) { return whole(d.quantities.billed_from_contract); });
  w.text("contract_id", [](const Deviation& d) -> std::string_view { return d.contract_id; });
  w.text("line_id", [](const Deviation& d) -> std::string_view { return d.line_id; });
  w.money("monthly_value", [](const Deviation& d) { return d.monthly_value ? &*d.monthly_value : nullptr; });
  w.money("annual_value", [](const Deviation& d) { return d.annual_value ? &*d.annual_value : nullptr; });
  w.text("currency", [](const Deviation& d) -> std::string_view {
    return d.monthly_value ? d.monthly_value->currency().code() : std::string_view();
  });
  w.evidence();
  return w.done();
}

py::dict proposal_columns(const std::vector<Proposal>& rows) {
  TableWriter<Proposal> w(rows);
  w.text("tenant", [](const Proposal& p) -> std::string_view { return p.tenant; });
  w.text("contract_id", [](const Proposal& p) -> std::string_view { return p.contract_id; });
  w.text("line_id", [](const Proposal& p) -> std::string_view { return p.line_id; });
  w.text("sku", [](const Proposal& p) -> std::string_view { return p.sku; });
  w.text("action", [](const Proposal& p) { return name_of(p.action); });
  w.number("delta_quantity", "int", [](const Proposal& p) { return whole(p.delta_quantity); });
  w.number("quantity_before", "int", [](const Proposal& p) { return whole(p.quantity_before); });
  w.number("quantity_after", "int", [](const Proposal& p) { return whole(p.quantity_after); });
  w.number("effective_date", "date", [](const Proposal& p) { return day_number(p.effective_date); });
  w.number("deferred_until", "date", [](const Proposal& p) { return day_number(p.deferred_until); });
  w.number("prorated_to", "date", [](const Proposal& p) { return day_number(p.prorated_to); });
  w.number("invoice_date", "date", [](const Proposal& p) { return day_number(p.invoice_date); });
  w.money("amount", [](const Proposal& p) { return &p.amount; });
  w.text("currency", [](const Proposal& p) { return p.amount.currency().code(); });
  w.text("rule", [](const Proposal& p) -> std::string_view { return p.rule; });
  w.number("limited_by_commitment", "bool", [](const Proposal& p) { return whole(p.limited_by_commitment); });
  w.evidence();
  return w.done();
}

py::dict held_columns(const std::vector<HeldChange>& rows) {
  TableWriter<HeldChange> w(rows);
  w.text("tenant", [](const HeldChange& h) -> std::string_view { return h.tenant; });
  w.text("contract_id", [](const HeldChange& h) -> std::string_view { return h.contract_id; });
  w.text("line_id", [](const HeldChange& h) -> std::string_view { return h.line_id; });
  w.text("sku", [](const HeldChange& h) -> std::string_view { return h.sku; });
  w.number("wanted_delta", "int", [](const HeldChange& h) { return whole(h.wanted_delta); });
  w.text("reason", [](const HeldChange& h) -> std::string_view { return h.reason; });
  return w.done();
}

py::dict unmapped_columns(const std::vector<UnmappedObservation>& rows) {
  TableWriter<UnmappedObservation> w(rows);
  w.number("index", "int", [](const UnmappedObservation& u) { return whole(static_cast<std::int64_t>(u.index)); });
  w.text("tenant", [](const UnmappedObservation& u) -> std::string_view { return u.tenant; });
  w.text("sku", [](const UnmappedObservation& u) -> std::string_view { return u.sku; });
  w.text("source", [](const UnmappedObservation& u) { return name_of(u.source); });
  w.number("quantity", "int", [](const UnmappedObservation& u) { return whole(u.quantity); });
  w.number("as_of", "instant", [](const UnmappedObservation& u) { return whole(unix_seconds(u.as_of)); });
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

// Observation records from the columns trueup.py prepared (units: None or a list).
std::vector<Observation> observation_records(const py::dict& observations, const py::array_t<std::int64_t>& quantity,
                                             const py::array_t<std::int64_t>& as_of_column, const py::object& units) {
  const Column tenant(observations, "tenant", "observations");
  const Column sku(observations, "sku", "observations");
  const Column source(observations, "source", "observations");
  const auto q = quantity.unchecked<1>();
  const auto t = as_of_column.unchecked<1>();
  // A value whose object repeats the previous row's is not read again: exports list a
  // tenant's rows together and pandas shares the objects of repeated text.
  PyObject* last_tenant = nullptr;
  PyObject* last_sku = nullptr;
  PyObject* last_source = nullptr;
  std::string_view tenant_text, sku_text;
  ObservationSource source_value = ObservationSource::Vendor;
  return rows(static_cast<std::size_t>(q.shape(0)), "observations", [&](std::size_t i) {
    Observation o;
    if (PyObject* v = tenant.object(i); v == nullptr || v != last_tenant) {
      tenant_text = tenant.text(i);
      last_tenant = v;
    }
    if (PyObject* v = sku.object(i); v == nullptr || v != last_sku) {
      sku_text = sku.text(i);
      last_sku = v;
    }
    if (PyObject* v = source.object(i); v == nullptr || v != last_source) {
      source_value = parse_observation_source(source.text(i));
      last_source = v;
    }
    o.tenant = tenant_text;
    o.sku = sku_text;
    o.source = source_value;
    o.quantity = q(static_cast<py::ssize_t>(i));
    o.as_of = from_unix_seconds(t(static_cast<py::ssize_t>(i)));
    if (!units.is_none() && !units[py::int_(i)].is_none()) o.units = units_of(units[py::int_(i)], i);
    return o;
  });
}

py::array_t<std::int64_t> copy_of(const py::array_t<std::int64_t>& a) {
  py::array_t<std::int64_t> out(a.size());
  const auto in = a.unchecked<1>();
  std::int64_t* o = out.mutable_data();
  for (py::ssize_t i = 0; i < in.shape(0); ++i) o[i] = in(i);
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
        std::vector<Observation> converted;
        if (const auto& c = r.observation_columns) converted = observation_records(c->text, c->quantity, c->as_of, py::none());
        const InputFingerprints f =
            fingerprint_inputs(r.lines, r.observation_columns ? converted : r.observations, r.sku_map, r.rules);
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
        std::vector<Observation> records = observation_records(observations, quantity, as_of_column, units);
        const bool with_units = !units.is_none();
        for (const auto& [from, to] : sku_map) run->sku_map.add(from, to);
        run->rules = rules_from_json(json::parse(rules_json));
        {
          py::gil_scoped_release release;
          run->result = reconcile(run->lines, records, from_unix_seconds(as_of), run->sku_map, run->rules);
          if (with_units) {
            run->observations = std::move(records);
          } else {
            std::vector<Observation>().swap(records);
          }
        }
        if (!with_units) run->observation_columns = ObservationColumns{observations, copy_of(quantity), copy_of(as_of_column)};
        return run;
      },
      py::arg("contracts"), py::arg("line_count"), py::arg("observations"), py::arg("quantity"), py::arg("as_of_column"), py::arg("units"),
      py::arg("as_of"), py::arg("sku_map"), py::arg("rules_json"));
}

}  // namespace mspcore::python
