// The decoders of assets and licences (the records layer, docs/records.md).
#include <mspcore/records/field_reader.hpp>
#include <mspcore/vcio/lifecycle_records.hpp>

#include <mspcore/money/rounding.hpp>

#include <string>

namespace mspcore {
inline namespace v1 {

namespace {

constexpr std::size_t operator+(AssetField f) { return static_cast<std::size_t>(f); }
constexpr std::size_t operator+(LicenceField f) { return static_cast<std::size_t>(f); }
constexpr std::size_t operator+(ServiceField f) { return static_cast<std::size_t>(f); }

constexpr std::int64_t kMaxMinutes = 366 * 24 * 60;  // one record never holds more than a year

// Reactive minutes: `minutes` as a whole number, or `hours` as an exact decimal that is a whole
// number of minutes (0.25 is 15). A float hours is refused: 0.1 is not exactly a tenth.
std::int64_t minutes_of(const FieldReader& r) {
  const std::size_t minutes = +ServiceField::minutes, hours = +ServiceField::hours;
  if (r.has(minutes) && r.has(hours)) {
    throw r.error(ErrorCode::INVALID_ARGUMENT, r.at(hours) + ": give minutes or hours, not both");
  }
  std::int64_t n = 0;
  std::size_t field = minutes;
  if (r.has(minutes)) {
    n = r.whole(minutes);
  } else if (r.has(hours)) {
    field = hours;
    if (r.fields().kind(hours) == FieldKind::Float) {
      const std::string v = r.fields().describe(hours);
      throw r.error(ErrorCode::INVALID_TYPE, r.at(hours) + ": " + v +
                                                 " is a binary floating-point number; hours must be exact: write it "
                                                 "as a string (\"" + v + "\") or give minutes");
    }
    const Decimal h = r.decimal(hours);
    const Decimal m = h * Decimal(60);
    if (h.sign() < 0 || m > Decimal(kMaxMinutes)) {
      throw r.error(ErrorCode::OUT_OF_RANGE, r.at(hours) + ": " + h.to_string() + " is outside 0..8784");
    }
    const Decimal whole = m.rescale(0, RoundingMode::Down);
    if (whole != m) {
      throw r.error(ErrorCode::INVALID_ARGUMENT,
                    r.at(hours) + ": " + h.to_string() + " hours is not a whole number of minutes (" + m.to_string() + ")");
    }
    return static_cast<std::int64_t>(whole.coefficient());
  }
  if (n < 0 || n > kMaxMinutes) {
    throw r.error(ErrorCode::OUT_OF_RANGE, r.at(field) + ": " + std::to_string(n) + " is outside 0.." + std::to_string(kMaxMinutes));
  }
  return n;
}

// An amount with the record's currency, never negative; none when the amount is missing.
std::optional<Money> money_of(const FieldReader& r, std::size_t amount, std::size_t currency) {
  if (!r.has(amount)) return std::nullopt;
  const Decimal value = r.decimal(amount);
  if (value.sign() < 0) {
    throw r.error(ErrorCode::INVALID_ARGUMENT, r.at(amount) + ": " + value.to_string() + " must be >= 0");
  }
  const Currency c = r.name(currency, [](std::string_view code) { return Currency::from_code(code); });
  return Money(value, c);
}

}  // namespace

Asset read_asset(const Fields& fields, std::size_t index) {
  using F = AssetField;
  FieldReader r = FieldReader::of_record(fields, kAssetFields, "assets", index);
  Asset a;
  a.id = r.required_text(+F::id);
  a.tenant = r.required_text(+F::tenant);
  r.rename([&a, index] {
    return record_where("assets", index) + " (tenant " + mspcore::quoted(a.tenant) + " asset " +
           mspcore::quoted(a.id) + ")";
  });
  a.type = r.name(+F::type, parse_asset_type);
  a.make = r.text_or_empty(+F::make);
  a.model = r.text_or_empty(+F::model);
  a.serial = r.text_or_empty(+F::serial);
  if (r.has(+F::purchase_date)) a.purchase_date = r.date(+F::purchase_date);
  if (r.has(+F::warranty_end)) a.warranty_end = r.date(+F::warranty_end);
  if (a.purchase_date && a.warranty_end && *a.warranty_end < *a.purchase_date) {
    throw r.error(ErrorCode::INVALID_ARGUMENT, r.at(+F::warranty_end) + ": " + format_date(*a.warranty_end) +
                                                   " is before purchase_date " + format_date(*a.purchase_date));
  }
  a.os = r.text_or_empty(+F::os);
  a.os_version = r.text_or_empty(+F::os_version);
  a.os_edition = r.text_or_empty(+F::os_edition);
  a.replacement_value = money_of(r, +F::replacement_value, +F::currency);
  a.criticality = r.name_or(+F::criticality, parse_asset_criticality, AssetCriticality::Unknown);
  return a;
}

ServiceRecord read_service_record(const Fields& fields, std::size_t index) {
  using F = ServiceField;
  FieldReader r = FieldReader::of_record(fields, kServiceFields, "service", index);
  ServiceRecord s;
  s.tenant = r.required_text(+F::tenant);
  s.asset_id = r.required_text(+F::asset_id);
  r.rename([&s, index] {
    return record_where("service", index) + " (tenant " + mspcore::quoted(s.tenant) + " asset " +
           mspcore::quoted(s.asset_id) + ")";
  });
  s.date = r.date(+F::date);
  s.kind = r.name_or(+F::kind, parse_service_kind, ServiceKind::Ticket);
  s.minutes = minutes_of(r);
  s.reactive = r.flag_or(+F::reactive, true);
  return s;
}

Licence read_licence(const Fields& fields, std::size_t index) {
  using F = LicenceField;
  FieldReader r = FieldReader::of_record(fields, kLicenceFields, "licences", index);
  Licence l;
  l.tenant = r.required_text(+F::tenant);
  l.sku = r.required_text(+F::sku);
  r.rename([&l, index] {
    return record_where("licences", index) + " (tenant " + mspcore::quoted(l.tenant) + " sku " +
           mspcore::quoted(l.sku) + ")";
  });
  l.seats = r.whole(+F::seats);
  if (l.seats < 0) {
    throw r.error(ErrorCode::INVALID_ARGUMENT, r.at(+F::seats) + ": " + std::to_string(l.seats) + " must be >= 0");
  }
  if (r.has(+F::term_end)) l.term_end = r.date(+F::term_end);
  l.renewal_price = money_of(r, +F::renewal_price, +F::currency);
  l.auto_renew = r.flag_or(+F::auto_renew, false);
  return l;
}

}  // namespace v1
}  // namespace mspcore
