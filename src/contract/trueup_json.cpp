#include "contract/trueup_json.hpp"

#include <mspcore/core/error.hpp>

#include "contract/trueup_detail.hpp"
#include "core/json_util.hpp"

#include <string>
#include <utility>

namespace mspcore {
inline namespace v1 {

namespace {

using json_util::require_string;

std::string where_of(const char* list, std::size_t index) { return std::string(list) + "[" + std::to_string(index) + "]"; }

std::int64_t require_whole(const json& v, const std::string& where) {
  if (v.is_number_integer()) return v.get<std::int64_t>();
  throw Error(ErrorCode::INVALID_ARGUMENT,
              where + ": expected a whole number, got " + (v.is_null() ? std::string("nothing") : v.dump()));
}

const json& member(const json& obj, const char* key, const std::string& where) {
  if (!obj.contains(key) || obj[key].is_null()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, where + ": " + key + " is missing");
  }
  return obj[key];
}

bool has(const json& obj, const char* key) { return obj.contains(key) && !obj[key].is_null(); }

std::string text_of(const json& obj, const char* key, const std::string& where) {
  return require_string(member(obj, key, where), where + "." + key);
}

// A decimal given as a string ("12.50") or a whole number; floats are refused because they
// are not exact.
Decimal decimal_of(const json& v, const std::string& where) {
  if (v.is_number_integer()) return Decimal(v.get<std::int64_t>());
  if (v.is_number()) {
    throw Error(ErrorCode::INVALID_TYPE, where + ": " + v.dump() +
                                             " is a binary floating-point number; money must be exact: write it as "
                                             "a string (\"" + v.dump() + "\")");
  }
  if (!v.is_string()) {
    throw Error(ErrorCode::INVALID_TYPE,
                where + ": expected a decimal string, got " + (v.is_null() ? std::string("nothing") : v.dump()));
  }
  return json_util::in_context(where, [&] { return Decimal::parse(v.get<std::string>()); });
}

bool flag_of(const json& obj, const char* key, const std::string& where, bool fallback) {
  if (!has(obj, key)) return fallback;
  if (!obj[key].is_boolean()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, where + "." + key + ": expected true or false, got " + obj[key].dump());
  }
  return obj[key].get<bool>();
}

// unit_price may name its own currency ("EUR 12.50"); it must then agree with `currency`.
Money unit_price_of(const json& obj, const std::string& where) {
  const Currency currency =
      json_util::in_context(where + ".currency", [&] { return Currency::from_code(text_of(obj, "currency", where)); });
  const json& price = member(obj, "unit_price", where);
  if (price.is_string()) {
    const std::string text = price.get<std::string>();
    const auto space = text.find(' ');
    if (space != std::string::npos) {
      const Currency own = json_util::in_context(where + ".unit_price", [&] {
        return Currency::from_code(text.substr(0, space));
      });
      if (!(own == currency)) {
        throw Error(ErrorCode::CURRENCY_MISMATCH, where + ": two currencies in one line: unit_price " + quoted(text) +
                                                      " but currency " + quoted(currency.code()));
      }
      return Money(decimal_of(json(text.substr(space + 1)), where + ".unit_price"), currency);
    }
  }
  return Money(decimal_of(price, where + ".unit_price"), currency);
}

template <class Parse>
auto enum_of(const json& obj, const char* key, const std::string& where, Parse parse, decltype(parse("")) fallback) {
  if (!has(obj, key)) return fallback;
  return json_util::in_context(where + "." + key, [&] { return parse(require_string(obj[key], where + "." + key)); });
}

std::chrono::sys_days date_of(const json& v, const std::string& where) {
  return json_util::in_context(where, [&] { return parse_date(require_string(v, where)); });
}

json evidence_to_json(const std::vector<SourceEvidence>& evidence) {
  json out = json::array();
  for (const SourceEvidence& e : evidence) {
    out.push_back({{"source", name_of(e.source)},
                   {"reported", e.reported},
                   {"counted", e.counted},
                   {"as_of", format_instant(e.as_of)},
                   {"observations", e.observations}});
  }
  return out;
}

std::vector<SourceEvidence> evidence_from_json(const json& list, const std::string& where) {
  std::vector<SourceEvidence> out;
  if (list.is_null()) return out;
  if (!list.is_array()) throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected a list");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string w = where + "[" + std::to_string(i) + "]";
    SourceEvidence e;
    e.source = json_util::in_context(w + ".source", [&] { return parse_observation_source(text_of(list[i], "source", w)); });
    e.reported = require_whole(member(list[i], "reported", w), w + ".reported");
    e.counted = require_whole(member(list[i], "counted", w), w + ".counted");
    e.as_of = json_util::in_context(w + ".as_of", [&] { return parse_instant_or_date(text_of(list[i], "as_of", w)); });
    if (has(list[i], "observations")) {
      e.observations = static_cast<std::size_t>(require_whole(list[i]["observations"], w + ".observations"));
    }
    out.push_back(e);
  }
  return out;
}

json optional_int(const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); }

json money_amount(const std::optional<Money>& m) { return m ? json(m->amount().to_string()) : json(nullptr); }

}  // namespace

Instant parse_instant_or_date(const std::string& text) {
  if (text.size() == 10) return Instant(parse_date(text));
  return parse_instant(text);
}

json line_to_json(const ContractLine& l) {
  return {{"tenant", l.tenant},
          {"contract_id", l.contract_id},
          {"line_id", l.line_id},
          {"sku", l.sku},
          {"quantity", l.quantity},
          {"unit_price", l.unit_price.amount().to_string()},
          {"currency", l.unit_price.currency().code()},
          {"billing_period", name_of(l.billing_period)},
          {"billing_mode", name_of(l.billing_mode)},
          {"term_start", format_date(l.term_start)},
          {"term_end", l.term_end ? json(format_date(*l.term_end)) : json(nullptr)},
          {"term_kind", name_of(l.term_kind)},
          {"proration", proration_convention_name(l.proration)},
          {"commitment_minimum", l.commitment_minimum},
          {"true_down", name_of(l.true_down)},
          {"tolerance_units", l.tolerance.units},
          {"tolerance_percent", l.tolerance.percent.to_string()}};
}

ContractLine line_from_json(const json& v, std::size_t index) {
  const std::string where = where_of("contracts", index);
  if (!v.is_object()) throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected an object, got " + v.dump());
  json_util::reject_unknown_keys(v, where,
                                 {"tenant", "contract_id", "line_id", "sku", "quantity", "unit_price", "currency",
                                  "billing_period", "billing_mode", "term_start", "term_end", "term_kind", "proration",
                                  "commitment_minimum", "true_down", "tolerance_units", "tolerance_percent"});
  ContractLine l;
  l.tenant = text_of(v, "tenant", where);
  l.contract_id = text_of(v, "contract_id", where);
  l.line_id = text_of(v, "line_id", where);
  l.sku = text_of(v, "sku", where);
  // From here on errors also say which line it is.
  const std::string named = describe_line(l, index);
  try {
    l.quantity = require_whole(member(v, "quantity", named), named + ".quantity");
    l.unit_price = unit_price_of(v, named);
    l.billing_period = enum_of(v, "billing_period", named, parse_billing_period, BillingPeriod::Monthly);
    l.billing_mode = enum_of(v, "billing_mode", named, parse_billing_mode, BillingMode::Advance);
    l.term_start = date_of(member(v, "term_start", named), named + ".term_start");
    if (has(v, "term_end")) l.term_end = date_of(v["term_end"], named + ".term_end");
    l.term_kind = enum_of(v, "term_kind", named, parse_term_kind, TermKind::Flexible);
    l.proration = enum_of(v, "proration", named, parse_proration_convention, ProrationConvention::Actual);
    if (has(v, "commitment_minimum")) l.commitment_minimum = require_whole(v["commitment_minimum"], named + ".commitment_minimum");
    l.true_down = enum_of(v, "true_down", named, parse_true_down_policy, TrueDownPolicy::Immediate);
    if (has(v, "tolerance_units")) l.tolerance.units = require_whole(v["tolerance_units"], named + ".tolerance_units");
    if (has(v, "tolerance_percent")) l.tolerance.percent = decimal_of(v["tolerance_percent"], named + ".tolerance_percent");
  } catch (const Error& e) {
    throw Error(e.code(), e.what(), static_cast<std::int64_t>(index));
  }
  validate(l, index);
  return l;
}

std::vector<ContractLine> lines_from_json(const json& list) {
  if (!list.is_array()) throw Error(ErrorCode::INVALID_ARGUMENT, "contracts: expected a list of contract lines");
  std::vector<ContractLine> out;
  out.reserve(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) out.push_back(line_from_json(list[i], i));
  return out;
}

Observation observation_from_json(const json& v, std::size_t index) {
  const std::string where = where_of("observations", index);
  try {
    if (!v.is_object()) throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected an object, got " + v.dump());
    json_util::reject_unknown_keys(v, where, {"tenant", "sku", "source", "quantity", "as_of", "units"});
    Observation o;
    o.tenant = text_of(v, "tenant", where);
    o.sku = text_of(v, "sku", where);
    o.source = json_util::in_context(where + ".source", [&] { return parse_observation_source(text_of(v, "source", where)); });
    o.as_of = json_util::in_context(where + ".as_of", [&] { return parse_instant_or_date(text_of(v, "as_of", where)); });
    if (has(v, "units")) {
      o.units.emplace();
      for (const auto& [i, u] : json_util::list(v, "units", where)) {
        const std::string w = where + ".units[" + std::to_string(i) + "]";
        if (u.is_string()) {
          o.units->push_back(BillableUnit{u.get<std::string>()});
          continue;
        }
        json_util::reject_unknown_keys(u, w, {"identity", "shared", "kiosk", "self_paid", "service_account"});
        o.units->push_back(BillableUnit{text_of(u, "identity", w), flag_of(u, "shared", w, false),
                                        flag_of(u, "kiosk", w, false), flag_of(u, "self_paid", w, false),
                                        flag_of(u, "service_account", w, false)});
      }
    }
    // With unit detail the quantity may be left out: it is then the number of units.
    if (has(v, "quantity") || !o.units) {
      o.quantity = require_whole(member(v, "quantity", where), where + ".quantity");
    } else {
      o.quantity = static_cast<std::int64_t>(o.units->size());
    }
    return o;
  } catch (const Error& e) {
    throw Error(e.code(), e.what(), static_cast<std::int64_t>(index));
  }
}

std::vector<Observation> observations_from_json(const json& list) {
  if (!list.is_array()) throw Error(ErrorCode::INVALID_ARGUMENT, "observations: expected a list of observations");
  std::vector<Observation> out;
  out.reserve(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) out.push_back(observation_from_json(list[i], i));
  return out;
}

SkuMap sku_map_from_json(const json& value) {
  SkuMap map;
  if (value.is_null()) return map;
  if (!value.is_object()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, "sku_map: expected an object of name -> contract SKU, got " + value.dump());
  }
  for (const auto& item : value.items()) map.add(item.key(), require_string(item.value(), "sku_map." + item.key()));
  return map;
}

TrueUpRules rules_from_json(const json& v) {
  TrueUpRules r;
  if (v.is_null()) return r;
  const std::string where = "rules";
  if (!v.is_object()) throw Error(ErrorCode::INVALID_ARGUMENT, "rules: expected an object, got " + v.dump());
  json_util::reject_unknown_keys(v, where,
                                 {"exclude_shared", "exclude_kiosk", "exclude_self_paid", "exclude_service_accounts",
                                  "rounding", "nce_decrease_window_hours", "tolerance_units", "tolerance_percent"});
  r.exclude_shared = flag_of(v, "exclude_shared", where, r.exclude_shared);
  r.exclude_kiosk = flag_of(v, "exclude_kiosk", where, r.exclude_kiosk);
  r.exclude_self_paid = flag_of(v, "exclude_self_paid", where, r.exclude_self_paid);
  r.exclude_service_accounts = flag_of(v, "exclude_service_accounts", where, r.exclude_service_accounts);
  r.rounding = enum_of(v, "rounding", where, parse_rounding_mode, r.rounding);
  if (has(v, "nce_decrease_window_hours")) {
    r.nce_decrease_window_hours = require_whole(v["nce_decrease_window_hours"], "rules.nce_decrease_window_hours");
  }
  if (has(v, "tolerance_units")) r.default_tolerance.units = require_whole(v["tolerance_units"], "rules.tolerance_units");
  if (has(v, "tolerance_percent")) {
    r.default_tolerance.percent = decimal_of(v["tolerance_percent"], "rules.tolerance_percent");
  }
  validate(r);
  return r;
}

json rules_to_json(const TrueUpRules& r) {
  return {{"exclude_shared", r.exclude_shared},
          {"exclude_kiosk", r.exclude_kiosk},
          {"exclude_self_paid", r.exclude_self_paid},
          {"exclude_service_accounts", r.exclude_service_accounts},
          {"rounding", rounding_mode_name(r.rounding)},
          {"nce_decrease_window_hours", r.nce_decrease_window_hours},
          {"tolerance_units", r.default_tolerance.units},
          {"tolerance_percent", r.default_tolerance.percent.to_string()}};
}

json proposal_to_json(const Proposal& p) {
  return {{"tenant", p.tenant},
          {"contract_id", p.contract_id},
          {"line_id", p.line_id},
          {"sku", p.sku},
          {"action", name_of(p.action)},
          {"delta_quantity", p.delta_quantity},
          {"quantity_before", p.quantity_before},
          {"quantity_after", p.quantity_after},
          {"effective_date", format_date(p.effective_date)},
          {"deferred_until", p.deferred_until ? json(format_date(*p.deferred_until)) : json(nullptr)},
          {"prorated_to", format_date(p.prorated_to)},
          {"invoice_date", format_date(p.invoice_date)},
          {"amount", p.amount.amount().to_string()},
          {"currency", p.amount.currency().code()},
          {"rule", p.rule},
          {"limited_by_commitment", p.limited_by_commitment},
          {"evidence", evidence_to_json(p.evidence)}};
}

Proposal proposal_from_json(const json& v, std::size_t index) {
  const std::string where = where_of("proposals", index);
  try {
    if (!v.is_object()) throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected an object, got " + v.dump());
    Proposal p;
    p.tenant = text_of(v, "tenant", where);
    p.contract_id = text_of(v, "contract_id", where);
    p.line_id = text_of(v, "line_id", where);
    p.sku = text_of(v, "sku", where);
    const std::string action = text_of(v, "action", where);
    if (action != "true_up" && action != "true_down") {
      throw Error(ErrorCode::INVALID_ARGUMENT, where + ".action: unknown action " + quoted(action) +
                                                   " (known: true_up, true_down)");
    }
    p.action = action == "true_up" ? ProposalAction::TrueUp : ProposalAction::TrueDown;
    p.delta_quantity = require_whole(member(v, "delta_quantity", where), where + ".delta_quantity");
    if (p.delta_quantity <= 0) {
      throw Error(ErrorCode::INVALID_ARGUMENT,
                  where + ": delta_quantity " + std::to_string(p.delta_quantity) + " must be > 0");
    }
    if (has(v, "quantity_before")) p.quantity_before = require_whole(v["quantity_before"], where + ".quantity_before");
    if (has(v, "quantity_after")) p.quantity_after = require_whole(v["quantity_after"], where + ".quantity_after");
    p.effective_date = date_of(member(v, "effective_date", where), where + ".effective_date");
    if (has(v, "deferred_until")) p.deferred_until = date_of(v["deferred_until"], where + ".deferred_until");
    p.prorated_to = has(v, "prorated_to") ? date_of(v["prorated_to"], where + ".prorated_to") : p.effective_date;
    p.invoice_date = has(v, "invoice_date") ? date_of(v["invoice_date"], where + ".invoice_date") : p.effective_date;
    const Currency currency = json_util::in_context(where + ".currency", [&] {
      return Currency::from_code(text_of(v, "currency", where));
    });
    p.amount = Money(decimal_of(member(v, "amount", where), where + ".amount"), currency);
    p.rule = text_of(v, "rule", where);
    p.limited_by_commitment = flag_of(v, "limited_by_commitment", where, false);
    if (has(v, "evidence")) p.evidence = evidence_from_json(v["evidence"], where + ".evidence");
    return p;
  } catch (const Error& e) {
    throw Error(e.code(), e.what(), static_cast<std::int64_t>(index));
  }
}

json result_to_json(const ReconcileResult& r) {
  json deviations = json::array();
  for (const Deviation& d : r.deviations) {
    deviations.push_back({{"tenant", d.tenant},
                          {"sku", d.sku},
                          {"kind", name_of(d.kind)},
                          {"gap", d.gap},
                          {"purchased", optional_int(d.quantities.purchased)},
                          {"assigned", optional_int(d.quantities.assigned)},
                          {"billed", optional_int(d.quantities.billed)},
                          {"contracted", d.quantities.contracted},
                          {"billed_from_contract", d.quantities.billed_from_contract},
                          {"contract_id", d.contract_id.empty() ? json(nullptr) : json(d.contract_id)},
                          {"line_id", d.line_id.empty() ? json(nullptr) : json(d.line_id)},
                          {"monthly_value", money_amount(d.monthly_value)},
                          {"annual_value", money_amount(d.annual_value)},
                          {"currency", d.monthly_value ? json(d.monthly_value->currency().code()) : json(nullptr)},
                          {"evidence", evidence_to_json(d.evidence)}});
  }
  json proposals = json::array();
  for (const Proposal& p : r.proposals) proposals.push_back(proposal_to_json(p));
  json held = json::array();
  for (const HeldChange& h : r.held) {
    held.push_back({{"tenant", h.tenant},
                    {"contract_id", h.contract_id},
                    {"line_id", h.line_id},
                    {"sku", h.sku},
                    {"wanted_delta", h.wanted_delta},
                    {"reason", h.reason}});
  }
  json unmapped = json::array();
  for (const UnmappedObservation& u : r.unmapped) {
    unmapped.push_back({{"index", u.index},
                        {"tenant", u.tenant},
                        {"sku", u.sku},
                        {"source", name_of(u.source)},
                        {"quantity", u.quantity},
                        {"as_of", format_instant(u.as_of)}});
  }
  return {{"as_of", format_instant(r.as_of)},
          {"deviations", deviations},
          {"proposals", proposals},
          {"held", held},
          {"unmapped", unmapped}};
}

ReconcileResult reconcile_json(const json& request) {
  if (!request.is_object()) throw Error(ErrorCode::INVALID_ARGUMENT, "request: expected an object");
  json_util::reject_unknown_keys(request, "request", {"contracts", "observations", "as_of", "sku_map", "rules"});
  const std::vector<ContractLine> lines = lines_from_json(member(request, "contracts", "request"));
  const std::vector<Observation> observations = observations_from_json(member(request, "observations", "request"));
  const Instant as_of = json_util::in_context("as_of", [&] {
    return parse_instant_or_date(text_of(request, "as_of", "request"));
  });
  const SkuMap map = sku_map_from_json(request.contains("sku_map") ? request["sku_map"] : json(nullptr));
  const TrueUpRules rules = rules_from_json(request.contains("rules") ? request["rules"] : json(nullptr));
  return reconcile(lines, observations, as_of, map, rules);
}

}  // namespace v1
}  // namespace mspcore
