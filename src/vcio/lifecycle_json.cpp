// The JSON forms of lifecycle: the policy, the request of msp_lifecycle_evaluate_json and its
// result document (one flat record per asset and licence, the same keys as Python's records).
#include <mspcore/core/error.hpp>
#include <mspcore/records/field_reader.hpp>
#include <mspcore/vcio/lifecycle_records.hpp>

#include "core/json_util.hpp"
#include "records/json_fields.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <string>

namespace mspcore {
inline namespace v1 {

namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 6> kRequestFields = {"as_of",   "assets", "licences",
                                                            "service", "policy", "os_table"};
constexpr std::array<std::string_view, 2> kMoneyFields = {"amount", "currency"};

std::string type_names(const char* extra) {
  std::string out;
  for (std::size_t i = 0; i < kAssetTypeCount; ++i) out += (i ? ", " : "") + std::string(to_string(static_cast<AssetType>(i)));
  return out + extra;
}

AssetType type_key(const std::string& key, const std::string& where, const char* extra) {
  for (std::size_t i = 0; i < kAssetTypeCount; ++i) {
    if (to_string(static_cast<AssetType>(i)) == key) return static_cast<AssetType>(i);
  }
  throw Error(ErrorCode::INVALID_ARGUMENT,
              where + ": unknown asset type " + quoted(key) + " (known: " + type_names(extra) + ")");
}
AssetType type_key(const std::string& key, const std::string& where, bool with_extra) {
  return type_key(key, where, with_extra ? ", licence, default" : "");
}

std::int64_t whole_in(const json& v, const std::string& where, std::int64_t lo, std::int64_t hi) {
  if (!v.is_number_integer()) throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected a whole number, got " + v.dump());
  const std::int64_t n = v.get<std::int64_t>();
  if (n < lo || n > hi) {
    throw Error(ErrorCode::OUT_OF_RANGE,
                where + ": " + std::to_string(n) + " is outside " + std::to_string(lo) + ".." + std::to_string(hi));
  }
  return n;
}

const json& object_or_empty(const json& doc, const char* key, const std::string& where) {
  static const json empty = json::object();
  if (!doc.contains(key) || doc[key].is_null()) return empty;
  if (!doc[key].is_object()) throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected an object, got " + doc[key].dump());
  return doc[key];
}

// A per-type key of the replacement policy: {"default": v, "<type>": v}; the default first,
// so that a type's own value wins over it. `set(type policy, value, where)`.
template <class Set>
void per_type(LifecyclePolicy& p, const json& doc, const char* key, Set set) {
  const std::string where = std::string("policy.") + key;
  const json& values = object_or_empty(doc, key, where);
  if (values.contains("default")) {
    for (AssetTypePolicy& t : p.types) set(t, values["default"], where + ".default");
  }
  for (const auto& item : values.items()) {
    if (item.key() == "default") continue;
    set(p.of(type_key(item.key(), where, ", default")), item.value(), where + "." + item.key());
  }
}

// {"amount": "4500.00", "currency": "EUR"} (amount as text or a whole number, never a float).
std::optional<Money> money_in(const json& v, const std::string& where) {
  if (v.is_null()) return std::nullopt;
  const JsonFields fields(v, kMoneyFields, where);
  fields.require_object(where);
  const FieldReader r(fields, kMoneyFields, where);
  const Decimal amount = r.decimal(0);
  if (amount.sign() < 0) throw Error(ErrorCode::INVALID_ARGUMENT, r.at(0) + ": " + amount.to_string() + " must be >= 0");
  return Money(amount, r.name(1, [](std::string_view code) { return Currency::from_code(code); }));
}

void replacement_policy_of(LifecyclePolicy& p, const json& doc) {
  per_type(p, doc, "max_age_years", [](AssetTypePolicy& t, const json& v, const std::string& where) {
    t.max_age_years = v.is_null() ? std::nullopt : std::optional(whole_in(v, where, 1, 50));
  });
  per_type(p, doc, "replacement_value", [](AssetTypePolicy& t, const json& v, const std::string& where) {
    t.replacement_value = money_in(v, where);
  });
  per_type(p, doc, "payer", [](AssetTypePolicy& t, const json& v, const std::string& where) {
    if (!v.is_string()) throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected a string, got " + v.dump());
    try {
      t.payer = parse_replacement_payer(v.get<std::string>());
    } catch (const Error& e) {
      throw Error(e.code(), where + ": " + e.what());
    }
  });
  per_type(p, doc, "tickets_per_year", [](AssetTypePolicy& t, const json& v, const std::string& where) {
    t.tickets_per_year = whole_in(v, where, 1, 10000);
  });
  per_type(p, doc, "reactive_hours_per_year", [](AssetTypePolicy& t, const json& v, const std::string& where) {
    t.reactive_hours_per_year = whole_in(v, where, 1, 8784);
  });
  per_type(p, doc, "pull_months", [](AssetTypePolicy& t, const json& v, const std::string& where) {
    t.pull_months = whole_in(v, where, 0, 120);
  });
  per_type(p, doc, "max_pull_months", [](AssetTypePolicy& t, const json& v, const std::string& where) {
    t.max_pull_months = whole_in(v, where, 0, 120);
  });
}

LifecyclePolicy policy_of(const json& doc) {
  LifecyclePolicy p;
  if (doc.is_null()) return p;
  if (!doc.is_object()) throw Error(ErrorCode::INVALID_ARGUMENT, "policy: expected an object, got " + doc.dump());
  json_util::reject_unknown_keys(doc, "policy",
                                 {"windows", "typical_life_years", "tracks_os", "max_age_years", "replacement_value",
                                  "payer", "tickets_per_year", "reactive_hours_per_year", "pull_months",
                                  "max_pull_months"});
  const json& windows = object_or_empty(doc, "windows", "policy.windows");
  if (windows.contains("default")) {  // first, so that a type's own window wins over it
    const std::int64_t d = whole_in(windows["default"], "policy.windows.default", 0, 3650);
    for (AssetTypePolicy& t : p.types) t.window_days = d;
    p.licence_window_days = d;
  }
  for (const auto& item : windows.items()) {
    const std::string where = "policy.windows." + item.key();
    if (item.key() == "default") continue;
    const std::int64_t d = whole_in(item.value(), where, 0, 3650);
    if (item.key() == "licence") {
      p.licence_window_days = d;
    } else {
      p.of(type_key(item.key(), "policy.windows", true)).window_days = d;
    }
  }
  for (const auto& item : object_or_empty(doc, "typical_life_years", "policy.typical_life_years").items()) {
    AssetTypePolicy& t = p.of(type_key(item.key(), "policy.typical_life_years", false));
    t.typical_life_years = item.value().is_null()
                               ? std::nullopt
                               : std::optional(whole_in(item.value(), "policy.typical_life_years." + item.key(), 1, 50));
  }
  for (const auto& item : object_or_empty(doc, "tracks_os", "policy.tracks_os").items()) {
    if (!item.value().is_boolean()) {
      throw Error(ErrorCode::INVALID_ARGUMENT,
                  "policy.tracks_os." + item.key() + ": expected true or false, got " + item.value().dump());
    }
    p.of(type_key(item.key(), "policy.tracks_os", false)).tracks_os = item.value().get<bool>();
  }
  replacement_policy_of(p, doc);
  return p;
}

template <class Read>
auto records_of(const json& doc, const char* table, FieldNames names, Read read) {
  std::vector<decltype(read(std::declval<const Fields&>(), std::size_t{0}))> out;
  if (!doc.contains(table) || doc[table].is_null()) return out;
  const json& list = doc[table];
  if (!list.is_array()) throw Error(ErrorCode::INVALID_ARGUMENT, std::string(table) + ": expected a list, got " + list.dump());
  out.reserve(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string where = std::string(table) + "[" + std::to_string(i) + "]";
    out.push_back(read(JsonFields(list[i], names, where).require_object(where), i));
  }
  return out;
}

json text_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
json date_or_null(const std::optional<std::chrono::sys_days>& d) { return d ? json(format_date(*d)) : json(nullptr); }
json int_or_null(const std::optional<std::int64_t>& n) { return n ? json(*n) : json(nullptr); }
json amount_or_null(const std::optional<Money>& m) { return m ? json(m->amount().to_string()) : json(nullptr); }
json currency_or_null(const std::optional<Money>& m) { return m ? json(std::string(m->currency().code())) : json(nullptr); }

}  // namespace

LifecyclePolicy lifecycle_policy_from_json(std::string_view text) {
  if (text.empty()) return {};
  return policy_of(json_util::parse(text, "policy"));
}

LifecycleEvaluation evaluate_lifecycle_request(std::string_view request, const std::string& what) {
  const json doc = json_util::parse(request, what);
  const JsonFields fields(doc, kRequestFields, what);
  fields.require_object(what);
  const auto as_of = FieldReader(fields, kRequestFields, what).date(0);
  LifecycleEvaluation e;
  e.assets = records_of(doc, "assets", kAssetFields, read_asset);
  e.licences = records_of(doc, "licences", kLicenceFields, read_licence);
  e.service = records_of(doc, "service", kServiceFields, read_service_record);
  const LifecyclePolicy policy = policy_of(doc.value("policy", json()));
  if (doc.contains("os_table") && !doc["os_table"].is_null()) {
    e.table = std::make_unique<OsLifecycleTable>(
        OsLifecycleTable::shipped().with(OsLifecycleTable::from_json(doc["os_table"].dump(), "os_table")));
  }
  e.result = evaluate_lifecycle(e.assets, e.licences, as_of, policy, e.table ? *e.table : OsLifecycleTable::shipped(),
                                e.service);
  return e;
}

std::string lifecycle_evaluate_json(std::string_view request) {
  const LifecycleEvaluation e = evaluate_lifecycle_request(request);
  return lifecycle_result_json(e.result, e.assets, e.licences);
}

std::string lifecycle_result_json(const LifecycleResult& r, const std::vector<Asset>& assets,
                                  const std::vector<Licence>& licences) {
  json out_assets = json::array();
  for (const AssetLifecycle& x : r.assets) {
    const Asset& a = assets.at(x.index);
    const OsCheck* os = x.os ? &*x.os : nullptr;
    const ReplacementCheck& rc = x.replacement;
    out_assets.push_back({{"index", x.index},
                          {"id", a.id},
                          {"tenant", a.tenant},
                          {"type", to_string(a.type)},
                          {"make", text_or_null(a.make)},
                          {"model", text_or_null(a.model)},
                          {"serial", text_or_null(a.serial)},
                          {"purchase_date", date_or_null(a.purchase_date)},
                          {"criticality", to_string(a.criticality)},
                          {"replacement_value", amount_or_null(rc.value)},
                          {"currency", currency_or_null(rc.value)},
                          {"status", to_string(x.status)},
                          {"reason_code", x.reason.code},
                          {"reason", x.reason.text},
                          {"window_days", x.window_days},
                          {"warranty_status", to_string(x.warranty.status)},
                          {"warranty_code", x.warranty.reason.code},
                          {"warranty_reason", x.warranty.reason.text},
                          {"warranty_end", date_or_null(x.warranty.end)},
                          {"warranty_days_left", int_or_null(x.warranty.days_left)},
                          {"warranty_estimate", x.warranty.estimate},
                          {"os_status", os ? json(to_string(os->status)) : json(nullptr)},
                          {"os_code", os ? json(os->reason.code) : json(nullptr)},
                          {"os_reason", os ? json(os->reason.text) : json(nullptr)},
                          {"os_support_end", os ? date_or_null(os->end) : json(nullptr)},
                          {"os_days_left", os ? int_or_null(os->days_left) : json(nullptr)},
                          {"os_estimate", os ? json(os->estimate) : json(nullptr)},
                          {"os_row", os && os->row ? json(os->row->label()) : json(nullptr)},
                          {"os_table", os && os->row ? json(os->row->table) : json(nullptr)},
                          {"os_source", os && os->row ? json(os->row->source) : json(nullptr)},
                          {"replacement_status", to_string(rc.status)},
                          {"replacement_code", rc.reason.code},
                          {"replacement_reason", rc.reason.text},
                          {"replacement_date", date_or_null(rc.end)},
                          {"replacement_days_left", int_or_null(rc.days_left)},
                          {"replacement_by_age", date_or_null(rc.by_age)},
                          {"replacement_pulled_months", rc.pulled_months},
                          {"replacement_tickets_12m", rc.service.tickets},
                          {"replacement_reactive_minutes_12m", rc.service.minutes},
                          {"replacement_reactive_hours_12m", rc.service.hours().to_string()},
                          {"replacement_payer", to_string(rc.payer)},
                          {"replacement_value_source",
                           rc.value ? json(rc.value_from_policy ? "policy" : "asset") : json(nullptr)}});
  }
  json out_licences = json::array();
  for (const LicenceLifecycle& x : r.licences) {
    const Licence& l = licences.at(x.index);
    out_licences.push_back({{"index", x.index},
                            {"tenant", l.tenant},
                            {"sku", l.sku},
                            {"seats", l.seats},
                            {"auto_renew", l.auto_renew},
                            {"renewal_price", amount_or_null(l.renewal_price)},
                            {"currency", currency_or_null(l.renewal_price)},
                            {"status", to_string(x.term.status)},
                            {"reason_code", x.term.reason.code},
                            {"reason", x.term.reason.text},
                            {"window_days", x.window_days},
                            {"term_end", date_or_null(x.term.end)},
                            {"days_left", int_or_null(x.term.days_left)}});
  }
  return json{{"as_of", format_date(r.as_of)},
              {"os_table_version", r.os_table_version},
              {"assets", out_assets},
              {"licences", out_licences}}
      .dump();
}

}  // namespace v1
}  // namespace mspcore
