// Private to the alert normalisers (and the pipeline, for the enum tables): JSON field access
// that tolerates the vendors' nulls (alert_fields.cpp), the enum tables, and one normaliser per
// source (alert_<source>.cpp).
#pragma once

#include "core/json_scan.hpp"
#include "core/json_util.hpp"

#include <mspcore/security/alert.hpp>

#include <array>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace mspcore {
inline namespace v1 {
namespace detail::alert {

using json = nlohmann::json;

/// Number of values of each enum (they count from 0 without gaps).
template <class E>
inline constexpr int kCount = 0;
template <>
inline constexpr int kCount<AlertSource> = 4;
template <>
inline constexpr int kCount<AlertSeverity> = 6;
template <>
inline constexpr int kCount<AlertVerdict> = 5;
template <>
inline constexpr int kCount<AlertConfidence> = 3;
template <>
inline constexpr int kCount<MitigationStatus> = 5;
template <>
inline constexpr int kCount<AlertStatus> = 4;

/// The value whose to_string() is `name`, if any.
template <class E>
std::optional<E> from_name(std::string_view name) {
  for (int i = 0; i < kCount<E>; ++i) {
    if (to_string(static_cast<E>(i)) == name) return static_cast<E>(i);
  }
  return std::nullopt;
}

/// "a, b, c": the names of an enum for messages.
template <class E>
std::string names() {
  std::string out;
  for (int i = 0; i < kCount<E>; ++i) out += (i ? ", " : "") + std::string(to_string(static_cast<E>(i)));
  return out;
}

/// One row of a source's enum table. `word` is written the way match_word() compares:
/// lower case, '_' for spaces and dashes.
template <class E>
struct Word {
  std::string_view word;
  E value;
};

/// The severity names SentinelOne UAM, RocketCyber and Barracuda XDR all use.
inline constexpr std::array<Word<AlertSeverity>, 6> kSeverityWords{{
    {"critical", AlertSeverity::Critical},
    {"high", AlertSeverity::High},
    {"medium", AlertSeverity::Medium},
    {"low", AlertSeverity::Low},
    {"informational", AlertSeverity::Info},
    {"info", AlertSeverity::Info},
}};

/// SentinelOne's analyst verdicts and engine confidence levels: the same words in the REST
/// threats and the Unified Alert Management alerts.
inline constexpr std::array<Word<AlertVerdict>, 4> kSentinelOneVerdicts{{
    {"true_positive", AlertVerdict::TruePositive},
    {"suspicious", AlertVerdict::Suspicious},
    {"false_positive", AlertVerdict::FalsePositive},
    {"undefined", AlertVerdict::Undefined},
}};
inline constexpr std::array<Word<AlertConfidence>, 2> kSentinelOneConfidences{{
    {"malicious", AlertConfidence::Malicious},
    {"suspicious", AlertConfidence::Suspicious},
}};

/// Vendors spell the same word "IN_PROGRESS", "in_progress" and "In Progress".
bool match_word(std::string_view table_word, std::string_view raw) noexcept;

/// The member at `path`, or nullptr when any step is missing, null or not an object.
const json* find(const json& object, std::initializer_list<std::string_view> path);

/// The first of `candidates` that is present (not null).
const json* first_of(std::initializer_list<const json*> candidates);

/// Text of a string or number member; empty for nullptr. Anything else is
/// Error(INVALID_ARGUMENT) naming `where`.
std::optional<std::string> text(const json* value, const std::string& where);

/// A vendor enum mapped through `table`: the raw text is kept; a value the table does not
/// know maps to Unknown (value 0). A number or boolean is kept as its JSON text.
template <class E>
Mapped<E> map(const json* value, std::span<const Word<E>> table, const std::string& where) {
  Mapped<E> out;
  if (value == nullptr) return out;
  if (!value->is_string() && !value->is_number() && !value->is_boolean()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected a string, got " + value->dump());
  }
  out.raw = value->is_string() ? value->get<std::string>() : value->dump();
  for (const Word<E>& w : table) {
    if (match_word(w.word, *out.raw)) {
      out.value = w.value;
      break;
    }
  }
  return out;
}

/// The required id of a record: a non-empty string or an integer.
std::string require_id(const json* value, const std::string& where);

/// An instant member; empty for nullptr.
std::optional<Instant> instant(const json* value, const std::string& where);

/// A file hash as "<kind>:<lower-case hex>"; empty when missing, "" or "N/A".
std::optional<std::string> hash_key(const json* value, std::string_view kind, const std::string& where);

/// The threat key: the first hash given, else "name:<name>", else "id:<source_id>".
std::string threat_key(std::initializer_list<std::optional<std::string>> hashes, const std::optional<std::string>& name,
                       const std::string& source_id);

/// Sets first/last seen: `first` is required (`first_fields` names where it was looked for),
/// `last` defaults to it and must not lie before it.
void set_seen(NormalizedAlert& alert, const std::optional<Instant>& first, const std::optional<Instant>& last,
              const std::string& first_fields);

/// "SentinelOne threat '715...'": how messages name a record.
std::string record_name(AlertSource source, const std::string& id);

/// What a normaliser reads of its payload, for json_util::parse_kept().
using json_util::KeepFilter;
using json_util::KeepMember;

/// What normalize_sentinelone() reads of a REST threat (kept in step with it).
extern const KeepFilter kSentinelOneKeep;
/// What normalize_rocketcyber() reads of an incident (kept in step with it).
extern const KeepFilter kRocketCyberKeep;

NormalizedAlert normalize_sentinelone(const json& payload);
NormalizedAlert normalize_sentinelone_uam(const json& payload);
NormalizedAlert normalize_rocketcyber(const json& payload);
NormalizedAlert normalize_barracuda_xdr(const json& payload);

/// Validate and set CVE ids and a CVSS vector (Barracuda XDR carries them).
void set_vulnerability(NormalizedAlert& alert, const json* cves, const json* cvss_vector);

}  // namespace detail::alert
}  // namespace v1
}  // namespace mspcore
