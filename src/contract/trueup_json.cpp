#include "contract/trueup_json.hpp"

#include <mspcore/core/error.hpp>

#include <mspcore/contract/trueup_records.hpp>
#include <mspcore/records/field_reader.hpp>

#include "core/json_util.hpp"
#include "records/json_fields.hpp"

#include <array>
#include <string>
#include <utility>

namespace mspcore {
inline namespace v1 {

namespace {

// A JSON list of records, each read by `read` (which names it table[i]).
template <class Read>
auto records_of(const json& list, const char* table, FieldNames names, Read read) {
  if (!list.is_array()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, std::string(table) + ": expected a list, got " + list.dump());
  }
  std::vector<decltype(read(std::declval<const Fields&>(), std::size_t{0}))> out;
  out.reserve(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string where = record_where(table, i);
    out.push_back(read(JsonFields(list[i], names, where).require_object(where), i));
  }
  return out;
}

constexpr std::array<std::string_view, 5> kEvidenceFields = {"source", "reported", "counted", "as_of", "observations"};

std::vector<SourceEvidence> evidence_of(const FieldReader& r, std::size_t field) {
  std::vector<SourceEvidence> out;
  if (!r.has(field)) return out;
  if (r.fields().kind(field) != FieldKind::List) {
    throw r.error(ErrorCode::INVALID_ARGUMENT, r.at(field) + ": expected a list, got " + r.fields().describe(field));
  }
  for (std::size_t i = 0; i < r.fields().size(field); ++i) {
    const std::string w = r.at(field) + "[" + std::to_string(i) + "]";
    const auto item = r.fields().item(field, i, kEvidenceFields, w);
    if (item->kind(Fields::kSelf) != FieldKind::Object) throw not_a_record(w, item->describe(Fields::kSelf));
    const FieldReader e(*item, kEvidenceFields, w, r.row());
    out.push_back(SourceEvidence{e.name(0, parse_observation_source), e.whole(1), e.whole(2), e.instant(3),
                                 static_cast<std::size_t>(e.whole_or(4, 0))});
  }
  return out;
}

json evidence_to_json(const std::vector<SourceEvidence>& evidence) {
  json out = json::array();
  for (const SourceEvidence& e : evidence) {
    out.push_back({{"source", to_string(e.source)},
                   {"reported", e.reported},
                   {"counted", e.counted},
                   {"as_of", format_instant(e.as_of)},
                   {"observations", e.observations}});
  }
  return out;
}

json optional_int(const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); }

json money_amount(const std::optional<Money>& m) { return m ? json(m->amount().to_string()) : json(nullptr); }

constexpr std::array<std::string_view, 8> kRuleFields = {
    "exclude_shared", "exclude_kiosk", "exclude_self_paid", "exclude_service_accounts",
    "rounding",       "nce_decrease_window_hours", "tolerance_units", "tolerance_percent"};

constexpr std::array<std::string_view, 17> kProposalFields = {
    "tenant",         "contract_id",  "line_id",     "sku",    "action",   "delta_quantity",
    "quantity_before", "quantity_after", "effective_date", "deferred_until", "prorated_to", "invoice_date",
    "amount",         "currency",     "rule",        "limited_by_commitment", "evidence"};

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
          {"unit_price", l.unit_price ? json(l.unit_price->amount().to_string()) : json(nullptr)},
          {"currency", l.unit_price ? json(l.unit_price->currency().code()) : json(nullptr)},
          {"billing_period", to_string(l.billing_period)},
          {"billing_mode", to_string(l.billing_mode)},
          {"term_start", format_date(l.term_start)},
          {"term_end", l.term_end ? json(format_date(*l.term_end)) : json(nullptr)},
          {"term_kind", to_string(l.term_kind)},
          {"proration", to_string(l.proration)},
          {"commitment_minimum", l.commitment_minimum},
          {"true_down", to_string(l.true_down)},
          {"tolerance_units", l.tolerance.units},
          {"tolerance_percent", l.tolerance.percent.to_string()}};
}

ContractLine line_from_json(const json& v, std::size_t index) {
  const std::string where = record_where("contracts", index);
  return read_contract_line(JsonFields(v, kContractLineFields, where).require_object(where), index);
}

std::vector<ContractLine> lines_from_json(const json& list) {
  return records_of(list, "contracts", kContractLineFields, read_contract_line);
}

std::vector<Observation> observations_from_json(const json& list) {
  return records_of(list, "observations", kObservationFields, read_observation);
}

SkuMap sku_map_from_json(const json& value) {
  SkuMap map;
  if (value.is_null()) return map;
  if (!value.is_object()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, "sku_map: expected an object of name -> contract SKU, got " + value.dump());
  }
  for (const auto& item : value.items()) map.add(item.key(), json_util::require_string(item.value(), "sku_map." + item.key()));
  return map;
}

TrueUpRules rules_from_json(const json& v) {
  TrueUpRules r;
  if (v.is_null()) return r;
  const JsonFields fields(v, kRuleFields, "rules");
  fields.require_object("rules");
  const FieldReader f(fields, kRuleFields, "rules");
  r.exclude_shared = f.flag_or(0, r.exclude_shared);
  r.exclude_kiosk = f.flag_or(1, r.exclude_kiosk);
  r.exclude_self_paid = f.flag_or(2, r.exclude_self_paid);
  r.exclude_service_accounts = f.flag_or(3, r.exclude_service_accounts);
  r.rounding = f.name_or(4, parse_rounding_mode, r.rounding);
  r.nce_decrease_window_hours = f.whole_or(5, r.nce_decrease_window_hours);
  r.default_tolerance.units = f.whole_or(6, r.default_tolerance.units);
  if (f.has(7)) r.default_tolerance.percent = f.decimal(7);
  validate(r);
  return r;
}

json rules_to_json(const TrueUpRules& r) {
  return {{"exclude_shared", r.exclude_shared},
          {"exclude_kiosk", r.exclude_kiosk},
          {"exclude_self_paid", r.exclude_self_paid},
          {"exclude_service_accounts", r.exclude_service_accounts},
          {"rounding", to_string(r.rounding)},
          {"nce_decrease_window_hours", r.nce_decrease_window_hours},
          {"tolerance_units", r.default_tolerance.units},
          {"tolerance_percent", r.default_tolerance.percent.to_string()}};
}

json proposal_to_json(const Proposal& p) {
  return {{"tenant", p.tenant},
          {"contract_id", p.contract_id},
          {"line_id", p.line_id},
          {"sku", p.sku},
          {"action", to_string(p.action)},
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
  const std::string where = record_where("proposals", index);
  const JsonFields fields(v, kProposalFields, where);
  fields.require_object(where);
  const FieldReader f(fields, kProposalFields, where, static_cast<std::int64_t>(index));
  Proposal p;
  p.tenant = f.text(0);
  p.contract_id = f.text(1);
  p.line_id = f.text(2);
  p.sku = f.text(3);
  p.action = f.name(4, parse_proposal_action);
  p.delta_quantity = f.whole(5);
  if (p.delta_quantity <= 0) {
    throw f.error(ErrorCode::INVALID_ARGUMENT, where + ": delta_quantity " + std::to_string(p.delta_quantity) + " must be > 0");
  }
  p.quantity_before = f.whole_or(6, 0);
  p.quantity_after = f.whole_or(7, 0);
  p.effective_date = f.date(8);
  if (f.has(9)) p.deferred_until = f.date(9);
  p.prorated_to = f.has(10) ? f.date(10) : p.effective_date;
  p.invoice_date = f.has(11) ? f.date(11) : p.effective_date;
  const Currency currency = f.name(13, [](std::string_view code) { return Currency::from_code(code); });
  p.amount = Money(f.decimal(12), currency);
  p.rule = f.text(14);
  p.limited_by_commitment = f.flag_or(15, false);
  p.evidence = evidence_of(f, 16);
  return p;
}

json result_to_json(const ReconcileResult& r) {
  json deviations = json::array();
  for (const Deviation& d : r.deviations) {
    deviations.push_back({{"tenant", d.tenant},
                          {"sku", d.sku},
                          {"kind", to_string(d.kind)},
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
                        {"source", to_string(u.source)},
                        {"quantity", u.quantity},
                        {"as_of", format_instant(u.as_of)}});
  }
  return {{"as_of", format_instant(r.as_of)},
          {"deviations", deviations},
          {"proposals", proposals},
          {"held", held},
          {"unmapped", unmapped}};
}

TrueUpRules trueup_rules_from_json(std::string_view text) {
  return text.empty() ? TrueUpRules{} : rules_from_json(json_util::parse(text, "rules"));
}

std::string reconcile_result_json(const ReconcileResult& result) { return result_to_json(result).dump(); }

namespace {
// One object or a list of them, each read by `read`.
template <class Read>
auto one_or_many(std::string_view text, const std::string& what, const char* expected, Read read) {
  const json doc = json_util::parse(text, what);
  std::vector<decltype(read(doc, std::size_t{0}))> out;
  if (doc.is_object()) {
    out.push_back(read(doc, 0));
  } else if (doc.is_array()) {
    out.reserve(doc.size());
    for (std::size_t i = 0; i < doc.size(); ++i) out.push_back(read(doc[i], i));
  } else {
    throw Error(ErrorCode::INVALID_ARGUMENT, what + ": expected " + expected + ", got " + doc.dump());
  }
  return out;
}
}  // namespace

std::vector<ContractLine> contract_lines_from_json(std::string_view text, const std::string& what) {
  return one_or_many(text, what, "a contract line or a list of them", line_from_json);
}

std::vector<Proposal> proposals_from_json(std::string_view text, const std::string& what) {
  return one_or_many(text, what, "a proposal or a list of proposals", proposal_from_json);
}

std::string contract_line_json(const ContractLine& line) { return line_to_json(line).dump(); }

ReconcileResult reconcile_json(const json& request) {
  static constexpr std::array<std::string_view, 5> kRequestFields = {"contracts", "observations", "as_of", "sku_map",
                                                                     "rules"};
  if (!request.is_object()) throw Error(ErrorCode::INVALID_ARGUMENT, "request: expected an object");
  const JsonFields fields(request, kRequestFields, "request");
  const FieldReader f(fields, kRequestFields, "request");
  if (!f.has(0)) f.text(0);  // "request: contracts is missing"
  if (!f.has(1)) f.text(1);
  const std::vector<ContractLine> lines = lines_from_json(request["contracts"]);
  const std::vector<Observation> observations = observations_from_json(request["observations"]);
  const Instant as_of = json_util::in_context("as_of", [&] { return parse_instant_or_date(std::string(f.text(2))); });
  const SkuMap map = sku_map_from_json(request.contains("sku_map") ? request["sku_map"] : json(nullptr));
  const TrueUpRules rules = rules_from_json(request.contains("rules") ? request["rules"] : json(nullptr));
  return reconcile(lines, observations, as_of, map, rules);
}

}  // namespace v1
}  // namespace mspcore
