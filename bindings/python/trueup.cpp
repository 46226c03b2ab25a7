// Thin glue for reconcile(): Python tables (dicts of columns from DataFrames, or sequences of
// dicts) are read by the records layer's decoders (mspcore/contract/trueup_records.hpp); the
// result goes back as typed columns, or as the same JSON document the C ABI returns.
#include "bindings.hpp"
#include "py_fields.hpp"

#include <mspcore/contract/trueup.hpp>
#include <mspcore/contract/trueup_columns.hpp>
#include <mspcore/contract/trueup_records.hpp>
#include <mspcore/core/error.hpp>
#include <mspcore/records/field_reader.hpp>

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

// Every row of a table through a decoder of the records layer.
template <class Read>
auto records_of(PyTable& table, Read read) {
  std::vector<decltype(read(std::declval<const Fields&>(), std::size_t{0}))> out;
  out.reserve(table.size());
  for (std::size_t i = 0; i < table.size(); ++i) out.push_back(read(table.row(i), i));
  return out;
}

// The inputs stay beside the result: its rows refer to them, and fingerprints are taken
// from them when asked. Observations are kept as columns (1.2 million are about 30 MB).
struct ReconcileRun {
  std::vector<ContractLine> lines;
  ObservationColumns observations;
  SkuMap sku_map;
  TrueUpRules rules;
  ReconcileTables tables;
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
  // Text whose dictionary is known (the result's sorted tenants and SKUs, an enum's names):
  // `code` returns the row's index into `values`, no lookup per row.
  template <class Code>
  void coded(const char* name, const std::vector<std::string_view>& values, Code code) {
    columns_.push_back(std::make_unique<CodedColumn<Code>>(name, rows_.size(), values, code));
  }
  // Money is encoded by its exact amount, so each distinct amount is formatted once; `get`
  // returns a pointer to the amount in the row, nullptr for none.
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
  // masked where a row has no evidence from that source (after every other column). `get`
  // returns the row's evidence as a span.
  template <class Get>
  void evidence(Get get) {
    columns_.push_back(std::make_unique<EvidenceColumns<Get>>(rows_.size(), get));
  }

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

  template <class Code>
  struct CodedColumn final : Column {
    CodedColumn(const char* n, std::size_t rows, const std::vector<std::string_view>& v, Code c)
        : name(n), codes(static_cast<py::ssize_t>(rows)), out(codes.mutable_data()), code(c) {
      for (std::string_view text : v) values.append(py::str(text.data(), text.size()));
    }
    void add(const T& row, std::size_t i) override { out[i] = static_cast<std::int32_t>(code(row)); }
    void finish(py::dict& result) override { result[name] = py::make_tuple("str", codes, values); }

    const char* name;
    py::array_t<std::int32_t> codes;
    std::int32_t* out;
    Code code;
    py::list values;
  };

  template <class Get>
  struct MoneyColumn final : Column {
    MoneyColumn(const char* n, std::size_t rows, Get g)
        : name(n), codes(static_cast<py::ssize_t>(rows)), c(codes.mutable_data()), get(g) {}
    // Keyed by (coefficient, scale): hashed as int64 when the coefficient fits (always, for
    // real amounts), else ordered as 128 bits.
    void add(const T& row, std::size_t i) override {
      const Decimal* amount_of = get(row);
      if (amount_of == nullptr) {
        c[i] = -1;
        return;
      }
      static const Coefficient smallest = std::numeric_limits<std::int64_t>::min();
      static const Coefficient largest = std::numeric_limits<std::int64_t>::max();
      const Decimal& amount = *amount_of;
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

  template <class Get>
  struct EvidenceColumns final : Column {
    static constexpr std::size_t kSources = static_cast<std::size_t>(ObservationSource::Crm) + 1;
    static constexpr std::size_t kFields = 4;  // reported, counted, as_of, observations

    EvidenceColumns(std::size_t rows, Get g) : n(rows), get(g) {}
    void add(const T& row, std::size_t i) override {
      std::array<bool, kSources> present{};
      for (const SourceEvidence& e : get(row)) {
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
        const std::string prefix = "evidence." + std::string(to_string(static_cast<ObservationSource>(s))) + ".";
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
    Get get;
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

// The names of an enum's first n values, in value order.
template <class Enum>
std::vector<std::string_view> names_of(int n) {
  std::vector<std::string_view> out;
  for (int i = 0; i < n; ++i) out.push_back(to_string(static_cast<Enum>(i)));
  return out;
}

// The result tables' rows name their tenant, SKU and evidence through their group and their
// contract ids and currency through their line.
struct ResultView {
  const ReconcileTables& t;
  std::span<const ContractLine> lines;
  std::vector<std::string_view> tenants() const { return {t.tenants.begin(), t.tenants.end()}; }
  std::vector<std::string_view> skus() const { return {t.skus.begin(), t.skus.end()}; }
  const ReconcileGroup& group(std::uint32_t g) const { return t.groups[g]; }
  std::span<const SourceEvidence> evidence(std::uint32_t g) const { return t.evidence_of(t.groups[g]); }
  const ContractLine* line(std::uint32_t l) const { return l == kNoRow ? nullptr : &lines[l]; }
  std::string_view currency(std::uint32_t l) const {
    return l == kNoRow ? std::string_view() : lines[l].unit_price->currency().code();
  }
};

py::dict deviation_columns(const ResultView& v) {
  TableWriter<DeviationRow> w(v.t.deviations);
  w.coded("tenant", v.tenants(), [&](const DeviationRow& d) { return v.group(d.group).tenant; });
  w.coded("sku", v.skus(), [&](const DeviationRow& d) { return v.group(d.group).sku; });
  w.coded("kind", names_of<DeviationKind>(static_cast<int>(DeviationKind::Unlicensed) + 1),
          [](const DeviationRow& d) { return static_cast<int>(d.kind); });
  w.number("gap", "int", [](const DeviationRow& d) { return whole(d.gap); });
  w.number("purchased", "int", [&](const DeviationRow& d) { return v.group(d.group).quantities.purchased; });
  w.number("assigned", "int", [&](const DeviationRow& d) { return v.group(d.group).quantities.assigned; });
  w.number("billed", "int", [&](const DeviationRow& d) { return v.group(d.group).quantities.billed; });
  w.number("contracted", "int", [&](const DeviationRow& d) { return whole(v.group(d.group).quantities.contracted); });
  w.number("billed_from_contract", "bool",
           [&](const DeviationRow& d) { return whole(v.group(d.group).quantities.billed_from_contract); });
  w.text("contract_id", [&](const DeviationRow& d) -> std::string_view {
    return d.line == kNoRow ? std::string_view() : v.lines[d.line].contract_id;
  });
  w.text("line_id", [&](const DeviationRow& d) -> std::string_view {
    return d.line == kNoRow ? std::string_view() : v.lines[d.line].line_id;
  });
  w.money("monthly_value", [](const DeviationRow& d) { return d.line == kNoRow ? nullptr : &d.monthly_value; });
  w.money("annual_value", [](const DeviationRow& d) { return d.line == kNoRow ? nullptr : &d.annual_value; });
  w.text("currency", [&](const DeviationRow& d) { return v.currency(d.line); });
  w.evidence([&](const DeviationRow& d) { return v.evidence(d.group); });
  return w.done();
}

py::dict proposal_columns(const ResultView& v) {
  TableWriter<ProposalRow> w(v.t.proposals);
  w.text("tenant", [&](const ProposalRow& p) -> std::string_view { return v.lines[p.line].tenant; });
  w.text("contract_id", [&](const ProposalRow& p) -> std::string_view { return v.lines[p.line].contract_id; });
  w.text("line_id", [&](const ProposalRow& p) -> std::string_view { return v.lines[p.line].line_id; });
  w.text("sku", [&](const ProposalRow& p) -> std::string_view { return v.lines[p.line].sku; });
  w.coded("action", names_of<ProposalAction>(static_cast<int>(ProposalAction::TrueDown) + 1),
          [](const ProposalRow& p) { return static_cast<int>(p.action); });
  w.number("delta_quantity", "int", [](const ProposalRow& p) { return whole(p.delta_quantity); });
  w.number("quantity_before", "int", [&](const ProposalRow& p) { return whole(v.lines[p.line].quantity); });
  w.number("quantity_after", "int", [](const ProposalRow& p) { return whole(p.quantity_after); });
  w.number("effective_date", "date", [](const ProposalRow& p) { return day_number(p.effective_date); });
  w.number("deferred_until", "date", [](const ProposalRow& p) { return day_number(p.deferred_until); });
  w.number("prorated_to", "date", [](const ProposalRow& p) { return day_number(p.prorated_to); });
  w.number("invoice_date", "date", [](const ProposalRow& p) { return day_number(p.invoice_date); });
  w.money("amount", [](const ProposalRow& p) { return &p.amount; });
  w.text("currency", [&](const ProposalRow& p) { return v.currency(p.line); });
  w.text("rule", [](const ProposalRow& p) { return p.rule; });
  w.number("limited_by_commitment", "bool", [](const ProposalRow& p) { return whole(p.limited_by_commitment); });
  w.evidence([&](const ProposalRow& p) { return v.evidence(p.group); });
  return w.done();
}

py::dict held_columns(const ResultView& v) {
  TableWriter<HeldRow> w(v.t.held);
  w.text("tenant", [&](const HeldRow& h) -> std::string_view { return v.lines[h.line].tenant; });
  w.text("contract_id", [&](const HeldRow& h) -> std::string_view { return v.lines[h.line].contract_id; });
  w.text("line_id", [&](const HeldRow& h) -> std::string_view { return v.lines[h.line].line_id; });
  w.text("sku", [&](const HeldRow& h) -> std::string_view { return v.lines[h.line].sku; });
  w.number("wanted_delta", "int", [](const HeldRow& h) { return whole(h.wanted_delta); });
  w.text("reason", [](const HeldRow& h) { return h.reason; });
  return w.done();
}

py::dict unmapped_columns(const std::vector<std::uint32_t>& rows, const ObservationColumns& o) {
  TableWriter<std::uint32_t> w(rows);
  w.number("index", "int", [](std::uint32_t i) { return whole(i); });
  w.text("tenant", [&](std::uint32_t i) { return o.tenant[i]; });
  w.text("sku", [&](std::uint32_t i) { return o.sku[i]; });
  w.text("source", [&](std::uint32_t i) { return to_string(o.source[i]); });
  w.number("quantity", "int", [&](std::uint32_t i) { return whole(o.quantity[i]); });
  w.number("as_of", "instant", [&](std::uint32_t i) { return whole(unix_seconds(o.as_of[i])); });
  return w.done();
}

}  // namespace

void bind_trueup(py::module_& m) {
  m.attr("CONTRACT_LINE_FIELDS") = py::tuple(py::cast(std::vector<std::string_view>(kContractLineFields.begin(), kContractLineFields.end())));
  m.attr("OBSERVATION_FIELDS") = py::tuple(py::cast(std::vector<std::string_view>(kObservationFields.begin(), kObservationFields.end())));
  py::class_<ReconcileRun, std::shared_ptr<ReconcileRun>>(m, "ReconcileRun")
      .def("to_json", [](const ReconcileRun& r) {
        return reconcile_result_json(to_records(r.tables, r.lines, r.observations));
      })
      .def_property_readonly("as_of", [](const ReconcileRun& r) { return unix_seconds(r.tables.as_of); })
      .def("deviations", [](const ReconcileRun& r) { return deviation_columns(ResultView{r.tables, r.lines}); })
      .def("proposals", [](const ReconcileRun& r) { return proposal_columns(ResultView{r.tables, r.lines}); })
      .def("held", [](const ReconcileRun& r) { return held_columns(ResultView{r.tables, r.lines}); })
      .def("unmapped", [](const ReconcileRun& r) { return unmapped_columns(r.tables.unmapped, r.observations); })
      .def("fingerprints", [](const ReconcileRun& r) {
        const InputFingerprints f = fingerprint_inputs(r.lines, r.observations, r.sku_map, r.rules);
        return py::dict(py::arg("contracts") = f.contracts, py::arg("observations") = f.observations,
                        py::arg("sku_map") = f.sku_map, py::arg("rules") = f.rules);
      });

  m.def(
      "_reconcile",
      [](const py::handle& contracts, const py::handle& observations, const py::handle& as_of,
         const std::map<std::string, std::string>& sku_map, const std::string& rules_json) {
        auto run = std::make_shared<ReconcileRun>();
        PyTable line_table(contracts, kContractLineFields, "contracts");
        run->lines = records_of(line_table, read_contract_line);
        PyTable observation_table(observations, kObservationFields, "observations");
        run->observations.reserve(observation_table.size());
        for (std::size_t i = 0; i < observation_table.size(); ++i) {
          run->observations.push_back(read_observation(observation_table.row(i), i));
        }
        const PyRecord as_of_value(as_of.ptr(), {}, "as_of");
        const Instant at = FieldReader(as_of_value, {}, "as_of").instant(Fields::kSelf);
        for (const auto& [from, to] : sku_map) run->sku_map.add(from, to);
        run->rules = trueup_rules_from_json(rules_json);
        {
          py::gil_scoped_release release;
          run->tables = reconcile_tables(run->lines, run->observations, at, run->sku_map, run->rules);
        }
        return run;
      },
      py::arg("contracts"), py::arg("observations"), py::arg("as_of"), py::arg("sku_map"), py::arg("rules_json"));
}

}  // namespace mspcore::python
