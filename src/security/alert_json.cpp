// The normalised record as JSON (the C ABI and Python speak it) and back.
#include "security/alert_detail.hpp"

#include <limits>

namespace mspcore {
inline namespace v1 {
namespace {

using detail::alert::find;
using detail::alert::json;
using ordered = nlohmann::ordered_json;

ordered optional_text(const std::optional<std::string>& s) { return s ? ordered(*s) : ordered(nullptr); }

template <class E>
ordered mapped(const Mapped<E>& m) {
  return {{"value", to_string(m.value)}, {"raw", optional_text(m.raw)}};
}

std::optional<std::string> read_text(const json& object, const char* key, const std::string& where) {
  const json* v = find(object, {key});
  if (v == nullptr) return std::nullopt;
  return json_util::require_string(*v, where + "." + key);
}

const json* read_object(const json& object, const char* key, const std::string& where) {
  const json* v = find(object, {key});
  if (v != nullptr && !v->is_object()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, where + "." + key + ": expected an object, got " + v->dump());
  }
  return v;
}

template <class E>
Mapped<E> read_mapped(const json& doc, const char* key) {
  const std::string where = std::string("alert.") + key;
  Mapped<E> out;
  const json* v = read_object(doc, key, "alert");
  if (v == nullptr) return out;
  json_util::reject_unknown_keys(*v, where, {"value", "raw"});
  if (const auto name = read_text(*v, "value", where)) {
    const auto value = detail::alert::from_name<E>(*name);
    if (!value) {
      throw Error(ErrorCode::INVALID_ARGUMENT, where + ".value: unknown value " + quoted(*name) + " (known: " +
                                                   detail::alert::names<E>() + ")");
    }
    out.value = *value;
  }
  out.raw = read_text(*v, "raw", where);
  return out;
}

}  // namespace

std::string alert_to_json(const NormalizedAlert& a) {
  ordered cves = ordered::array();
  for (const std::string& cve : a.cves) cves.push_back(cve);
  const ordered doc = {
      {"source", to_string(a.source)},
      {"source_id", a.source_id},
      {"tenant",
       {{"account_id", optional_text(a.tenant.account_id)},
        {"account_name", optional_text(a.tenant.account_name)},
        {"site_id", optional_text(a.tenant.site_id)},
        {"site_name", optional_text(a.tenant.site_name)}}},
      {"asset", {{"id", optional_text(a.asset.id)}, {"name", optional_text(a.asset.name)}}},
      {"affected_assets", a.affected_assets},
      {"threat", a.threat},
      {"title", a.title},
      {"description", optional_text(a.description)},
      {"category", optional_text(a.category)},
      {"severity", mapped(a.severity)},
      {"verdict", mapped(a.verdict)},
      {"confidence", mapped(a.confidence)},
      {"mitigation", mapped(a.mitigation)},
      {"status", mapped(a.status)},
      {"first_seen", format_instant(a.first_seen)},
      {"last_seen", format_instant(a.last_seen)},
      {"cves", cves},
      {"cvss_vector", optional_text(a.cvss_vector)},
      {"cvss_score", a.cvss_score_tenths ? ordered(*a.cvss_score_tenths / 10.0) : ordered(nullptr)},
  };
  return doc.dump();
}

NormalizedAlert alert_from_json(std::string_view text) {
  const json doc = json_util::parse(text, "alert");
  if (!doc.is_object()) throw Error(ErrorCode::INVALID_ARGUMENT, "alert: expected a JSON object, got " + std::string(doc.type_name()));
  json_util::reject_unknown_keys(doc, "alert",
                                 {"source", "source_id", "tenant", "asset", "affected_assets", "threat", "title",
                                  "description", "category", "severity", "verdict", "confidence", "mitigation", "status",
                                  "first_seen", "last_seen", "cves", "cvss_vector", "cvss_score"});
  NormalizedAlert a;
  const json* source = find(doc, {"source"});
  a.source = parse_alert_source(json_util::require_string(source != nullptr ? *source : json(), "alert.source"));
  a.source_id = detail::alert::require_id(find(doc, {"source_id"}), "alert.source_id");
  if (const json* t = read_object(doc, "tenant", "alert")) {
    json_util::reject_unknown_keys(*t, "alert.tenant", {"account_id", "account_name", "site_id", "site_name"});
    a.tenant = {read_text(*t, "account_id", "alert.tenant"), read_text(*t, "account_name", "alert.tenant"),
                read_text(*t, "site_id", "alert.tenant"), read_text(*t, "site_name", "alert.tenant")};
  }
  if (const json* s = read_object(doc, "asset", "alert")) {
    json_util::reject_unknown_keys(*s, "alert.asset", {"id", "name"});
    a.asset = {read_text(*s, "id", "alert.asset"), read_text(*s, "name", "alert.asset")};
  }
  if (const json* n = find(doc, {"affected_assets"})) {
    if (!n->is_number_unsigned() || n->get<std::uint64_t>() > std::numeric_limits<std::uint32_t>::max()) {
      throw Error(ErrorCode::INVALID_ARGUMENT, "alert.affected_assets: expected a count, got " + n->dump());
    }
    a.affected_assets = n->get<std::uint32_t>();
  }
  a.threat = read_text(doc, "threat", "alert").value_or("id:" + a.source_id);
  a.title = read_text(doc, "title", "alert").value_or("");
  a.description = read_text(doc, "description", "alert");
  a.category = read_text(doc, "category", "alert");
  a.severity = read_mapped<AlertSeverity>(doc, "severity");
  a.verdict = read_mapped<AlertVerdict>(doc, "verdict");
  a.confidence = read_mapped<AlertConfidence>(doc, "confidence");
  a.mitigation = read_mapped<MitigationStatus>(doc, "mitigation");
  a.status = read_mapped<AlertStatus>(doc, "status");
  detail::alert::set_seen(a, detail::alert::instant(find(doc, {"first_seen"}), "alert.first_seen"),
                          detail::alert::instant(find(doc, {"last_seen"}), "alert.last_seen"), "alert.first_seen");
  // cvss_score is derived: it is recomputed from the vector, never trusted.
  if (const json* score = find(doc, {"cvss_score"}); score != nullptr && !score->is_number()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, "alert.cvss_score: expected a number, got " + score->dump());
  }
  json_util::in_context("alert", [&] { detail::alert::set_vulnerability(a, find(doc, {"cves"}), find(doc, {"cvss_vector"})); });
  return a;
}

}  // namespace v1
}  // namespace mspcore
