// The decoders of initiatives and cost lines (the records layer, docs/records.md).
#include <mspcore/records/field_reader.hpp>
#include <mspcore/vcio/roadmap_records.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace mspcore {
inline namespace v1 {

namespace {

constexpr std::size_t operator+(InitiativeField f) { return static_cast<std::size_t>(f); }
constexpr std::size_t operator+(CostLineField f) { return static_cast<std::size_t>(f); }
constexpr std::size_t operator+(RoadmapCostField f) { return static_cast<std::size_t>(f); }

std::string trimmed(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return std::string(s);
}

// A list of ids, or one text "I-1, I-2" (what a CSV column holds).
std::vector<std::string> ids_of(const FieldReader& r, std::size_t field) {
  std::vector<std::string> out;
  if (!r.has(field)) return out;
  const Fields& f = r.fields();
  if (f.kind(field) == FieldKind::List) {
    for (std::size_t j = 0; j < f.size(field); ++j) {
      const std::string w = r.at(field) + "[" + std::to_string(j) + "]";
      const auto item = f.item(field, j, {}, w);
      out.push_back(FieldReader(*item, {}, w, r.row()).required_text(Fields::kSelf));
    }
    return out;
  }
  const std::string_view text = r.text(field);
  std::size_t from = 0;
  while (from <= text.size()) {
    const std::size_t comma = std::min(text.find(',', from), text.size());
    std::string id = trimmed(text.substr(from, comma - from));
    if (!id.empty()) out.push_back(std::move(id));
    from = comma + 1;
  }
  return out;
}

}  // namespace

namespace {

// The cost-line fields (numbered as in kCostLineFields, which open kRoadmapCostFields too)
// of the record `r` reads.
CostLine cost_line_of(const FieldReader& r) {
  using F = CostLineField;
  CostLine c;
  c.name = r.has(+F::name) ? std::string(r.text(+F::name)) : std::string();
  c.kind = r.name(+F::kind, parse_cost_kind);
  if (c.kind == CostKind::Recurring) {
    c.period = r.name(+F::period, parse_cost_period);
  } else if (r.has(+F::period)) {
    throw r.error(ErrorCode::INVALID_ARGUMENT, r.at(+F::period) + ": a one_time cost has no period");
  }
  c.basis = r.name_or(+F::basis, parse_cost_basis, CostBasis::Flat);
  const Decimal amount = r.decimal(+F::amount);
  if (amount.sign() < 0) {
    throw r.error(ErrorCode::INVALID_ARGUMENT, r.at(+F::amount) + ": " + amount.to_string() + " must be >= 0");
  }
  c.amount = Money(amount, r.name(+F::currency, [](std::string_view code) { return Currency::from_code(code); }));
  if (c.basis == CostBasis::PerAsset) {
    c.count = r.whole(+F::count);
    if (c.count < 0) {
      throw r.error(ErrorCode::INVALID_ARGUMENT, r.at(+F::count) + ": " + std::to_string(c.count) + " must be >= 0");
    }
  } else if (r.whole_or(+F::count, 1) != 1) {
    throw r.error(ErrorCode::INVALID_ARGUMENT,
                  r.at(+F::count) + ": a flat cost has no count (use basis per_asset for amount x count)");
  }
  c.category = r.name(+F::category, parse_cost_category);
  return c;
}

}  // namespace

CostLine read_cost_line(const Fields& fields, const std::string& where, std::int64_t row) {
  if (fields.kind(Fields::kSelf) != FieldKind::Object) {
    throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected a cost line object, got " + fields.describe(Fields::kSelf),
                row);
  }
  return cost_line_of(FieldReader(fields, kCostLineFields, where, row));
}

RoadmapCost read_roadmap_cost(const Fields& fields, std::size_t index) {
  using F = RoadmapCostField;
  // Named only when an error needs it: a cost-lines table has a row per cost line.
  FieldReader r = FieldReader::of_record(fields, kRoadmapCostFields, "costs", index);
  RoadmapCost out;
  out.tenant = r.required_text(+F::tenant);
  out.initiative = r.required_text(+F::initiative);
  r.rename(std::function<std::string()>([&out, index] {
    return record_where("costs", index) + " (tenant " + mspcore::quoted(out.tenant) + " initiative " + mspcore::quoted(out.initiative) + ")";
  }));
  out.line = cost_line_of(r);
  return out;
}

void attach_costs(std::vector<Initiative>& initiatives, std::vector<RoadmapCost> costs) {
  if (costs.empty()) return;
  std::unordered_map<std::string_view, std::unordered_map<std::string_view, std::size_t>> by_id;  // tenant -> id -> index
  for (std::size_t i = 0; i < initiatives.size(); ++i) by_id[initiatives[i].tenant].try_emplace(initiatives[i].id, i);
  for (std::size_t k = 0; k < costs.size(); ++k) {
    RoadmapCost& c = costs[k];
    const auto tenant = by_id.find(c.tenant);
    const auto it = tenant == by_id.end() ? decltype(tenant->second.end()){} : tenant->second.find(c.initiative);
    if (tenant == by_id.end() || it == tenant->second.end()) {
      throw Error(ErrorCode::INVALID_ARGUMENT,
                  record_where("costs", k) + ": unknown initiative " + mspcore::quoted(c.initiative) + " (tenant " + mspcore::quoted(c.tenant) + ")",
                  static_cast<std::int64_t>(k));
    }
    initiatives[it->second].costs.push_back(std::move(c.line));
  }
}

Initiative read_initiative(const Fields& fields, std::size_t index) {
  using F = InitiativeField;
  const auto row = static_cast<std::int64_t>(index);
  FieldReader r(fields, kInitiativeFields, record_where("initiatives", index), row);
  Initiative x;
  x.id = r.required_text(+F::id);
  x.tenant = r.required_text(+F::tenant);
  x.where = record_where("initiatives", index) + " (tenant " + mspcore::quoted(x.tenant) + " initiative " + mspcore::quoted(x.id) + ")";
  r.rename(x.where);
  x.title = r.has(+F::title) ? std::string(r.text(+F::title)) : std::string();
  x.quarter = r.name(+F::quarter, parse_quarter);
  x.priority = r.whole_or(+F::priority, 3);
  if (x.priority < 1 || x.priority > 5) {
    throw r.error(ErrorCode::OUT_OF_RANGE, r.at(+F::priority) + ": " + std::to_string(x.priority) + " is outside 1..5");
  }
  x.status = r.name(+F::status, parse_initiative_status);
  x.depends_on = ids_of(r, +F::depends_on);
  if (r.has(+F::costs)) {
    if (fields.kind(+F::costs) != FieldKind::List) {
      throw r.error(ErrorCode::INVALID_ARGUMENT,
                    r.at(+F::costs) + ": expected a list of cost lines, got " + fields.describe(+F::costs));
    }
    for (std::size_t j = 0; j < fields.size(+F::costs); ++j) {
      const std::string w = r.at(+F::costs) + "[" + std::to_string(j) + "]";
      x.costs.push_back(read_cost_line(*fields.item(+F::costs, j, kCostLineFields, w), w, row));
    }
  }
  return x;
}

}  // namespace v1
}  // namespace mspcore
