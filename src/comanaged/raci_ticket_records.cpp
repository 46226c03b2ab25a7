// The decoder of tickets as routing and the owner check read them (docs/comanaged-raci.md).
#include <mspcore/comanaged/raci_records.hpp>
#include <mspcore/records/field_reader.hpp>

namespace mspcore {
inline namespace v1 {

namespace {

constexpr std::size_t operator+(RaciTicketField f) { return static_cast<std::size_t>(f); }

}  // namespace

RaciTicket read_raci_ticket(const Fields& fields, std::size_t index) {
  using F = RaciTicketField;
  FieldReader r = FieldReader::of_record(fields, kRaciTicketFields, "tickets", index);
  RaciTicket t;
  t.tenant = r.required_text(+F::tenant);
  t.id = r.required_text(+F::id);
  r.rename(record_where("tickets", index) + " (tenant " + mspcore::quoted(t.tenant) + " ticket " + mspcore::quoted(t.id) + ")");
  // "" is read as missing: ticket exports write empty cells for "not set".
  t.category = r.text_or_empty(+F::category);
  t.lane = r.text_or_empty(+F::lane);
  t.owner = r.text_or_empty(+F::owner);
  return t;
}

}  // namespace v1
}  // namespace mspcore
