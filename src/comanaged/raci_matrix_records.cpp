// The decoders of the matrix's records: parties, lanes and cells (docs/comanaged-raci.md).
#include <mspcore/comanaged/raci_records.hpp>
#include <mspcore/records/field_reader.hpp>

namespace mspcore {
inline namespace v1 {

namespace {

constexpr std::size_t operator+(RaciPartyField f) { return static_cast<std::size_t>(f); }
constexpr std::size_t operator+(RaciCellField f) { return static_cast<std::size_t>(f); }

}  // namespace

RaciParty read_raci_party(const Fields& fields, std::size_t index) {
  using F = RaciPartyField;
  FieldReader r = FieldReader::of_record(fields, kRaciPartyFields, "parties", index);
  RaciParty p;
  p.id = r.required_text(+F::id);
  r.rename(record_where("parties", index) + " (party " + mspcore::quoted(p.id) + ")");
  p.kind = r.name(+F::kind, parse_raci_party_kind);
  return p;
}

std::string read_raci_lane(const Fields& fields, std::size_t index) {
  // A lane is a bare text in its list, read as the record itself.
  return FieldReader::of_record(fields, {}, "lanes", index).required_text(Fields::kSelf);
}

RaciCell read_raci_cell(const Fields& fields, std::size_t index) {
  using F = RaciCellField;
  FieldReader r = FieldReader::of_record(fields, kRaciCellFields, "cells", index);
  RaciCell c;
  c.tenant = r.required_text(+F::tenant);
  c.lane = r.required_text(+F::lane);
  c.party = r.required_text(+F::party);
  r.rename(record_where("cells", index) + " (tenant " + mspcore::quoted(c.tenant) + " lane " + mspcore::quoted(c.lane) + " party " +
           mspcore::quoted(c.party) + ")");
  c.raci = std::string(r.text(+F::raci));  // empty or odd letters: validation names them with the others
  return c;
}

}  // namespace v1
}  // namespace mspcore
