// Private to the alert pipeline: what a record of a batch gives on its own, before the
// pipeline's state is consulted. It is worked out ahead of the batch's loop, on a second thread
// (detail::MadeAhead), so the loop only decides.
#pragma once

#include <mspcore/core/error.hpp>
#include <mspcore/security/alert_pipeline.hpp>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <span>
#include <string>
#include <vector>

namespace mspcore {
inline namespace v1 {
namespace detail::pipeline {

/// Batches smaller than this run on the calling thread alone.
inline constexpr std::size_t kParallelRecords = 2048;

/// The parts of a normalised alert the loop reads (the alert itself is dropped on the thread
/// that made it).
struct Prepared {
  AlertSource source = AlertSource::SentinelOne;
  std::string source_id;
  std::string alert_id;      // alert_id(source, source_id)
  std::string tenant;        // the account id, else the account name; never empty
  std::string asset;         // the asset id, else its name, else ""
  std::string threat;
  std::string incident_key;  // incident_key(tenant, asset, threat)
  std::string title;         // the alert's title, else its threat
  Instant first_seen{};
  Instant last_seen{};
  int priority = 5;          // prioritize_alert()'s priority and explanation, or what it threw
  std::string explanation;
  std::exception_ptr priority_failure;
};

/// Throws Error for a record that cannot be normalised or names no tenant. A priority that
/// cannot be worked out is not an error of the record: it is kept in priority_failure for the
/// loop to rethrow where it needs the priority.
Prepared prepare(const AlertRecord& item, const PriorityConfig& config);

/// The first record of a batch with a given payload fingerprint, so that a byte-for-byte
/// re-delivery later in the batch is recognised without normalising it again.
struct FirstRecord {
  std::size_t index = 0;
  bool failed = false;
  AlertSource source = AlertSource::SentinelOne;  // when it normalised
  std::string source_id;
  ErrorCode code = ErrorCode::OK;  // when it failed: what normalize_alert() said
  std::string error;
};

/// fingerprint(source, payload) of every record, on all cores when `parallel`.
std::vector<std::int64_t> fingerprints_of(std::span<const AlertRecord> items, bool parallel);

}  // namespace detail::pipeline
}  // namespace v1
}  // namespace mspcore
