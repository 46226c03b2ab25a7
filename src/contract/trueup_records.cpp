#include <mspcore/contract/trueup_records.hpp>

#include <mspcore/records/field_reader.hpp>

#include "contract/trueup_detail.hpp"

#include <string>
#include <utility>

namespace mspcore {
inline namespace v1 {

namespace {

constexpr std::size_t operator+(ContractLineField f) { return static_cast<std::size_t>(f); }
constexpr std::size_t operator+(ObservationField f) { return static_cast<std::size_t>(f); }

// unit_price may name its own currency ("EUR 12.50"); it must then agree with `currency`.
Money unit_price_of(const FieldReader& r) {
  using F = ContractLineField;
  const Currency currency = r.name(+F::currency, [](std::string_view code) { return Currency::from_code(code); });
  if (r.has(+F::unit_price) && r.fields().kind(+F::unit_price) == FieldKind::Text) {
    const std::string_view text = r.fields().text(+F::unit_price);
    if (const auto space = text.find(' '); space != std::string_view::npos) {
      const Currency own = [&] {
        try {
          return Currency::from_code(text.substr(0, space));
        } catch (const Error& e) {
          throw r.error(e.code(), r.at(+F::unit_price) + ": " + e.what());
        }
      }();
      if (!(own == currency)) {
        throw r.error(ErrorCode::CURRENCY_MISMATCH, r.where() + ": two currencies in one line: unit_price " +
                                                         quoted(text) + " but currency " + quoted(currency.code()));
      }
      try {
        return Money(Decimal::parse(text.substr(space + 1)), currency);
      } catch (const Error& e) {
        throw r.error(e.code(), r.at(+F::unit_price) + ": " + e.what());
      }
    }
  }
  return Money(r.decimal(+F::unit_price), currency);
}

BillableUnit unit_of(const Fields& item, const std::string& where, std::int64_t row) {
  const FieldReader u(item, kBillableUnitFields, where, row);
  if (item.kind(Fields::kSelf) == FieldKind::Text) return BillableUnit{std::string(item.text(Fields::kSelf))};
  if (item.kind(Fields::kSelf) != FieldKind::Object) {
    throw u.error(ErrorCode::INVALID_ARGUMENT,
                  where + ": expected an identity or an object, got " + item.describe(Fields::kSelf));
  }
  return BillableUnit{std::string(u.text(0)), u.flag_or(1, false), u.flag_or(2, false), u.flag_or(3, false),
                      u.flag_or(4, false)};
}

}  // namespace

ContractLine read_contract_line(const Fields& fields, std::size_t index) {
  using F = ContractLineField;
  FieldReader r = FieldReader::of_record(fields, kContractLineFields, "contracts", index);
  ContractLine l;
  l.tenant = r.text(+F::tenant);
  l.contract_id = r.text(+F::contract_id);
  l.line_id = r.text(+F::line_id);
  l.sku = r.text(+F::sku);
  r.rename([&l, index] { return describe_line(l, index); });  // from here on errors say which line
  l.quantity = r.whole(+F::quantity);
  l.unit_price = unit_price_of(r);
  l.billing_period = r.name_or(+F::billing_period, parse_billing_period, BillingPeriod::Monthly);
  l.billing_mode = r.name_or(+F::billing_mode, parse_billing_mode, BillingMode::Advance);
  l.term_start = r.date(+F::term_start);
  if (r.has(+F::term_end)) l.term_end = r.date(+F::term_end);
  l.term_kind = r.name_or(+F::term_kind, parse_term_kind, TermKind::Flexible);
  l.proration = r.name_or(+F::proration, parse_proration_convention, ProrationConvention::Actual);
  l.commitment_minimum = r.whole_or(+F::commitment_minimum, 0);
  l.true_down = r.name_or(+F::true_down, parse_true_down_policy, TrueDownPolicy::Immediate);
  l.tolerance.units = r.whole_or(+F::tolerance_units, 0);
  if (r.has(+F::tolerance_percent)) l.tolerance.percent = r.decimal(+F::tolerance_percent);
  validate(l, index);
  return l;
}

Observation read_observation(const Fields& fields, std::size_t index) {
  using F = ObservationField;
  const FieldReader r = FieldReader::of_record(fields, kObservationFields, "observations", index);
  Observation o;
  o.tenant = r.text(+F::tenant);
  o.sku = r.text(+F::sku);
  o.source = r.name(+F::source, parse_observation_source);
  o.as_of = r.instant(+F::as_of);
  if (r.has(+F::units)) {
    if (fields.kind(+F::units) != FieldKind::List) {
      throw r.error(ErrorCode::INVALID_ARGUMENT, r.at(+F::units) + ": expected a list of identities or objects, got " +
                                                     fields.describe(+F::units));
    }
    o.units.emplace();
    const std::size_t n = fields.size(+F::units);
    o.units->reserve(n);
    for (std::size_t j = 0; j < n; ++j) {
      const std::string where = r.at(+F::units) + "[" + std::to_string(j) + "]";
      o.units->push_back(unit_of(*fields.item(+F::units, j, kBillableUnitFields, where), where, r.row()));
    }
  }
  // With unit detail the quantity may be left out: it is then the number of units.
  o.quantity = o.units && !r.has(+F::quantity) ? static_cast<std::int64_t>(o.units->size()) : r.whole(+F::quantity);
  return o;
}

}  // namespace v1
}  // namespace mspcore
