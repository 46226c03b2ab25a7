// Alert normalisation entry points: source dispatch, enum names, and the batches that turn
// a bad record into its own error instead of failing the rest.
#include "security/alert_detail.hpp"

#include <new>

namespace mspcore {
inline namespace v1 {
namespace {

using detail::alert::json;

NormalizedAlert normalize_parsed(AlertSource source, const json& payload) {
  if (!payload.is_object()) {
    throw Error(ErrorCode::INVALID_ARGUMENT,
                detail::alert::record_name(source, "") + ": expected a JSON object, got " + std::string(payload.type_name()));
  }
  switch (source) {
    case AlertSource::SentinelOne:
      return detail::alert::normalize_sentinelone(payload);
    case AlertSource::SentinelOneUam:
      return detail::alert::normalize_sentinelone_uam(payload);
    case AlertSource::RocketCyber:
      return detail::alert::normalize_rocketcyber(payload);
    case AlertSource::BarracudaXdr:
      return detail::alert::normalize_barracuda_xdr(payload);
  }
  throw Error(ErrorCode::INTERNAL, "alert source out of range");
}

/// Runs one record; any Error becomes the outcome's code and message ("record 3: ...").
template <class Normalize>
AlertOutcome outcome(std::size_t index, Normalize&& normalize) {
  AlertOutcome out;
  out.index = index;
  try {
    out.alert = normalize();
  } catch (const Error& e) {
    out.code = e.code();
    out.message = "record " + std::to_string(index) + ": " + e.what();
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {  // nlohmann type errors and the like: still one record's problem
    out.code = ErrorCode::INTERNAL;
    out.message = "record " + std::to_string(index) + ": " + e.what();
  }
  return out;
}

}  // namespace

std::string_view to_string(AlertSource source) noexcept {
  static constexpr std::string_view kNames[] = {"sentinelone", "sentinelone_uam", "rocketcyber", "barracuda_xdr"};
  return kNames[static_cast<int>(source)];
}

std::string_view to_string(AlertSeverity severity) noexcept {
  static constexpr std::string_view kNames[] = {"unknown", "info", "low", "medium", "high", "critical"};
  return kNames[static_cast<int>(severity)];
}

std::string_view to_string(AlertVerdict verdict) noexcept {
  static constexpr std::string_view kNames[] = {"unknown", "undefined", "true_positive", "suspicious", "false_positive"};
  return kNames[static_cast<int>(verdict)];
}

std::string_view to_string(AlertConfidence confidence) noexcept {
  static constexpr std::string_view kNames[] = {"unknown", "suspicious", "malicious"};
  return kNames[static_cast<int>(confidence)];
}

std::string_view to_string(MitigationStatus mitigation) noexcept {
  static constexpr std::string_view kNames[] = {"unknown", "not_mitigated", "in_progress", "partially", "mitigated"};
  return kNames[static_cast<int>(mitigation)];
}

std::string_view to_string(AlertStatus status) noexcept {
  static constexpr std::string_view kNames[] = {"unknown", "open", "in_progress", "resolved"};
  return kNames[static_cast<int>(status)];
}

AlertSource parse_alert_source(std::string_view name) {
  if (auto source = detail::alert::from_name<AlertSource>(name)) return *source;
  throw Error(ErrorCode::INVALID_ARGUMENT, "unknown alert source " + quoted(name) +
                                               " (known: " + detail::alert::names<AlertSource>() + ")");
}

NormalizedAlert normalize_alert(std::string_view source, std::string_view payload) {
  const AlertSource s = parse_alert_source(source);
  const std::string what = detail::alert::record_name(s, "");
  switch (s) {
    // A REST threat is ~3.7 kB of which the normaliser reads ~20 members, a RocketCyber
    // incident has members it never reads: only those it reads are built.
    case AlertSource::SentinelOne:
      return normalize_parsed(s, json_util::parse_kept(payload, detail::alert::kSentinelOneKeep, what));
    case AlertSource::RocketCyber:
      return normalize_parsed(s, json_util::parse_kept(payload, detail::alert::kRocketCyberKeep, what));
    // The XDR normaliser refuses unknown members, so it must see them all.
    case AlertSource::BarracudaXdr:
      return normalize_parsed(s, json_util::parse_whole(payload, what));
    case AlertSource::SentinelOneUam:
      break;
  }
  return normalize_parsed(s, json_util::parse(payload, what));
}

std::vector<AlertOutcome> normalize_alerts(std::span<const AlertRecord> records) {
  std::vector<AlertOutcome> out;
  out.reserve(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    out.push_back(outcome(i, [&] { return normalize_alert(records[i].source, records[i].payload); }));
  }
  return out;
}

std::vector<AlertOutcome> normalize_alerts(std::string_view source, std::string_view json_array) {
  const AlertSource s = parse_alert_source(source);
  const json doc = json_util::parse(json_array, "alert batch");
  if (!doc.is_array()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, "alert batch: expected a JSON array of payloads, got " +
                                                 std::string(doc.type_name()));
  }
  std::vector<AlertOutcome> out;
  out.reserve(doc.size());
  for (std::size_t i = 0; i < doc.size(); ++i) out.push_back(outcome(i, [&] { return normalize_parsed(s, doc[i]); }));
  return out;
}

}  // namespace v1
}  // namespace mspcore
