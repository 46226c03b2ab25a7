// The risk score as JSON: the model (read over the defaults, written whole), the inputs and
// the result. Formats in docs/security-risk.md.
#include "core/json_util.hpp"

#include <mspcore/core/error.hpp>
#include <mspcore/security/cvss.hpp>
#include <mspcore/security/risk.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <set>

namespace mspcore {
inline namespace v1 {

namespace {

using json = nlohmann::json;
using ordered = nlohmann::ordered_json;

const json* member(const json& object, const char* key) {
  const auto it = object.find(key);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

const json& require_object(const json& value, const std::string& where) {
  if (!value.is_object()) throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected an object, got " + value.dump());
  return value;
}

const json& require_list(const json& value, const std::string& where) {
  if (!value.is_array()) throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected a list, got " + value.dump());
  return value;
}

std::string bound(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

double read_number(const json& value, const std::string& where, double min, double max) {
  if (!value.is_number()) throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected a number, got " + value.dump());
  const double v = value.get<double>();
  if (!std::isfinite(v) || v < min || v > max) {
    throw Error(ErrorCode::OUT_OF_RANGE, where + ": " + value.dump() + " is outside " + bound(min) + ".." + bound(max));
  }
  return v;
}

std::uint64_t read_count(const json& value, const std::string& where) {
  if (value.is_number_unsigned()) return value.get<std::uint64_t>();
  if (value.is_number_integer()) {
    throw Error(ErrorCode::OUT_OF_RANGE, where + ": count " + value.dump() + " must be >= 0");
  }
  if (value.is_number_float() && value.get<double>() < 0) {
    throw Error(ErrorCode::OUT_OF_RANGE, where + ": count " + value.dump() + " must be >= 0");
  }
  throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected a whole count, got " + value.dump());
}

int read_int(const json& value, const std::string& where, int min, int max) {
  if (!value.is_number_integer()) throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected an integer, got " + value.dump());
  // Unsigned first: a huge unsigned value read as int64 would wrap into range.
  const bool ok = value.is_number_unsigned()
                      ? value.get<std::uint64_t>() <= static_cast<std::uint64_t>(max) &&
                            (min <= 0 || value.get<std::uint64_t>() >= static_cast<std::uint64_t>(min))
                      : value.get<std::int64_t>() >= min && value.get<std::int64_t>() <= max;
  if (!ok) {
    throw Error(ErrorCode::OUT_OF_RANGE, where + ": " + value.dump() + " is outside " + std::to_string(min) + ".." +
                                             std::to_string(max));
  }
  return value.get<int>();
}

std::string lower(std::string s) {
  for (char& c : s) c = (c == ' ' || c == '-') ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

template <std::size_t N>
std::size_t pick(const json& value, const std::string& where, const std::array<std::string_view, N>& names) {
  const std::string name = lower(json_util::require_string(value, where));
  for (std::size_t i = 0; i < N; ++i) {
    if (name == names[i]) return i;
  }
  std::string known;
  for (std::string_view n : names) known += (known.empty() ? "" : ", ") + std::string(n);
  throw Error(ErrorCode::INVALID_ARGUMENT, where + ": unknown value " + value.dump() + " (known: " + known + ")");
}

constexpr std::array<std::string_view, 3> kImportance{"high", "medium", "low"};
constexpr std::array<std::string_view, 4> kAnswers{"aligned", "partial", "not_aligned", "not_applicable"};

int read_level(const json& value, const std::string& where) {
  if (value.is_number()) return read_int(value, where, 1, 5);
  return json_util::in_context(where, [&] { return nist_level_from_name(json_util::require_string(value, where)); });
}

int read_priority(const json& value, const std::string& where) {
  if (value.is_string()) {
    const std::string s = upper(value.get<std::string>());
    if (s.size() == 2 && s[0] == 'P' && s[1] >= '1' && s[1] <= '5') return s[1] - '0';
    throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected 1-5 or \"P1\"-\"P5\", got " + value.dump());
  }
  return read_int(value, where, 1, 5);
}

std::string optional_text(const json& object, const char* key, const std::string& where) {
  const json* v = member(object, key);
  return v ? json_util::require_string(*v, where + "." + key) : std::string();
}

std::set<std::string> kev_ids(const json& catalog) {
  const std::string where = "risk inputs.kev_catalog";
  const json* list = &catalog;
  if (catalog.is_object()) {
    list = member(catalog, "vulnerabilities");
    if (list == nullptr) throw Error(ErrorCode::INVALID_ARGUMENT, where + ": a catalogue object needs \"vulnerabilities\"");
  }
  std::set<std::string> out;
  const json& items = require_list(*list, where);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string at = where + "[" + std::to_string(i) + "]";
    if (items[i].is_object()) {
      const json* id = member(items[i], "cveID");
      out.insert(upper(json_util::require_string(id ? *id : json(), at + ".cveID")));
    } else {
      out.insert(upper(json_util::require_string(items[i], at)));
    }
  }
  return out;
}

RiskVulnerability read_vulnerability(const json& v, const std::string& at, const std::set<std::string>& kev) {
  require_object(v, at);
  json_util::reject_unknown_keys(v, at, {"id", "cvss", "cvss_score", "epss", "kev"});
  RiskVulnerability out;
  out.id = optional_text(v, "id", at);
  const std::string where = out.id.empty() ? at : at + " (" + out.id + ")";
  const json* vector = member(v, "cvss");
  const json* score = member(v, "cvss_score");
  if ((vector == nullptr) == (score == nullptr)) {
    throw Error(ErrorCode::INVALID_ARGUMENT, where + ": needs exactly one of \"cvss\" (a vector) and \"cvss_score\"");
  }
  if (vector != nullptr) {
    const std::string text = json_util::require_string(*vector, where + ".cvss");
    out.cvss_base_tenths = json_util::in_context(where, [&] { return cvss_score(text).base_tenths; });
  } else {
    out.cvss_base_tenths = static_cast<int>(std::lround(read_number(*score, where + ".cvss_score", 0, 10) * 10));
  }
  if (const json* e = member(v, "epss")) out.epss = read_number(*e, where + ".epss", 0, 1);
  if (const json* k = member(v, "kev")) {
    if (!k->is_boolean()) throw Error(ErrorCode::INVALID_ARGUMENT, where + ".kev: expected true or false, got " + k->dump());
    out.kev = k->get<bool>();
  } else {
    out.kev = !out.id.empty() && kev.count(upper(out.id)) > 0;
  }
  return out;
}

}  // namespace

RiskInputs RiskInputs::from_json(std::string_view text) {
  const std::string doc_name = "risk inputs";
  const json doc = json_util::parse(text, doc_name);
  require_object(doc, doc_name);
  json_util::reject_unknown_keys(doc, doc_name,
                                 {"incidents", "unmitigated_threats", "vulnerabilities", "kev_catalog", "lifecycle",
                                  "backup_compliance", "patch_compliance", "controls", "risk_register"});
  RiskInputs in;
  if (const json* list = member(doc, "incidents")) {
    in.incidents.emplace();
    for (std::size_t i = 0; i < require_list(*list, doc_name + ".incidents").size(); ++i) {
      const std::string at = doc_name + ".incidents[" + std::to_string(i) + "]";
      const json& item = require_object((*list)[i], at);
      json_util::reject_unknown_keys(item, at, {"id", "priority", "age_days"});
      const json* p = member(item, "priority");
      const json* age = member(item, "age_days");
      if (p == nullptr || age == nullptr) throw Error(ErrorCode::INVALID_ARGUMENT, at + ": needs priority and age_days");
      in.incidents->push_back({read_priority(*p, at + ".priority"), read_number(*age, at + ".age_days", 0, 1e9)});
    }
  }
  if (const json* v = member(doc, "unmitigated_threats")) in.unmitigated_threats = read_count(*v, doc_name + ".unmitigated_threats");
  std::set<std::string> kev;
  if (const json* c = member(doc, "kev_catalog")) kev = kev_ids(*c);
  if (const json* list = member(doc, "vulnerabilities")) {
    in.vulnerabilities.emplace();
    for (std::size_t i = 0; i < require_list(*list, doc_name + ".vulnerabilities").size(); ++i) {
      in.vulnerabilities->push_back(
          read_vulnerability((*list)[i], doc_name + ".vulnerabilities[" + std::to_string(i) + "]", kev));
    }
  }
  if (const json* l = member(doc, "lifecycle")) {
    const std::string at = doc_name + ".lifecycle";
    json_util::reject_unknown_keys(require_object(*l, at), at, {"assets", "past_warranty", "os_past_eol"});
    RiskLifecycle lc;
    for (auto [key, field] : {std::pair{"assets", &lc.assets}, std::pair{"past_warranty", &lc.past_warranty},
                              std::pair{"os_past_eol", &lc.os_past_eol}}) {
      const json* v = member(*l, key);
      if (v == nullptr) throw Error(ErrorCode::INVALID_ARGUMENT, at + ": needs assets, past_warranty and os_past_eol");
      *field = read_count(*v, at + "." + key);
    }
    if (lc.assets == 0) throw Error(ErrorCode::OUT_OF_RANGE, at + ".assets: must be at least 1");
    if (lc.past_warranty > lc.assets || lc.os_past_eol > lc.assets) {
      throw Error(ErrorCode::OUT_OF_RANGE, at + ": past_warranty and os_past_eol must not exceed assets (" +
                                               std::to_string(lc.assets) + ")");
    }
    in.lifecycle = lc;
  }
  if (const json* v = member(doc, "backup_compliance")) in.backup_compliance = read_number(*v, doc_name + ".backup_compliance", 0, 100);
  if (const json* v = member(doc, "patch_compliance")) in.patch_compliance = read_number(*v, doc_name + ".patch_compliance", 0, 100);
  if (const json* list = member(doc, "controls")) {
    std::vector<RiskControl> controls;
    for (std::size_t i = 0; i < require_list(*list, doc_name + ".controls").size(); ++i) {
      const std::string at = doc_name + ".controls[" + std::to_string(i) + "]";
      const json& item = require_object((*list)[i], at);
      json_util::reject_unknown_keys(item, at, {"id", "weight", "answer"});
      const json* w = member(item, "weight");
      const json* a = member(item, "answer");
      if (w == nullptr || a == nullptr) throw Error(ErrorCode::INVALID_ARGUMENT, at + ": needs weight and answer");
      controls.push_back({optional_text(item, "id", at), static_cast<ControlImportance>(pick(*w, at + ".weight", kImportance)),
                          static_cast<ControlAnswer>(pick(*a, at + ".answer", kAnswers))});
    }
    const bool any = std::any_of(controls.begin(), controls.end(),
                                 [](const RiskControl& c) { return c.answer != ControlAnswer::NotApplicable; });
    if (any) in.controls = std::move(controls);
  }
  if (const json* list = member(doc, "risk_register")) {
    for (std::size_t i = 0; i < require_list(*list, doc_name + ".risk_register").size(); ++i) {
      const std::string at = doc_name + ".risk_register[" + std::to_string(i) + "]";
      const json& item = require_object((*list)[i], at);
      json_util::reject_unknown_keys(item, at, {"id", "title", "likelihood", "impact"});
      const json* l = member(item, "likelihood");
      const json* im = member(item, "impact");
      if (l == nullptr || im == nullptr) throw Error(ErrorCode::INVALID_ARGUMENT, at + ": needs likelihood and impact");
      in.risk_register.push_back({optional_text(item, "id", at), optional_text(item, "title", at),
                                  read_level(*l, at + ".likelihood"), read_level(*im, at + ".impact")});
    }
  }
  return in;
}

RiskModel RiskModel::from_json(std::string_view text) {
  const std::string where = "risk model";
  const json doc = json_util::parse(text, where);
  require_object(doc, where);
  json_util::reject_unknown_keys(doc, where,
                                 {"version", "weights", "missing_factor_risk", "incidents", "threats", "vulnerabilities",
                                  "controls", "grades"});
  RiskModel m;
  if (const json* v = member(doc, "version")) {
    m.version = json_util::require_string(*v, where + ".version");
    if (m.version.empty()) throw Error(ErrorCode::INVALID_ARGUMENT, where + ".version: must not be empty");
  } else if (!doc.empty()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, where + ": a model that changes parameters needs its own \"version\"");
  }
  if (const json* w = member(doc, "weights")) {
    require_object(*w, where + ".weights");
    for (const auto& [key, value] : w->items()) {
      std::size_t f = kRiskFactorCount;
      for (std::size_t i = 0; i < kRiskFactorCount; ++i) f = to_string(static_cast<RiskFactor>(i)) == key ? i : f;
      if (f == kRiskFactorCount) {
        throw Error(ErrorCode::INVALID_ARGUMENT, where + ".weights: unknown factor " + quoted(key) +
                                                     " (known: incidents, threats, vulnerabilities, lifecycle, backup, patch, controls)");
      }
      m.weights[f] = read_int(value, where + ".weights." + key, 0, 100);
    }
    int sum = 0;
    for (int x : m.weights) sum += x;
    if (sum != 100) throw Error(ErrorCode::INVALID_ARGUMENT, where + ".weights: must sum to 100, they sum to " + std::to_string(sum));
  }
  if (const json* v = member(doc, "missing_factor_risk")) m.missing_factor_risk = read_number(*v, where + ".missing_factor_risk", 0, 1);
  constexpr double kBig = 1e9;
  if (const json* o = member(doc, "incidents")) {
    const std::string at = where + ".incidents";
    json_util::reject_unknown_keys(require_object(*o, at), at, {"priority_points", "age_days_to_double", "half_at"});
    if (const json* p = member(*o, "priority_points")) {
      if (!p->is_array() || p->size() != 5) throw Error(ErrorCode::INVALID_ARGUMENT, at + ".priority_points: expected a list of 5 numbers");
      for (std::size_t i = 0; i < 5; ++i) m.incident_priority_points[i] = read_number((*p)[i], at + ".priority_points[" + std::to_string(i) + "]", 0, kBig);
    }
    if (const json* v = member(*o, "age_days_to_double")) m.incident_age_days_to_double = read_number(*v, at + ".age_days_to_double", 1e-9, kBig);
    if (const json* v = member(*o, "half_at")) m.incidents_half_at = read_number(*v, at + ".half_at", 1e-9, kBig);
  }
  if (const json* o = member(doc, "threats")) {
    const std::string at = where + ".threats";
    json_util::reject_unknown_keys(require_object(*o, at), at, {"half_at"});
    if (const json* v = member(*o, "half_at")) m.threats_half_at = read_number(*v, at + ".half_at", 1e-9, kBig);
  }
  if (const json* o = member(doc, "vulnerabilities")) {
    const std::string at = where + ".vulnerabilities";
    json_util::reject_unknown_keys(require_object(*o, at), at, {"default_epss", "kev_multiplier", "half_at"});
    if (const json* v = member(*o, "default_epss")) m.default_epss = read_number(*v, at + ".default_epss", 0, 1);
    if (const json* v = member(*o, "kev_multiplier")) m.kev_multiplier = read_number(*v, at + ".kev_multiplier", 0, kBig);
    if (const json* v = member(*o, "half_at")) m.vulnerabilities_half_at = read_number(*v, at + ".half_at", 1e-9, kBig);
  }
  if (const json* o = member(doc, "controls")) {
    const std::string at = where + ".controls";
    json_util::reject_unknown_keys(require_object(*o, at), at, {"weights", "answers"});
    if (const json* w = member(*o, "weights")) {
      json_util::reject_unknown_keys(require_object(*w, at + ".weights"), at + ".weights", {"high", "medium", "low"});
      for (std::size_t i = 0; i < 3; ++i) {
        if (const json* v = member(*w, kImportance[i].data())) m.control_weights[i] = read_number(*v, at + ".weights." + std::string(kImportance[i]), 0, kBig);
      }
    }
    if (const json* a = member(*o, "answers")) {
      json_util::reject_unknown_keys(require_object(*a, at + ".answers"), at + ".answers", {"aligned", "partial", "not_aligned"});
      for (std::size_t i = 0; i < 3; ++i) {
        if (const json* v = member(*a, kAnswers[i].data())) m.control_answers[i] = read_number(*v, at + ".answers." + std::string(kAnswers[i]), 0, 1);
      }
    }
  }
  if (const json* g = member(doc, "grades")) {
    const std::string at = where + ".grades";
    if (!g->is_array() || g->empty()) throw Error(ErrorCode::INVALID_ARGUMENT, at + ": expected a non-empty list");
    m.grades.clear();
    for (std::size_t i = 0; i < g->size(); ++i) {
      const std::string bat = at + "[" + std::to_string(i) + "]";
      const json& band = require_object((*g)[i], bat);
      json_util::reject_unknown_keys(band, bat, {"grade", "below"});
      const json* name = member(band, "grade");
      RiskGradeBand b{json_util::require_string(name ? *name : json(), bat + ".grade"), std::nullopt};
      if (b.grade.empty()) throw Error(ErrorCode::INVALID_ARGUMENT, bat + ".grade: must not be empty");
      const bool last = i + 1 == g->size();
      if (const json* below = member(band, "below")) {
        if (last) throw Error(ErrorCode::INVALID_ARGUMENT, bat + ": the last band has no \"below\" (it takes every higher score)");
        const double v = read_number(*below, bat + ".below", 0.1, 100);
        b.below = static_cast<int>(std::lround(v * 10));
        if (!m.grades.empty() && *b.below <= *m.grades.back().below) {
          throw Error(ErrorCode::INVALID_ARGUMENT, bat + ".below: the bands must ascend");
        }
      } else if (!last) {
        throw Error(ErrorCode::INVALID_ARGUMENT, bat + ": needs \"below\" (only the last band has none)");
      }
      m.grades.push_back(std::move(b));
    }
  }
  return m;
}

std::string RiskModel::to_json() const {
  ordered w = ordered::object();
  for (std::size_t f = 0; f < kRiskFactorCount; ++f) w[std::string(to_string(static_cast<RiskFactor>(f)))] = weights[f];
  ordered grades_json = ordered::array();
  for (const RiskGradeBand& b : grades) {
    ordered band = {{"grade", b.grade}};
    if (b.below) band["below"] = *b.below / 10.0;
    grades_json.push_back(band);
  }
  const ordered doc = {
      {"version", version},
      {"weights", w},
      {"missing_factor_risk", missing_factor_risk},
      {"incidents", {{"priority_points", incident_priority_points}, {"age_days_to_double", incident_age_days_to_double}, {"half_at", incidents_half_at}}},
      {"threats", {{"half_at", threats_half_at}}},
      {"vulnerabilities", {{"default_epss", default_epss}, {"kev_multiplier", kev_multiplier}, {"half_at", vulnerabilities_half_at}}},
      {"controls",
       {{"weights", {{"high", control_weights[0]}, {"medium", control_weights[1]}, {"low", control_weights[2]}}},
        {"answers", {{"aligned", control_answers[0]}, {"partial", control_answers[1]}, {"not_aligned", control_answers[2]}}}}},
      {"grades", grades_json},
  };
  return doc.dump();
}

std::string risk_score_to_json(const RiskScore& s) {
  ordered contributions = ordered::object();
  for (const RiskContribution& c : s.contributions) {
    contributions[std::string(to_string(c.factor))] =
        ordered{{"known", c.known}, {"risk", c.risk}, {"weight", c.weight}, {"points", c.points}, {"detail", c.detail}};
  }
  ordered reg = ordered::array();
  for (const RiskRegisterResult& r : s.risk_register) {
    reg.push_back(ordered{{"id", r.entry.id},
                          {"title", r.entry.title},
                          {"likelihood", nist_level_name(r.entry.likelihood)},
                          {"impact", nist_level_name(r.entry.impact)},
                          {"level", nist_level_name(r.level)}});
  }
  const ordered doc = {{"score", s.score()},       {"grade", s.grade},          {"coverage", s.coverage},
                       {"contributions", contributions}, {"model_version", s.model_version}, {"risk_register", reg}};
  return doc.dump();
}

}  // namespace v1
}  // namespace mspcore
