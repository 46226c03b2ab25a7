// The decoders of the matrix and routing documents: their lists go through the records'
// own decoders (docs/comanaged-raci.md).
#include <mspcore/comanaged/raci.hpp>
#include <mspcore/records/field_reader.hpp>

#include <memory>

namespace mspcore {
inline namespace v1 {

namespace {

enum class MatrixField : std::size_t { parties, lanes, cells };
enum class RoutingField : std::size_t { rules, queues, default_lane };
constexpr std::size_t operator+(MatrixField f) { return static_cast<std::size_t>(f); }
constexpr std::size_t operator+(RoutingField f) { return static_cast<std::size_t>(f); }

// List `field` of the document (absent: none), each item through `read`; `records`: the items
// must be objects of `names` (else they are texts).
template <class Read>
auto list_of(const FieldReader& r, std::size_t field, const char* table, FieldNames names, bool records, Read read) {
  std::vector<decltype(read(std::declval<const Fields&>(), std::size_t{0}))> out;
  const Fields& f = r.fields();
  if (!r.has(field)) return out;
  if (f.kind(field) != FieldKind::List) {
    throw r.error(ErrorCode::INVALID_ARGUMENT, r.at(field) + ": expected a list, got " + f.describe(field));
  }
  const std::size_t n = f.size(field);
  out.reserve(n);
  for (std::size_t j = 0; j < n; ++j) {
    const std::string where = record_where(table, j);
    const std::unique_ptr<Fields> item = f.item(field, j, names, where);
    if (records && item->kind(Fields::kSelf) != FieldKind::Object) {
      throw not_a_record(where, item->describe(Fields::kSelf), static_cast<std::int64_t>(j));
    }
    out.push_back(read(*item, j));
  }
  return out;
}

}  // namespace

RaciMatrix read_raci_matrix(const Fields& document, const std::string& where) {
  if (document.kind(Fields::kSelf) != FieldKind::Object) throw not_a_record(where, document.describe(Fields::kSelf));
  const FieldReader r(document, kRaciMatrixFields, where);
  RaciMatrix m;
  m.parties = list_of(r, +MatrixField::parties, "parties", kRaciPartyFields, true, read_raci_party);
  if (r.has(+MatrixField::lanes)) {
    m.lanes = list_of(r, +MatrixField::lanes, "lanes", {}, false, read_raci_lane);
    // [] would leave every tenant without lanes to check: more likely a mistake than meant.
    if (m.lanes.empty()) {
      throw r.error(ErrorCode::INVALID_ARGUMENT,
                    r.at(+MatrixField::lanes) + " is empty (leave it out for the default lanes)");
    }
  } else {
    m.lanes.assign(kRaciDefaultLanes.begin(), kRaciDefaultLanes.end());
  }
  m.cells = list_of(r, +MatrixField::cells, "cells", kRaciCellFields, true, read_raci_cell);
  return m;
}

RaciRouting read_raci_routing(const Fields& document, const std::string& where) {
  if (document.kind(Fields::kSelf) != FieldKind::Object) throw not_a_record(where, document.describe(Fields::kSelf));
  const FieldReader r(document, kRaciRoutingFields, where);
  RaciRouting routing;
  routing.rules = list_of(r, +RoutingField::rules, "rules", kRaciRuleFields, true, read_raci_rule);
  routing.queues = list_of(r, +RoutingField::queues, "queues", kRaciQueueFields, true, read_raci_queue);
  if (r.has(+RoutingField::default_lane)) routing.default_lane = r.required_text(+RoutingField::default_lane);
  raci_check_routing(routing);
  return routing;
}

}  // namespace v1
}  // namespace mspcore
