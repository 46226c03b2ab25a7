// CVSS entry points: prefix dispatch, error messages, severity ratings and the batch kernel.
#include "security/cvss_detail.hpp"

#include <mspcore/security/cvss.hpp>

#include <cstring>
#include <string>

namespace mspcore {
inline namespace v1 {
namespace {

using detail::cvss::Failure;
using detail::cvss::MetricDef;
using detail::cvss::ParsedVector;
using detail::cvss::Problem;

constexpr std::size_t kPrefixSize = 9;  // "CVSS:3.1/"

/// Parse any supported version; on failure `fail` says why (nothing is allocated).
bool parse(std::string_view vector, ParsedVector& out, Failure& fail) noexcept {
  if (vector.empty()) {
    fail.problem = Problem::Empty;
    return false;
  }
  const bool v3 = vector.size() >= kPrefixSize &&
                  (std::memcmp(vector.data(), "CVSS:3.1/", kPrefixSize) == 0 ||
                   std::memcmp(vector.data(), "CVSS:3.0/", kPrefixSize) == 0);
  const bool v4 = !v3 && vector.size() >= kPrefixSize && std::memcmp(vector.data(), "CVSS:4.0/", kPrefixSize) == 0;
  if (!v3 && !v4) {
    fail.problem = Problem::Prefix;
    return false;
  }
  out.version = v4 ? CvssVersion::V4_0 : vector[7] == '0' ? CvssVersion::V3_0 : CvssVersion::V3_1;
  if (vector.back() == '/') {
    fail.problem = Problem::TrailingSlash;
    return false;
  }
  return v4 ? detail::cvss::parse_v4(vector, out, fail) : detail::cvss::parse_v3(vector, out, fail);
}

/// 'value' for a message, like mspcore::quoted(), but never cut inside a UTF-8 character (the
/// message must stay valid UTF-8 for Python) and with control characters shown as '?'.
std::string quote(std::string_view value) {
  constexpr std::size_t kMax = 80;
  std::size_t n = value.size();
  if (n > kMax) {
    n = kMax;
    while (n > 0 && (static_cast<unsigned char>(value[n]) & 0xC0) == 0x80) --n;
  }
  std::string out = "'";
  for (std::size_t i = 0; i < n; ++i) out += static_cast<unsigned char>(value[i]) < 0x20 ? '?' : value[i];
  if (n < value.size()) out += "...";
  return out + "'";
}

std::string join_values(const MetricDef& def) {
  std::string out;
  for (std::size_t i = 0; i < def.count; ++i) {
    if (i > 0) out += ", ";
    out += def.values[i];
  }
  return out;
}

std::string describe(std::string_view vector, const Failure& f, CvssVersion version) {
  const std::string head = "CVSS vector " + quote(vector) + ": ";
  const auto part = [&] { return vector.substr(f.begin, f.size); };
  const auto defs = detail::cvss::metric_defs(version);
  const auto version_name = [&] { return "CVSS v" + std::string(to_string(version)); };
  switch (f.problem) {
    case Problem::Empty:
      return "CVSS vector '': the vector is empty (expected e.g. 'CVSS:3.1/AV:N/AC:L/...')";
    case Problem::Prefix: {
      const std::string_view token = vector.substr(0, vector.find('/'));
      if (token == "CVSS:3.0" || token == "CVSS:3.1" || token == "CVSS:4.0")
        return head + "no metrics after the prefix '" + std::string(token) + "'";
      if (token.starts_with("CVSS:"))
        return head + "unsupported CVSS version " + quote(token) + " (expected CVSS:3.0, CVSS:3.1 or CVSS:4.0)";
      return head + "missing prefix 'CVSS:3.0/', 'CVSS:3.1/' or 'CVSS:4.0/'";
    }
    case Problem::TrailingSlash:
      if (vector.size() == kPrefixSize) return head + "no metrics after the prefix";
      return head + "trailing '/'";
    case Problem::EmptyField:
      return head + "empty field at offset " + std::to_string(f.begin) + " ('//')";
    case Problem::NotMetricValue:
      return head + "field " + quote(part()) + " is not METRIC:VALUE";
    case Problem::UnknownMetric:
      return head + "unknown metric " + quote(part()) + " for " + version_name();
    case Problem::DuplicateMetric:
      return head + "metric " + std::string(defs[static_cast<std::size_t>(f.metric)].name) + " appears more than once";
    case Problem::BadValue: {
      const MetricDef& def = defs[static_cast<std::size_t>(f.metric)];
      return head + "metric " + std::string(def.name) + " has no value " + quote(part()) + " (expected " +
             join_values(def) + ")";
    }
    case Problem::MissingMandatory: {
      std::string names;
      int count = 0;
      for (std::size_t i = 0; i < defs.size(); ++i) {
        if ((f.missing >> i & 1u) == 0) continue;
        if (count++ > 0) names += ", ";
        names += defs[i].name;
      }
      return head + (count == 1 ? "missing mandatory metric " : "missing mandatory metrics ") + names;
    }
    case Problem::None:
      break;
  }
  return head + "malformed";
}

CvssSeverity severity_of(int tenths) noexcept {
  if (tenths <= 0) return CvssSeverity::None;
  if (tenths <= 39) return CvssSeverity::Low;
  if (tenths <= 69) return CvssSeverity::Medium;
  if (tenths <= 89) return CvssSeverity::High;
  return CvssSeverity::Critical;
}

}  // namespace

CvssScores cvss_score(std::string_view vector) {
  ParsedVector parsed;
  Failure fail;
  if (!parse(vector, parsed, fail)) throw Error(ErrorCode::PARSE_ERROR, describe(vector, fail, parsed.version));
  CvssScores out;
  if (parsed.version == CvssVersion::V4_0) {
    out.version = CvssVersion::V4_0;
    detail::cvss::v4_groups(parsed, out.has_threat, out.has_environmental);
    out.score_tenths = detail::cvss::score_v4_tenths(parsed, false);
    out.base_tenths = out.has_threat || out.has_environmental ? detail::cvss::score_v4_tenths(parsed, true)
                                                              : out.score_tenths;
  } else {
    detail::cvss::score_v3(parsed, out);
  }
  return out;
}

std::int32_t cvss_try_score(std::string_view vector, ErrorCode* code) noexcept {
  ParsedVector parsed;
  Failure fail;
  if (!parse(vector, parsed, fail)) {
    if (code != nullptr) *code = ErrorCode::PARSE_ERROR;
    return -1;
  }
  if (code != nullptr) *code = ErrorCode::OK;
  return parsed.version == CvssVersion::V4_0 ? detail::cvss::score_v4_tenths(parsed, false)
                                             : detail::cvss::score_v3_tenths(parsed);
}

void cvss_score_many(std::span<const std::string_view> vectors, std::span<std::int32_t> score_tenths,
                     std::span<std::int32_t> status) {
  if (score_tenths.size() != vectors.size() || status.size() != vectors.size()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, "cvss_score_many: columns differ in length: " +
                                                 std::to_string(vectors.size()) + " vectors, " +
                                                 std::to_string(score_tenths.size()) + " scores, " +
                                                 std::to_string(status.size()) + " statuses");
  }
  for (std::size_t i = 0; i < vectors.size(); ++i) {
    ErrorCode code = ErrorCode::OK;
    score_tenths[i] = cvss_try_score(vectors[i], &code);
    status[i] = static_cast<std::int32_t>(code);
  }
}

CvssSeverity cvss_severity_rating(int tenths) {
  if (tenths < 0 || tenths > 100) {
    throw Error(ErrorCode::OUT_OF_RANGE, "CVSS score " + cvss_format_tenths(tenths) + " is outside 0.0 to 10.0");
  }
  return severity_of(tenths);
}

std::string_view cvss_severity(int tenths) { return to_string(cvss_severity_rating(tenths)); }

std::string_view to_string(CvssSeverity severity) noexcept {
  switch (severity) {
    case CvssSeverity::None: return "None";
    case CvssSeverity::Low: return "Low";
    case CvssSeverity::Medium: return "Medium";
    case CvssSeverity::High: return "High";
    case CvssSeverity::Critical: return "Critical";
  }
  return "";
}

std::string_view to_string(CvssVersion version) noexcept {
  switch (version) {
    case CvssVersion::V3_0: return "3.0";
    case CvssVersion::V3_1: return "3.1";
    case CvssVersion::V4_0: return "4.0";
  }
  return "";
}

std::string cvss_format_tenths(int tenths) {
  const long long v = tenths;
  const long long a = v < 0 ? -v : v;
  std::string out = v < 0 ? "-" : "";
  out += std::to_string(a / 10);
  out += '.';
  out += static_cast<char>('0' + a % 10);
  return out;
}

CvssSeverity CvssScores::severity() const noexcept { return severity_of(score_tenths); }

std::string CvssScores::score_string() const { return cvss_format_tenths(score_tenths); }

std::string_view CvssScores::nomenclature() const noexcept {
  if (has_threat) return has_environmental ? "CVSS-BTE" : "CVSS-BT";
  return has_environmental ? "CVSS-BE" : "CVSS-B";
}

}  // namespace v1
}  // namespace mspcore
