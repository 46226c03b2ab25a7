/// @file cvss.hpp
/// @brief CVSS v3.0, v3.1 and v4.0 vectors: parse, score exactly, rate severity.
///
/// Scores are exact integers in tenths (9.8 is 98): v3.x uses the specification's
/// Roundup on integers (CVSS v3.1 Appendix A), v4.0 the MacroVector lookup and
/// interpolation of the FIRST specification computed on rationals and rounded half up
/// once, which matches the Red Hat reference implementation on every published vector.
/// See docs/security-cvss.md.
#pragma once

#include <mspcore/core/error.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace mspcore {
inline namespace v1 {

/// The CVSS specification a vector follows, from its prefix "CVSS:3.0/", "CVSS:3.1/" or "CVSS:4.0/".
/// Values are those of the C enum msp_cvss_version (the C ABI checks at compile time).
enum class CvssVersion : std::uint8_t {
  V3_0 = 30,  ///< CVSS v3.0
  V3_1 = 31,  ///< CVSS v3.1
  V4_0 = 40   ///< CVSS v4.0
};

/// Qualitative severity rating of a score (the same bands in v3.x and v4.0).
/// Values are those of the C enum msp_cvss_severity (the C ABI checks at compile time).
enum class CvssSeverity : std::uint8_t {
  None = 0,     ///< 0.0
  Low = 1,      ///< 0.1 - 3.9
  Medium = 2,   ///< 4.0 - 6.9
  High = 3,     ///< 7.0 - 8.9
  Critical = 4  ///< 9.0 - 10.0
};

/// The scores of one CVSS vector, as exact integer tenths (9.8 is 98).
///
/// - v3.x: `base_tenths`, `temporal_tenths` and `environmental_tenths` are always set
///   (metrics left out count as Not Defined, as in the specification); `score_tenths`
///   is the most specific score the vector defines: the environmental score if any
///   environmental metric (CR, IR, AR, MAV ... MA) has a value other than X, else the
///   temporal score if any temporal metric (E, RL, RC) has, else the base score.
/// - v4.0: `score_tenths` is the score of the vector as given (CVSS-B, -BT, -BE or -BTE,
///   see nomenclature()); `base_tenths` is the CVSS-B score of its base metrics alone
///   (threat and environmental metrics ignored); temporal and environmental are empty.
///   Supplemental metrics (S, AU, R, V, RE, U) are validated but never change a score.
struct CvssScores {
  CvssVersion version = CvssVersion::V3_1;      ///< specification of the vector
  int base_tenths = 0;                          ///< base score (v4.0: CVSS-B)
  std::optional<int> temporal_tenths;           ///< v3.x temporal score; empty for v4.0
  std::optional<int> environmental_tenths;      ///< v3.x environmental score; empty for v4.0
  int score_tenths = 0;                         ///< the score to use; see the struct description
  bool has_threat = false;         ///< a temporal (v3.x: E, RL, RC) / threat (v4.0: E) metric is not X
  bool has_environmental = false;  ///< an environmental metric is not X

  /// `score_tenths` as a double (9.8).
  double score() const noexcept { return score_tenths / 10.0; }
  /// `base_tenths` as a double.
  double base() const noexcept { return base_tenths / 10.0; }
  /// Severity rating of `score_tenths`.
  CvssSeverity severity() const noexcept;
  /// `score_tenths` as text with one decimal ("9.8", "10.0").
  std::string score_string() const;
  /// "CVSS-B", "CVSS-BT", "CVSS-BE" or "CVSS-BTE": the metric groups behind `score_tenths`
  /// (the CVSS v4.0 nomenclature; for v3.x T stands for the temporal group).
  std::string_view nomenclature() const noexcept;

  /// Member-wise equality.
  friend bool operator==(const CvssScores&, const CvssScores&) = default;
};

/// Parse and score a CVSS v3.0, v3.1 or v4.0 vector string ("CVSS:3.1/AV:N/AC:L/...").
///
/// Metrics may come in any order; metric names and values are case-sensitive; metrics
/// that are not mandatory may be left out (they count as X, Not Defined). Throws
/// Error(PARSE_ERROR) for an empty string, a missing or unsupported prefix, a trailing
/// or doubled '/', a field that is not METRIC:VALUE, an unknown or duplicate metric, a
/// value the metric does not have, or missing mandatory metrics; the message quotes the
/// vector and names the problem, e.g.
/// "CVSS vector 'CVSS:3.1/AV:X/...': metric AV has no value 'X' (expected N, A, L, P)".
/// Never allocates unless it throws.
CvssScores cvss_score(std::string_view vector);

/// Score a column of vectors without throwing per row: `score_tenths[i]` receives the
/// score (CvssScores::score_tenths) of `vectors[i]` and `status[i]` 0 (OK), or -1 and the
/// error code (PARSE_ERROR) that cvss_score() would throw. Throws Error(INVALID_ARGUMENT)
/// only if the three spans differ in length. Allocates nothing.
void cvss_score_many(std::span<const std::string_view> vectors, std::span<std::int32_t> score_tenths,
                     std::span<std::int32_t> status);

/// Score one vector without throwing: the score in tenths, or -1 with `*code` (if not
/// null) set to the error code. The kernel behind cvss_score_many().
std::int32_t cvss_try_score(std::string_view vector, ErrorCode* code = nullptr) noexcept;

/// Severity rating of a score in tenths (0..100). Throws Error(OUT_OF_RANGE) outside 0..100.
CvssSeverity cvss_severity_rating(int tenths);

/// Name of the severity rating of a score in tenths: "None", "Low", "Medium", "High" or
/// "Critical". Throws Error(OUT_OF_RANGE) outside 0..100.
std::string_view cvss_severity(int tenths);

/// "None", "Low", "Medium", "High" or "Critical".
std::string_view to_string(CvssSeverity severity) noexcept;

/// "3.0", "3.1" or "4.0".
std::string_view to_string(CvssVersion version) noexcept;

/// Tenths as text with one decimal: 98 -> "9.8", 100 -> "10.0", 0 -> "0.0".
std::string cvss_format_tenths(int tenths);

}  // namespace v1
}  // namespace mspcore
