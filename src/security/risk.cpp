// The client risk score: one formula per factor, the weighted sum, grade, coverage; the NIST
// SP 800-30 Table I-2 matrix for the risk register. Formulas in docs/security-risk.md.
#include <mspcore/core/error.hpp>
#include <mspcore/security/risk.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>

namespace mspcore {
inline namespace v1 {

namespace {

// NIST SP 800-30 Rev.1 Table I-2, [likelihood - 1][impact - 1], levels 1 (Very Low) .. 5 (Very High).
constexpr std::array<std::array<int, 5>, 5> kNistTableI2{{
    {1, 1, 1, 2, 2},  // likelihood Very Low
    {1, 2, 2, 2, 3},  // Low
    {1, 2, 3, 3, 4},  // Moderate
    {1, 2, 3, 4, 5},  // High
    {1, 2, 3, 4, 5},  // Very High
}};

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

// x / (x + half): 0 at 0, 0.5 at `half`, approaching 1; exact rational of the inputs.
double saturate(double x, double half) { return x <= 0 ? 0.0 : x / (x + half); }

RiskContribution incidents(const std::vector<RiskIncident>& list, const RiskModel& m) {
  double x = 0;
  std::array<int, 5> by_priority{};
  for (const RiskIncident& i : list) {
    const double age = std::min(i.age_days, m.incident_age_days_to_double);
    x += m.incident_priority_points[static_cast<std::size_t>(i.priority - 1)] * (1 + age / m.incident_age_days_to_double);
    ++by_priority[static_cast<std::size_t>(i.priority - 1)];
  }
  std::string detail = std::to_string(list.size()) + " open (";
  for (std::size_t p = 0; p < 5; ++p) detail += (p ? ", P" : "P") + std::to_string(p + 1) + " " + std::to_string(by_priority[p]);
  detail += "), " + num(x) + " points";
  return {RiskFactor::Incidents, true, saturate(x, m.incidents_half_at), 0, 0, detail};
}

RiskContribution vulnerabilities(const std::vector<RiskVulnerability>& list, const RiskModel& m) {
  double x = 0;
  int kev = 0;
  for (const RiskVulnerability& v : list) {
    x += (v.cvss_base_tenths / 10.0) * v.epss.value_or(m.default_epss) * (v.kev ? m.kev_multiplier : 1.0);
    kev += v.kev ? 1 : 0;
  }
  return {RiskFactor::Vulnerabilities, true, saturate(x, m.vulnerabilities_half_at), 0, 0,
          std::to_string(list.size()) + " open (" + std::to_string(kev) + " in KEV), " + num(x) + " points"};
}

std::optional<RiskContribution> controls(const std::vector<RiskControl>& list, const RiskModel& m) {
  double total = 0, aligned = 0;
  std::size_t answered = 0;
  for (const RiskControl& c : list) {
    if (c.answer == ControlAnswer::NotApplicable) continue;
    const double w = m.control_weights[static_cast<std::size_t>(c.importance)];
    total += w;
    aligned += w * m.control_answers[static_cast<std::size_t>(c.answer)];
    ++answered;
  }
  if (answered == 0 || total <= 0) return std::nullopt;
  const double alignment = aligned / total;
  return RiskContribution{RiskFactor::Controls, true, 1 - alignment, 0, 0,
                          std::to_string(answered) + " answered, alignment " + num(alignment * 100) + "%"};
}

}  // namespace

std::string_view to_string(RiskFactor factor) noexcept {
  switch (factor) {
    case RiskFactor::Incidents: return "incidents";
    case RiskFactor::Threats: return "threats";
    case RiskFactor::Vulnerabilities: return "vulnerabilities";
    case RiskFactor::Lifecycle: return "lifecycle";
    case RiskFactor::Backup: return "backup";
    case RiskFactor::Patch: return "patch";
    case RiskFactor::Controls: return "controls";
  }
  return "";
}

std::string_view RiskModel::grade(int score_tenths) const {
  for (const RiskGradeBand& b : grades) {
    if (!b.below || score_tenths < *b.below) return b.grade;
  }
  return grades.empty() ? std::string_view() : std::string_view(grades.back().grade);
}

int nist_risk_level(int likelihood, int impact) {
  if (likelihood < 1 || likelihood > 5 || impact < 1 || impact > 5) {
    throw Error(ErrorCode::OUT_OF_RANGE, "NIST risk level: likelihood " + std::to_string(likelihood) + " and impact " +
                                             std::to_string(impact) + " must be from 1 to 5");
  }
  return kNistTableI2[static_cast<std::size_t>(likelihood - 1)][static_cast<std::size_t>(impact - 1)];
}

std::string_view nist_level_name(int level) noexcept {
  static constexpr std::array<std::string_view, 5> kNames{"Very Low", "Low", "Moderate", "High", "Very High"};
  return level >= 1 && level <= 5 ? kNames[static_cast<std::size_t>(level - 1)] : std::string_view();
}

int nist_level_from_name(std::string_view name) {
  std::string key;
  for (char c : name) key += (c == ' ' || c == '_' || c == '-') ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (key.size() == 1 && key[0] >= '1' && key[0] <= '5') return key[0] - '0';
  for (int level = 1; level <= 5; ++level) {
    std::string expected(nist_level_name(level));
    for (char& c : expected) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (key == expected) return level;
  }
  throw Error(ErrorCode::INVALID_ARGUMENT, "unknown NIST level " + quoted(name) +
                                               " (known: Very Low, Low, Moderate, High, Very High or 1-5)");
}

RiskScore risk_score(const RiskInputs& in, const RiskModel& m) {
  std::array<std::optional<RiskContribution>, kRiskFactorCount> known;
  if (in.incidents) known[0] = incidents(*in.incidents, m);
  if (in.unmitigated_threats) {
    const double n = static_cast<double>(*in.unmitigated_threats);
    known[1] = RiskContribution{RiskFactor::Threats, true, saturate(n, m.threats_half_at), 0, 0,
                                std::to_string(*in.unmitigated_threats) + " unmitigated"};
  }
  if (in.vulnerabilities) known[2] = vulnerabilities(*in.vulnerabilities, m);
  if (in.lifecycle) {
    const RiskLifecycle& l = *in.lifecycle;
    const double n = static_cast<double>(l.assets);
    const double risk = (static_cast<double>(l.past_warranty) / n + static_cast<double>(l.os_past_eol) / n) / 2;
    known[3] = RiskContribution{RiskFactor::Lifecycle, true, risk, 0, 0,
                                std::to_string(l.past_warranty) + " of " + std::to_string(l.assets) + " past warranty, " +
                                    std::to_string(l.os_past_eol) + " with OS past end of life"};
  }
  if (in.backup_compliance) {
    known[4] = RiskContribution{RiskFactor::Backup, true, 1 - *in.backup_compliance / 100, 0, 0,
                                num(*in.backup_compliance) + "% compliant"};
  }
  if (in.patch_compliance) {
    known[5] = RiskContribution{RiskFactor::Patch, true, 1 - *in.patch_compliance / 100, 0, 0,
                                num(*in.patch_compliance) + "% compliant"};
  }
  if (in.controls) known[6] = controls(*in.controls, m);

  RiskScore out;
  out.model_version = m.version;
  double sum = 0;
  for (std::size_t f = 0; f < kRiskFactorCount; ++f) {
    RiskContribution c = known[f] ? *known[f]
                                  : RiskContribution{static_cast<RiskFactor>(f), false, m.missing_factor_risk, 0, 0,
                                                     "missing: counted as " + num(m.missing_factor_risk)};
    c.risk = std::clamp(c.risk, 0.0, 1.0);
    c.weight = m.weights[f];
    c.points = c.weight * c.risk;
    sum += c.points;
    if (c.known) out.coverage += c.weight;
    out.contributions.push_back(std::move(c));
  }
  // Half up to tenths; the tolerance absorbs binary representation error (62.25 stored as 62.2499...).
  out.score_tenths = std::clamp(static_cast<int>(std::floor(sum * 10 + 0.5 + 1e-9)), 0, 1000);
  out.grade = std::string(m.grade(out.score_tenths));
  for (const RiskRegisterEntry& e : in.risk_register) out.risk_register.push_back({e, nist_risk_level(e.likelihood, e.impact)});
  return out;
}

}  // namespace v1
}  // namespace mspcore
