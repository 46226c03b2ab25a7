// The decoders of the routing's records: category rules and the parties' queues
// (docs/comanaged-raci.md).
#include <mspcore/comanaged/raci_records.hpp>
#include <mspcore/records/field_reader.hpp>

namespace mspcore {
inline namespace v1 {

namespace {

constexpr std::size_t operator+(RaciRuleField f) { return static_cast<std::size_t>(f); }
constexpr std::size_t operator+(RaciQueueField f) { return static_cast<std::size_t>(f); }

// An optional tenant may not be "": that would read as "every tenant" by accident.
std::string optional_tenant(const FieldReader& r, std::size_t field) {
  return r.has(field) ? r.required_text(field) : std::string();
}

}  // namespace

RaciRule read_raci_rule(const Fields& fields, std::size_t index) {
  using F = RaciRuleField;
  FieldReader r = FieldReader::of_record(fields, kRaciRuleFields, "rules", index);
  RaciRule rule;
  rule.category = r.required_text(+F::category);
  // '*' only as the last character: "net*" is a prefix, "n*t" would promise a glob we do not do.
  if (const auto star = rule.category.find('*'); star != std::string::npos && star + 1 != rule.category.size()) {
    throw r.error(ErrorCode::INVALID_ARGUMENT,
                  r.at(+F::category) + ": " + mspcore::quoted(rule.category) + " has a '*' that is not its last character");
  }
  rule.lane = r.required_text(+F::lane);
  rule.tenant = optional_tenant(r, +F::tenant);
  return rule;
}

RaciQueue read_raci_queue(const Fields& fields, std::size_t index) {
  using F = RaciQueueField;
  FieldReader r = FieldReader::of_record(fields, kRaciQueueFields, "queues", index);
  RaciQueue q;
  q.party = r.required_text(+F::party);
  q.queue = r.required_text(+F::queue);
  q.tenant = optional_tenant(r, +F::tenant);
  return q;
}

}  // namespace v1
}  // namespace mspcore
