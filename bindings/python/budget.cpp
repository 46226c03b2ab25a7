// Thin glue for budget(): the roadmap (initiatives and, optionally, a cost-lines table), the
// contract lines and the options are read by the records layer's decoders
// (mspcore/vcio/roadmap_records.hpp), the core computes, and the result goes back as typed
// columns {name: (kind, ...)} that python/mspcore/budget.py turns into dicts or DataFrames,
// or as the C ABI's JSON document. Hundreds of thousands of lines never pass through a JSON
// text or per-row Python objects unless asked for.
#include "bindings.hpp"
#include "py_fields.hpp"
#include "vcio_glue.hpp"

#include <mspcore/contract/trueup_records.hpp>
#include <mspcore/records/field_reader.hpp>
#include <mspcore/vcio/roadmap_records.hpp>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mspcore::python {
namespace {

struct BudgetRun {
  BudgetResult result;
};

using Codes = py::array_t<std::int32_t>;
using Ints = py::array_t<std::int64_t>;

// The distinct texts of a column, each one Python str; rows hold their code. Keys view the
// result's own strings, which outlive the call.
class Dictionary {
 public:
  std::int32_t code(std::string_view v) {
    const auto [it, fresh] = index_.try_emplace(v, static_cast<std::int32_t>(index_.size()));
    if (fresh) values_.append(py::str(v.data(), v.size()));
    return it->second;
  }
  py::tuple column(const Codes& codes, const char* kind = "str") const { return py::make_tuple(kind, codes, values_); }

 private:
  std::unordered_map<std::string_view, std::int32_t> index_;
  py::list values_;
};

// Exact amounts keyed by (coefficient, scale), each distinct one formatted once: hashed as
// int64 when the coefficient fits (always, for real amounts), else by its text.
class AmountDictionary {
 public:
  std::int32_t code(const Decimal& d) {
    const auto next = static_cast<std::int32_t>(small_.size() + large_.size());
    const std::int32_t c = fits(d) ? small_.try_emplace({d.coefficient().convert_to<std::int64_t>(), d.scale()}, next).first->second
                                   : large_.try_emplace(d.to_string(), next).first->second;
    if (c == next) values_.append(py::str(d.to_string()));
    return c;
  }
  py::tuple column(const Codes& codes) const { return py::make_tuple("money", codes, values_); }

  static bool fits(const Decimal& d) {
    static const Coefficient smallest = std::numeric_limits<std::int64_t>::min();
    static const Coefficient largest = std::numeric_limits<std::int64_t>::max();
    return d.coefficient() >= smallest && d.coefficient() <= largest;
  }

 private:
  struct Hash {
    std::size_t operator()(const std::pair<std::int64_t, int>& k) const noexcept {
      const std::uint64_t x = static_cast<std::uint64_t>(k.first) * 0x9E3779B97F4A7C15ULL ^ static_cast<std::uint64_t>(k.second);
      return static_cast<std::size_t>(x ^ (x >> 31));
    }
  };
  std::unordered_map<std::pair<std::int64_t, int>, std::int32_t, Hash> small_;
  std::unordered_map<std::string, std::int32_t> large_;
  py::list values_;
};

// Amounts at the currency's minor units as ("minor", int64 units, scale): the amounts of
// lines and totals always are; else (never in practice) dictionary-encoded decimal text.
template <class Get>
py::tuple amount_column(std::size_t n, int scale, Get get) {
  Ints units(static_cast<py::ssize_t>(n));
  auto* u = units.mutable_data();
  for (std::size_t i = 0; i < n; ++i) {
    const Decimal& d = get(i);
    if (d.scale() != scale || !AmountDictionary::fits(d)) {
      AmountDictionary texts;
      Codes codes(static_cast<py::ssize_t>(n));
      for (std::size_t k = 0; k < n; ++k) codes.mutable_data()[k] = texts.code(get(k));
      return texts.column(codes);
    }
    u[i] = d.coefficient().convert_to<std::int64_t>();
  }
  return py::make_tuple("minor", units, scale);
}

// An enum's names as a fixed dictionary: the code is the value.
template <class Enum>
py::list names_of(int n) {
  py::list out;
  for (int i = 0; i < n; ++i) out.append(py::str(std::string(to_string(static_cast<Enum>(i)))));
  return out;
}

int minor_units(const BudgetResult& b) { return b.currency ? b.currency->minor_units() : 2; }

// The fiscal years and quarters of the horizon, coded (fy - first) and (fy - first) * 4 + q - 1.
py::list year_names(const BudgetResult& b) {
  py::list out;
  for (int y = 0; y < b.options.years; ++y) out.append(fiscal_year_name(b.first_fiscal_year + y));
  return out;
}
py::list quarter_names(const BudgetResult& b) {
  py::list out;
  for (int y = 0; y < b.options.years; ++y) {
    for (int q = 1; q <= 4; ++q) out.append(fiscal_quarter_name(b.first_fiscal_year + y, q));
  }
  return out;
}

py::dict line_columns(const BudgetResult& b) {
  const std::vector<BudgetLine>& ls = b.lines;
  const auto n = static_cast<py::ssize_t>(ls.size());
  Codes tenant(n), initiative(n), name(n), status(n), approval(n), kind(n), period(n), basis(n), category(n),
      unit(n), year(n), quarter(n);
  Ints cost(n), count(n);
  Dictionary tenants, ids, names;
  AmountDictionary units;
  // Lines come by initiative and cost: their codes are looked up once per initiative and cost.
  std::size_t last_x = static_cast<std::size_t>(-1), last_c = 0;
  std::int32_t t = 0, id = 0, nm = 0, u = 0;
  for (py::ssize_t k = 0; k < n; ++k) {
    const BudgetLine& l = ls[static_cast<std::size_t>(k)];
    const Initiative& x = b.initiatives[l.initiative];
    const CostLine& c = x.costs[l.cost];
    if (l.initiative != last_x) {
      t = tenants.code(x.tenant);
      id = ids.code(x.id);
    }
    if (l.initiative != last_x || l.cost != last_c) {
      nm = names.code(c.name);
      u = units.code(c.amount.amount());
      last_x = l.initiative;
      last_c = l.cost;
    }
    tenant.mutable_data()[k] = t;
    initiative.mutable_data()[k] = id;
    name.mutable_data()[k] = nm;
    status.mutable_data()[k] = static_cast<std::int32_t>(x.status);
    approval.mutable_data()[k] = is_approved(x.status) ? 0 : 1;
    kind.mutable_data()[k] = static_cast<std::int32_t>(c.kind);
    period.mutable_data()[k] = c.kind == CostKind::Recurring ? static_cast<std::int32_t>(c.period) : -1;
    basis.mutable_data()[k] = static_cast<std::int32_t>(c.basis);
    category.mutable_data()[k] = static_cast<std::int32_t>(c.category);
    unit.mutable_data()[k] = u;
    cost.mutable_data()[k] = static_cast<std::int64_t>(l.cost);
    count.mutable_data()[k] = c.count;
    year.mutable_data()[k] = l.fiscal_year - b.first_fiscal_year;
    quarter.mutable_data()[k] = (l.fiscal_year - b.first_fiscal_year) * 4 + l.fiscal_quarter - 1;
  }
  py::list approvals;
  approvals.append("approved");
  approvals.append("proposed");
  py::dict out;
  out["tenant"] = tenants.column(tenant);
  out["initiative"] = ids.column(initiative);
  out["cost"] = py::make_tuple("int", cost);
  out["name"] = names.column(name);
  out["status"] = py::make_tuple("str", status, names_of<InitiativeStatus>(5));
  out["approval"] = py::make_tuple("str", approval, approvals);
  out["kind"] = py::make_tuple("str", kind, names_of<CostKind>(2));
  out["period"] = py::make_tuple("str", period, names_of<CostPeriod>(3));
  out["basis"] = py::make_tuple("str", basis, names_of<CostBasis>(2));
  out["category"] = py::make_tuple("str", category, names_of<CostCategory>(2));
  out["unit_amount"] = units.column(unit);
  out["count"] = py::make_tuple("int", count);
  out["fiscal_year"] = py::make_tuple("str", year, year_names(b));
  out["fiscal_quarter"] = py::make_tuple("str", quarter, quarter_names(b));
  out["amount"] = amount_column(ls.size(), minor_units(b), [&](std::size_t i) -> const Decimal& { return ls[i].amount; });
  return out;
}

py::dict total_columns(const BudgetResult& b, const std::vector<BudgetTotals>& ts, bool quarters) {
  const auto n = static_cast<py::ssize_t>(ts.size());
  Codes tenant(n), year(n), quarter(n);
  Dictionary tenants;
  for (py::ssize_t k = 0; k < n; ++k) {
    const BudgetTotals& t = ts[static_cast<std::size_t>(k)];
    tenant.mutable_data()[k] = tenants.code(t.tenant);
    year.mutable_data()[k] = t.fiscal_year - b.first_fiscal_year;
    quarter.mutable_data()[k] = (t.fiscal_year - b.first_fiscal_year) * 4 + t.fiscal_quarter - 1;
  }
  py::dict out;
  out["tenant"] = tenants.column(tenant);
  out["fiscal_year"] = py::make_tuple("str", year, year_names(b));
  if (quarters) out["fiscal_quarter"] = py::make_tuple("str", quarter, quarter_names(b));
  const int scale = minor_units(b);
  const auto sum = [&](const char* key, Decimal BudgetTotals::*field) {
    out[key] = amount_column(ts.size(), scale, [&](std::size_t i) -> const Decimal& { return ts[i].*field; });
  };
  sum("capex", &BudgetTotals::capex);
  sum("opex", &BudgetTotals::opex);
  sum("one_time", &BudgetTotals::one_time);
  sum("recurring", &BudgetTotals::recurring);
  sum("approved", &BudgetTotals::approved);
  sum("proposed", &BudgetTotals::proposed);
  sum("total", &BudgetTotals::total);
  return out;
}

py::dict initiative_columns(const BudgetResult& b) {
  const std::vector<Initiative>& xs = b.initiatives;
  const auto n = static_cast<py::ssize_t>(xs.size());
  Codes id(n), tenant(n), title(n), quarter(n), status(n), source(n);
  Ints index(n), priority(n);
  Dictionary ids, tenants, titles, sources;
  std::vector<std::string> quarter_texts(xs.size());  // views of them are dictionary keys
  Dictionary quarters;
  py::list depends_on;
  for (py::ssize_t k = 0; k < n; ++k) {
    const auto i = static_cast<std::size_t>(k);
    const Initiative& x = xs[i];
    index.mutable_data()[k] = k;
    id.mutable_data()[k] = ids.code(x.id);
    tenant.mutable_data()[k] = tenants.code(x.tenant);
    title.mutable_data()[k] = titles.code(x.title);
    quarter_texts[i] = to_string(x.quarter);
    quarter.mutable_data()[k] = quarters.code(quarter_texts[i]);
    priority.mutable_data()[k] = x.priority;
    status.mutable_data()[k] = static_cast<std::int32_t>(x.status);
    source.mutable_data()[k] = sources.code(x.source);
    depends_on.append(py::cast(x.depends_on));
  }
  py::dict out;
  out["index"] = py::make_tuple("int", index);
  out["id"] = ids.column(id);
  out["tenant"] = tenants.column(tenant);
  out["title"] = titles.column(title);
  out["quarter"] = quarters.column(quarter);
  out["priority"] = py::make_tuple("int", priority);
  out["status"] = py::make_tuple("str", status, names_of<InitiativeStatus>(5));
  out["source"] = sources.column(source);
  out["depends_on"] = py::make_tuple("list", depends_on);
  return out;
}

py::dict finding_columns(const BudgetResult& b) {
  const std::vector<RoadmapFinding>& fs = b.findings;
  const auto n = static_cast<py::ssize_t>(fs.size());
  Codes code(n), tenant(n), initiative(n), text(n);
  Dictionary codes, tenants, initiatives, texts;
  for (py::ssize_t k = 0; k < n; ++k) {
    const RoadmapFinding& f = fs[static_cast<std::size_t>(k)];
    code.mutable_data()[k] = codes.code(f.code);
    tenant.mutable_data()[k] = tenants.code(f.tenant);
    initiative.mutable_data()[k] = initiatives.code(f.initiative);
    text.mutable_data()[k] = texts.code(f.text);
  }
  py::dict out;
  out["code"] = codes.column(code);
  out["tenant"] = tenants.column(tenant);
  out["initiative"] = initiatives.column(initiative);
  out["text"] = texts.column(text);
  return out;
}

py::object or_none(bool present, const std::string& value) { return present ? py::object(py::str(value)) : py::none(); }

}  // namespace

void bind_budget(py::module_& m) {
  const auto names = [](FieldNames f) { return py::tuple(py::cast(std::vector<std::string_view>(f.begin(), f.end()))); };
  m.attr("INITIATIVE_FIELDS") = names(kInitiativeFields);
  m.attr("COST_LINE_FIELDS") = names(kCostLineFields);
  m.attr("ROADMAP_COST_FIELDS") = names(kRoadmapCostFields);
  py::class_<BudgetRun, std::shared_ptr<BudgetRun>>(m, "_BudgetRun")
      .def_property_readonly("currency",
                             [](const BudgetRun& r) {
                               const auto& c = r.result.currency;
                               return or_none(c.has_value(), c ? std::string(c->code()) : std::string());
                             })
      .def_property_readonly("first_fiscal_year",
                             [](const BudgetRun& r) {
                               const int fy = r.result.first_fiscal_year;
                               return or_none(fy != 0, fy != 0 ? fiscal_year_name(fy) : std::string());
                             })
      .def_property_readonly("fiscal_year_start", [](const BudgetRun& r) { return r.result.options.fiscal_year_start; })
      .def_property_readonly("years", [](const BudgetRun& r) { return r.result.options.years; })
      .def_property_readonly("price_increase", [](const BudgetRun& r) { return r.result.options.price_increase.to_string(); })
      .def_property_readonly("rounding", [](const BudgetRun& r) { return std::string(to_string(r.result.options.rounding)); })
      .def("lines", [](const BudgetRun& r) { return line_columns(r.result); })
      .def("quarters", [](const BudgetRun& r) { return total_columns(r.result, r.result.quarters, true); })
      .def("fiscal_years", [](const BudgetRun& r) { return total_columns(r.result, r.result.fiscal_years, false); })
      .def("initiatives", [](const BudgetRun& r) { return initiative_columns(r.result); })
      .def("findings", [](const BudgetRun& r) { return finding_columns(r.result); })
      .def("to_json", [](const BudgetRun& r) { return budget_result_json(r.result); });
  m.def(
      "_budget",
      [](const py::handle& roadmap, const py::handle& costs, const py::object& lifecycle, const py::handle& contracts,
         const py::handle& options) {
        std::vector<Initiative> initiatives = records_of(roadmap, kInitiativeFields, "initiatives", read_initiative);
        attach_costs(initiatives, records_of(costs, kRoadmapCostFields, "costs", read_roadmap_cost));
        const std::vector<ContractLine> lines = records_of(contracts, kContractLineFields, "contracts", read_contract_line);
        const BudgetOptions o = read_budget_options(PyRecord(options.ptr(), kBudgetRequestFields, "budget"));
        const std::shared_ptr<LifecycleRun> lc =
            lifecycle.is_none() ? nullptr : lifecycle.cast<std::shared_ptr<LifecycleRun>>();
        const LifecycleResult* lifecycle_result = lc ? &lc->result() : nullptr;  // expanded with the GIL held
        auto run = std::make_shared<BudgetRun>();
        {
          py::gil_scoped_release release;
          static const std::vector<Asset> none;
          run->result = compute_budget(std::move(initiatives), lifecycle_result, lc ? lc->assets : none, lines, o);
        }
        return run;
      },
      py::arg("roadmap"), py::arg("costs"), py::arg("lifecycle"), py::arg("contracts"), py::arg("options"));
}

}  // namespace mspcore::python
