// Thin glue for lifecycle() and qbr_model(): Python tables (dicts of columns from DataFrames, or sequences of
// dicts) are read by the records layer's decoders (mspcore/vcio/lifecycle_records.hpp); the
// result goes back as typed columns {name: (kind, values[, mask])} that python/mspcore/trueup.py's
// Records turn into dicts or a DataFrame, or as the C ABI's JSON document.
#include "bindings.hpp"
#include "vcio_glue.hpp"
#include "py_fields.hpp"

#include <mspcore/records/field_reader.hpp>
#include <mspcore/vcio/lifecycle_records.hpp>
#include <mspcore/vcio/lifecycle_table.hpp>
#include <mspcore/time/instant.hpp>
#include <mspcore/vcio/qbr_model.hpp>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <deque>
#include <memory>
#include <string_view>
#include <type_traits>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace mspcore::python {
namespace {

using Days = std::optional<std::chrono::sys_days>;
std::optional<std::int64_t> day_number(const Days& d) {
  return d ? std::optional<std::int64_t>(d->time_since_epoch().count()) : std::nullopt;
}

// One column per call, filled from the n rows: text and money dictionary-encoded (code -1 is
// none), numbers as int64 with a mask where a value is missing.
class Columns {
 public:
  explicit Columns(std::size_t n) : n_(n) {}

  template <class Get>  // Get(i) -> text (a string or a view; empty is none)
  void text(const char* name, const char* kind, Get get) {
    py::array_t<std::int32_t> codes(static_cast<py::ssize_t>(n_));
    auto* c = codes.mutable_data();
    // Keyed by views: of the rows' own strings, or of `owned` for values made per row (only the
    // distinct ones are copied), so a row costs a lookup, not a string copy. A column whose
    // first rows are all distinct (ids) skips the lookup: a dictionary may repeat a value.
    constexpr std::size_t kProbe = 1024;
    std::unordered_map<std::string_view, std::int32_t> index;
    std::deque<std::string> owned;
    py::list values;
    std::int32_t count = 0;
    bool distinct = false;
    std::string_view last;
    std::int32_t last_code = -1;
    for (std::size_t i = 0; i < n_; ++i) {
      const auto& v = get(i);
      const std::string_view view(v);
      if (view.empty()) {
        c[i] = -1;
        continue;
      }
      if (last_code >= 0 && view == last) {  // sorted input repeats its tenants, types, statuses
        c[i] = last_code;
        continue;
      }
      std::int32_t code;
      if (distinct) {
        code = count++;
        values.append(py::str(view.data(), view.size()));
      } else if (auto it = index.find(view); it != index.end()) {
        code = it->second;
      } else {
        std::string_view key = view;
        if constexpr (!std::is_lvalue_reference_v<decltype(get(i))>) key = owned.emplace_back(view);
        code = count++;
        index.emplace(key, code);
        values.append(py::str(view.data(), view.size()));
        distinct = index.size() == kProbe && i + 1 == kProbe;
      }
      c[i] = code;
      if constexpr (std::is_lvalue_reference_v<decltype(get(i))>) {
        last = view;
        last_code = code;
      }
    }
    out_[name] = py::make_tuple(kind, codes, values);
  }

  /// A text column whose rows each take the value of one of `entries` distinct results:
  /// Value(e) -> text (empty is none) per entry, Entry(i) -> the row's entry or -1. The
  /// dictionary is made from the entries, so a row costs an array lookup, not a hash.
  template <class Value, class Entry>
  void by_entry(const char* name, const char* kind, std::size_t entries, Value value, Entry entry) {
    std::vector<std::int32_t> code_of(entries, -1);
    std::unordered_map<std::string_view, std::int32_t> index;
    std::deque<std::string> owned;
    py::list values;
    for (std::size_t e = 0; e < entries; ++e) {
      const auto& v = value(e);
      const std::string_view view(v);
      if (view.empty()) continue;
      std::string_view key = view;
      if constexpr (!std::is_lvalue_reference_v<decltype(value(e))>) key = owned.emplace_back(view);
      const auto [it, fresh] = index.try_emplace(key, static_cast<std::int32_t>(index.size()));
      if (fresh) values.append(py::str(view.data(), view.size()));
      code_of[e] = it->second;
    }
    py::array_t<std::int32_t> codes(static_cast<py::ssize_t>(n_));
    auto* c = codes.mutable_data();
    for (std::size_t i = 0; i < n_; ++i) {
      const std::int64_t e = entry(i);
      c[i] = e < 0 ? -1 : code_of[static_cast<std::size_t>(e)];
    }
    out_[name] = py::make_tuple(kind, codes, values);
  }

  template <class Get>  // Get(i) -> std::optional<std::int64_t>
  void number(const char* name, const char* kind, Get get) {
    py::array_t<std::int64_t> values(static_cast<py::ssize_t>(n_));
    py::array_t<bool> mask(static_cast<py::ssize_t>(n_));
    auto* v = values.mutable_data();
    auto* m = mask.mutable_data();
    bool any = false;
    for (std::size_t i = 0; i < n_; ++i) {
      const std::optional<std::int64_t> x = get(i);
      v[i] = x.value_or(0);
      m[i] = !x;
      any |= !x;
    }
    if (any) {
      out_[name] = py::make_tuple(kind, values, mask);
    } else {
      out_[name] = py::make_tuple(kind, values);
    }
  }

  py::dict done() { return out_; }

 private:
  std::size_t n_;
  py::dict out_;
};

using I = std::optional<std::int64_t>;
std::string amount(const std::optional<Money>& m) { return m ? m->amount().to_string() : std::string(); }
std::string currency(const std::optional<Money>& m) { return m ? std::string(m->currency().code()) : std::string(); }

py::dict asset_columns(const LifecycleRun& run) {
  using T = AssetLifecycleTable;
  const T& t = run.rows;
  const auto& rows = t.rows;
  const auto a = [&](std::size_t i) -> const Asset& { return run.assets[i]; };
  const auto os = [&](std::size_t i) { return rows[i].os == T::kNoOs ? nullptr : &t.os_checks[rows[i].os]; };
  // The overall reason is one of the asset's three checks: one numbering over all of them.
  const std::size_t nw = t.warranties.size(), no = t.os_checks.size(), nr = t.replacements.size();
  const auto check = [&](std::size_t e) -> const LifecycleCheck& {
    if (e < nw) return t.warranties[e];
    if (e < nw + no) return t.os_checks[e - nw];
    return t.replacements[e - nw - no];
  };
  const auto decider = [&](std::size_t i) -> std::int64_t {
    switch (rows[i].decider) {
      case T::Decider::Warranty: return rows[i].warranty;
      case T::Decider::Os: return static_cast<std::int64_t>(nw + rows[i].os);
      case T::Decider::Replacement: break;
    }
    return static_cast<std::int64_t>(nw + no + rows[i].replacement);
  };
  const auto w = [&](std::size_t i) -> const LifecycleCheck& { return t.warranties[rows[i].warranty]; };
  const auto rc = [&](std::size_t i) -> const ReplacementCheck& { return t.replacements[rows[i].replacement]; };
  const auto os_entry = [&](std::size_t i) -> std::int64_t { return rows[i].os == T::kNoOs ? -1 : static_cast<std::int64_t>(rows[i].os); };
  const auto w_entry = [&](std::size_t i) -> std::int64_t { return rows[i].warranty; };
  const auto rc_entry = [&](std::size_t i) -> std::int64_t { return rows[i].replacement; };
  std::vector<std::optional<Money>> values(rows.size());
  std::vector<std::uint8_t> from_policy(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    bool p = false;
    values[i] = t.replacement_value(a(i), p);
    from_policy[i] = p;
  }
  Columns c(rows.size());
  c.number("index", "int", [&](std::size_t i) { return I(static_cast<std::int64_t>(i)); });
  c.text("id", "str", [&](std::size_t i) -> const std::string& { return a(i).id; });
  c.text("tenant", "str", [&](std::size_t i) -> const std::string& { return a(i).tenant; });
  c.text("type", "str", [&](std::size_t i) { return to_string(a(i).type); });
  c.text("make", "str", [&](std::size_t i) -> const std::string& { return a(i).make; });
  c.text("model", "str", [&](std::size_t i) -> const std::string& { return a(i).model; });
  c.text("serial", "str", [&](std::size_t i) -> const std::string& { return a(i).serial; });
  c.number("purchase_date", "date", [&](std::size_t i) { return day_number(a(i).purchase_date); });
  c.text("criticality", "str", [&](std::size_t i) { return to_string(a(i).criticality); });
  c.text("replacement_value", "money", [&](std::size_t i) { return amount(values[i]); });
  c.text("currency", "str", [&](std::size_t i) { return currency(values[i]); });
  c.by_entry("status", "str", nw + no + nr, [&](std::size_t e) { return to_string(check(e).status); }, decider);
  c.by_entry("reason_code", "str", nw + no + nr, [&](std::size_t e) -> const std::string& { return check(e).reason.code; }, decider);
  c.by_entry("reason", "str", nw + no + nr, [&](std::size_t e) -> const std::string& { return check(e).reason.text; }, decider);
  c.number("window_days", "int", [&](std::size_t i) { return I(t.policy.of(a(i).type).window_days); });
  c.by_entry("warranty_status", "str", nw, [&](std::size_t e) { return to_string(t.warranties[e].status); }, w_entry);
  c.by_entry("warranty_code", "str", nw, [&](std::size_t e) -> const std::string& { return t.warranties[e].reason.code; }, w_entry);
  c.by_entry("warranty_reason", "str", nw, [&](std::size_t e) -> const std::string& { return t.warranties[e].reason.text; }, w_entry);
  c.number("warranty_end", "date", [&](std::size_t i) { return day_number(w(i).end); });
  c.number("warranty_days_left", "int", [&](std::size_t i) { return w(i).days_left; });
  c.number("warranty_estimate", "bool", [&](std::size_t i) { return I(w(i).estimate ? 1 : 0); });
  const auto& oc = t.os_checks;
  c.by_entry("os_status", "str", no, [&](std::size_t e) { return to_string(oc[e].status); }, os_entry);
  c.by_entry("os_code", "str", no, [&](std::size_t e) -> const std::string& { return oc[e].reason.code; }, os_entry);
  c.by_entry("os_reason", "str", no, [&](std::size_t e) -> const std::string& { return oc[e].reason.text; }, os_entry);
  c.number("os_support_end", "date", [&](std::size_t i) { return os(i) ? day_number(os(i)->end) : I(); });
  c.number("os_days_left", "int", [&](std::size_t i) { return os(i) ? os(i)->days_left : I(); });
  c.number("os_estimate", "bool", [&](std::size_t i) { return os(i) ? I(os(i)->estimate ? 1 : 0) : I(); });
  c.by_entry("os_row", "str", no, [&](std::size_t e) { return oc[e].row ? oc[e].row->label() : std::string(); }, os_entry);
  c.by_entry("os_table", "str", no, [&](std::size_t e) { return oc[e].row ? std::string_view(oc[e].row->table) : std::string_view(); }, os_entry);
  c.by_entry("os_source", "str", no, [&](std::size_t e) { return oc[e].row ? std::string_view(oc[e].row->source) : std::string_view(); }, os_entry);
  const auto& rs = t.replacements;
  c.by_entry("replacement_status", "str", nr, [&](std::size_t e) { return to_string(rs[e].status); }, rc_entry);
  c.by_entry("replacement_code", "str", nr, [&](std::size_t e) -> const std::string& { return rs[e].reason.code; }, rc_entry);
  c.by_entry("replacement_reason", "str", nr, [&](std::size_t e) -> const std::string& { return rs[e].reason.text; }, rc_entry);
  c.number("replacement_date", "date", [&](std::size_t i) { return day_number(rc(i).end); });
  c.number("replacement_days_left", "int", [&](std::size_t i) { return rc(i).days_left; });
  c.number("replacement_by_age", "date", [&](std::size_t i) { return day_number(rc(i).by_age); });
  c.number("replacement_pulled_months", "int", [&](std::size_t i) { return I(rc(i).pulled_months); });
  c.number("replacement_tickets_12m", "int", [&](std::size_t i) { return I(rc(i).service.tickets); });
  c.number("replacement_reactive_minutes_12m", "int", [&](std::size_t i) { return I(rc(i).service.minutes); });
  c.by_entry("replacement_reactive_hours_12m", "money", nr, [&](std::size_t e) { return rs[e].service.hours().to_string(); }, rc_entry);
  c.text("replacement_payer", "str", [&](std::size_t i) { return to_string(t.policy.of(a(i).type).payer); });
  c.text("replacement_value_source", "str", [&](std::size_t i) {
    return values[i] ? std::string_view(from_policy[i] ? "policy" : "asset") : std::string_view();
  });
  return c.done();
}

py::dict licence_columns(const LifecycleRun& run) {
  const auto& rs = run.licence_result.licences;
  const auto l = [&](std::size_t i) -> const Licence& { return run.licences[rs[i].index]; };
  Columns c(rs.size());
  c.number("index", "int", [&](std::size_t i) { return I(static_cast<std::int64_t>(rs[i].index)); });
  c.text("tenant", "str", [&](std::size_t i) -> const std::string& { return l(i).tenant; });
  c.text("sku", "str", [&](std::size_t i) -> const std::string& { return l(i).sku; });
  c.number("seats", "int", [&](std::size_t i) { return I(l(i).seats); });
  c.number("auto_renew", "bool", [&](std::size_t i) { return I(l(i).auto_renew ? 1 : 0); });
  c.text("renewal_price", "money", [&](std::size_t i) { return amount(l(i).renewal_price); });
  c.text("currency", "str", [&](std::size_t i) { return currency(l(i).renewal_price); });
  c.text("status", "str", [&](std::size_t i) { return to_string(rs[i].term.status); });
  c.text("reason_code", "str", [&](std::size_t i) -> const std::string& { return rs[i].term.reason.code; });
  c.text("reason", "str", [&](std::size_t i) -> const std::string& { return rs[i].term.reason.text; });
  c.number("window_days", "int", [&](std::size_t i) { return I(rs[i].window_days); });
  c.number("term_end", "date", [&](std::size_t i) { return day_number(rs[i].term.end); });
  c.number("days_left", "int", [&](std::size_t i) { return rs[i].term.days_left; });
  return c.done();
}

std::vector<std::string_view> names_of(FieldNames names) { return {names.begin(), names.end()}; }

}  // namespace

void bind_vcio(py::module_& m) {
  m.attr("ASSET_FIELDS") = py::tuple(py::cast(names_of(kAssetFields)));
  m.attr("LICENCE_FIELDS") = py::tuple(py::cast(names_of(kLicenceFields)));
  m.attr("SERVICE_FIELDS") = py::tuple(py::cast(names_of(kServiceFields)));
  py::class_<LifecycleRun, std::shared_ptr<LifecycleRun>>(m, "_LifecycleRun")
      .def_property_readonly("as_of", [](const LifecycleRun& r) { return r.rows.as_of.time_since_epoch().count(); })
      .def_property_readonly("os_table_version", [](const LifecycleRun& r) { return r.rows.os_table_version; })
      .def("assets", &asset_columns)
      .def("licences", &licence_columns)
      .def("to_json", [](LifecycleRun& r) { return lifecycle_result_json(r.result(), r.assets, r.licences); });
  m.def(
      "_lifecycle",
      [](const py::handle& assets, const py::handle& licences, const py::handle& as_of, const std::string& policy_json,
         const std::string& os_table_json, const py::handle& service) {
        auto run = std::make_shared<LifecycleRun>();
        run->assets = records_of(assets, kAssetFields, "assets", read_asset);
        run->licences = records_of(licences, kLicenceFields, "licences", read_licence);
        run->service = records_of(service, kServiceFields, "service", read_service_record);
        const PyRecord as_of_value(as_of.ptr(), {}, "as_of");
        const auto day = FieldReader(as_of_value, {}, "as_of").date(Fields::kSelf);
        const LifecyclePolicy policy = lifecycle_policy_from_json(policy_json);
        if (os_table_json != "null") {
          run->table = std::make_unique<OsLifecycleTable>(
              OsLifecycleTable::shipped().with(OsLifecycleTable::from_json(os_table_json, "os_table")));
        }
        py::gil_scoped_release release;
        const OsLifecycleTable& table = run->table ? *run->table : OsLifecycleTable::shipped();
        run->rows = evaluate_asset_table(run->assets, day, policy, table, run->service);
        run->licence_result = evaluate_lifecycle({}, run->licences, day, policy, table);
        return run;
      },
      py::arg("assets"), py::arg("licences"), py::arg("as_of"), py::arg("policy_json"), py::arg("os_table_json"),
      py::arg("service"));
  m.def("_qbr_model_json", [](const std::string& request) {
    py::gil_scoped_release release;
    return qbr_model_json(request);
  });
  m.attr("QBR_MODEL_VERSION") = std::string(kQbrModelVersion);
  m.def("_qbr_period", [](const std::string& label) {  // (kind, first day, last day) as ISO dates
    const QbrPeriod p = parse_qbr_period(label);
    return py::make_tuple(p.month ? "month" : "quarter", format_date(p.first), format_date(p.last));
  });
  m.def("os_lifecycle_table_json", [] { return OsLifecycleTable::shipped().to_json(); });
  m.def("os_lifecycle_table_version", [] { return std::string(OsLifecycleTable::shipped_version()); });
}

}  // namespace mspcore::python
