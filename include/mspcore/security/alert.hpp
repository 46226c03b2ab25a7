/// @file alert.hpp
/// @brief Security alerts from SentinelOne, RocketCyber and Barracuda XDR normalised into one record.
///
/// Each source's payload (JSON text, in the vendor's own shape) becomes a NormalizedAlert:
/// who (tenant), where (asset), what (threat, title, category), how bad (severity, verdict,
/// confidence), how far handled (mitigation, status) and when (first/last seen). Every enum
/// keeps the vendor's raw text beside the mapped value; a value a table does not know maps
/// to Unknown and is never dropped. The mapping table of each source is in
/// docs/security-alerts.md.
#pragma once

#include <mspcore/core/error.hpp>
#include <mspcore/time/instant.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// Where an alert comes from; the names are "sentinelone", "sentinelone_uam",
/// "rocketcyber" and "barracuda_xdr".
enum class AlertSource : std::uint8_t {
  SentinelOne,     ///< SentinelOne threat, REST API v2.1 (`/web/api/v2.1/threats`, one `data[]` element)
  SentinelOneUam,  ///< SentinelOne Unified Alert Management alert (GraphQL `alerts`, one `edges[].node`)
  RocketCyber,     ///< RocketCyber incident, API v3 (`/v3/incidents`, one `data[]` element)
  BarracudaXdr     ///< Barracuda XDR alarm in the JSON shape of docs/security-alerts.md
};

/// How severe the source rates the alert.
enum class AlertSeverity : std::uint8_t { Unknown, Info, Low, Medium, High, Critical };

/// An analyst's verdict. Undefined: the source says nobody has decided yet.
enum class AlertVerdict : std::uint8_t { Unknown, Undefined, TruePositive, Suspicious, FalsePositive };

/// How sure the detection engine is.
enum class AlertConfidence : std::uint8_t { Unknown, Suspicious, Malicious };

/// How far the threat is contained on the asset.
enum class MitigationStatus : std::uint8_t { Unknown, NotMitigated, InProgress, Partially, Mitigated };

/// Where the alert is in the source's workflow.
enum class AlertStatus : std::uint8_t { Unknown, Open, InProgress, Resolved };

/// A mapped enum value together with the vendor's text it came from.
template <class E>
struct Mapped {
  E value{};                       ///< the mapped value; Unknown when the table does not know `raw`
  std::optional<std::string> raw;  ///< the vendor's value as given; empty when the payload has none

  /// Member-wise equality.
  friend bool operator==(const Mapped&, const Mapped&) = default;
};

/// The vendor's customer scope of an alert, as given (ids as text).
struct AlertTenant {
  std::optional<std::string> account_id;    ///< account / customer id
  std::optional<std::string> account_name;  ///< account / customer name
  std::optional<std::string> site_id;       ///< site id (SentinelOne)
  std::optional<std::string> site_name;     ///< site name (SentinelOne)

  /// Member-wise equality.
  friend bool operator==(const AlertTenant&, const AlertTenant&) = default;
};

/// The endpoint an alert is about.
struct AlertAsset {
  std::optional<std::string> id;    ///< the source's device / agent id
  std::optional<std::string> name;  ///< host name

  /// Member-wise equality.
  friend bool operator==(const AlertAsset&, const AlertAsset&) = default;
};

/// One alert in the common shape of every source (docs/security-alerts.md).
struct NormalizedAlert {
  AlertSource source = AlertSource::SentinelOne;  ///< where it comes from
  std::string source_id;                          ///< the source's id of the alert (never empty)
  AlertTenant tenant;                             ///< the vendor's customer scope
  AlertAsset asset;                               ///< the (first) affected endpoint
  std::uint32_t affected_assets = 0;              ///< endpoints the source names (0 when none)
  /// Stable key of the threat for correlation: "sha256:<hex>", "sha1:<hex>" or "md5:<hex>"
  /// (lower case) when the source gives a file hash, else "name:<detection name>", else
  /// "id:<source_id>" (correlates with nothing).
  std::string threat;
  std::string title;                       ///< short text of the alert ("" when the source has none)
  std::optional<std::string> description;  ///< longer text, when the source has one
  std::optional<std::string> category;     ///< the source's classification ("Malware", "RANSOMWARE")
  Mapped<AlertSeverity> severity;          ///< severity
  Mapped<AlertVerdict> verdict;            ///< analyst verdict
  Mapped<AlertConfidence> confidence;      ///< engine confidence
  Mapped<MitigationStatus> mitigation;     ///< mitigation status
  Mapped<AlertStatus> status;              ///< workflow status
  Instant first_seen{};                    ///< first detection (UTC)
  Instant last_seen{};                     ///< latest activity the source reports; >= first_seen
  std::vector<std::string> cves;           ///< CVE ids ("CVE-2024-3400"), upper case
  std::optional<std::string> cvss_vector;  ///< CVSS v3.x / v4.0 vector, validated
  std::optional<int> cvss_score_tenths;    ///< its score in tenths (see cvss_score())

  /// Member-wise equality.
  friend bool operator==(const NormalizedAlert&, const NormalizedAlert&) = default;
};

/// Normalise one alert. `source` is a name of AlertSource ("sentinelone", ...); `payload` is
/// the JSON object the vendor delivers for one alert (see docs/security-alerts.md for each
/// shape). Throws Error with a message naming the record by source and id:
/// INVALID_ARGUMENT for an unknown source, a payload that is not an object, a missing or
/// empty id, a field of the wrong type or a bad CVE id; PARSE_ERROR for malformed JSON or a
/// malformed CVSS vector; NAIVE_DATETIME / INVALID_TIME for a bad or missing first-seen time;
/// INVALID_TIMELINE when the last-seen time lies before the first-seen time.
NormalizedAlert normalize_alert(std::string_view source, std::string_view payload);

/// One record of a batch: its source name and its payload (JSON text).
struct AlertRecord {
  std::string_view source;   ///< a name of AlertSource
  std::string_view payload;  ///< the vendor's JSON object
};

/// What became of one record of a batch: an alert, or the error normalize_alert() would throw.
struct AlertOutcome {
  std::size_t index = 0;                ///< position of the record in the batch
  std::optional<NormalizedAlert> alert;  ///< set when the record normalised
  ErrorCode code = ErrorCode::OK;       ///< OK, or the error's code
  std::string message;                  ///< the error's message ("record 3: ..."), "" when OK
};

/// Normalise a batch; a bad record (malformed JSON, missing id, unknown source, bad CVSS
/// vector, ...) gets its error and the others still go through. Never throws for a record
/// (only std::bad_alloc).
std::vector<AlertOutcome> normalize_alerts(std::span<const AlertRecord> records);

/// Normalise a JSON array of payloads of one source, record by record as above. Throws only
/// for the call as a whole: Error(INVALID_ARGUMENT) for an unknown source or a document that
/// is not an array, Error(PARSE_ERROR) for malformed JSON.
std::vector<AlertOutcome> normalize_alerts(std::string_view source, std::string_view json_array);

/// The record as a JSON object (docs/security-alerts.md, "The normalised record").
std::string alert_to_json(const NormalizedAlert& alert);

/// Read a record written by alert_to_json(). "source", "source_id" and "first_seen" are
/// required; the other members may be left out (enums are then Unknown, last_seen is
/// first_seen). Unknown members, unknown enum names and bad types are Error(INVALID_ARGUMENT);
/// malformed JSON is Error(PARSE_ERROR).
NormalizedAlert alert_from_json(std::string_view json);

/// "sentinelone", "sentinelone_uam", "rocketcyber", "barracuda_xdr".
std::string_view to_string(AlertSource source) noexcept;
/// "unknown", "info", "low", "medium", "high", "critical".
std::string_view to_string(AlertSeverity severity) noexcept;
/// "unknown", "undefined", "true_positive", "suspicious", "false_positive".
std::string_view to_string(AlertVerdict verdict) noexcept;
/// "unknown", "suspicious", "malicious".
std::string_view to_string(AlertConfidence confidence) noexcept;
/// "unknown", "not_mitigated", "in_progress", "partially", "mitigated".
std::string_view to_string(MitigationStatus mitigation) noexcept;
/// "unknown", "open", "in_progress", "resolved".
std::string_view to_string(AlertStatus status) noexcept;

/// The source of a name; Error(INVALID_ARGUMENT) listing the known names otherwise.
AlertSource parse_alert_source(std::string_view name);

}  // namespace v1
}  // namespace mspcore
