/// @file sla_engine.hpp
/// @brief SLA evaluation of tickets against a policy, one at a time or as columns.
#pragma once

#include <mspcore/core/error.hpp>
#include <mspcore/sla/sla_policy.hpp>
#include <mspcore/sla/sla_ticket.hpp>

#include <array>
#include <cstdint>
#include <mspcore/time/instant.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// Outcome of one target (docs/sla.md).
enum class SlaStatus : std::int8_t { Met, Breached, AtRisk, Paused, InProgress, NoTarget, Invalid };
/// "met", "breached", "at_risk", "paused", "in_progress", "no_target", "invalid".
std::string_view to_string(SlaStatus status) noexcept;
/// Inverse of to_string(SlaStatus); throws Error(INVALID_ARGUMENT) naming the text.
SlaStatus parse_sla_status(std::string_view text);

/// The result of one target.
struct SlaResult {
  SlaStatus status = SlaStatus::NoTarget;
  std::int64_t target_seconds = 0;          ///< 0 when there is no target
  std::optional<Instant> due;               ///< when elapsed reaches the target
  std::int64_t elapsed_seconds = 0;         ///< business seconds counted so far or to the event
  std::int64_t elapsed_minutes = 0;         ///< floored
  std::optional<std::int64_t> remaining_minutes;  ///< floor((target - elapsed) / 60); negative when late
  std::optional<double> consumed_ratio;     ///< elapsed / target
  ErrorCode error = ErrorCode::OK;          ///< why the status is invalid
  std::string message;                      ///< for invalid rows: the error message
  std::vector<Segment> explanation;         ///< counted, closed and paused stretches (on request)
};

/// The results of a ticket, by SlaTarget (response, resolution, plan).
using SlaEvaluation = std::array<SlaResult, 3>;

/// Evaluate one ticket as of `now` (events after `now` have not happened yet). Never throws
/// for a bad ticket: an impossible timeline or an unknown priority gives status Invalid with
/// the error code and message in every result.
SlaEvaluation evaluate_sla(const SlaTicket& ticket, const SlaPolicy& policy, Instant now, bool explain = false);

/// Evaluation as JSON: {"response": {...}, "resolution": {...}, "plan": {...}}.
std::string sla_evaluation_to_json(const SlaEvaluation& evaluation);

/// Attainment over statuses: met / (met + breached) in percent, rounded half up to 2 decimals.
struct SlaAttainment {
  std::int64_t met = 0;
  std::int64_t breached = 0;
  std::int64_t evaluated = 0;                   ///< met + breached
  std::optional<double> attainment_pct;         ///< none when nothing was evaluated
  std::int64_t open = 0;                        ///< at_risk, paused, in_progress
  std::int64_t excluded = 0;                    ///< no_target, invalid
};
SlaAttainment sla_attainment(std::span<const SlaStatus> statuses);
/// Attainment per group: `group[i]` in [0, groups) is the group of `statuses[i]`.
std::vector<SlaAttainment> sla_attainment_grouped(std::span<const SlaStatus> statuses,
                                                  std::span<const std::int32_t> group, std::size_t groups);

/// Columnar input: one row per ticket; instants in Unix seconds (kNoInstant for none).
/// `priority` holds indices into `priority_names`. Pauses are long-form in CSR layout:
/// the pauses of row i are [pause_offsets[i], pause_offsets[i+1]) of pause_starts/pause_ends
/// (an ongoing pause has end kNoInstant).
struct SlaColumns {
  std::span<const std::int64_t> created;
  std::span<const std::int64_t> first_response;
  std::span<const std::int64_t> resolved;
  std::span<const std::int64_t> planned;        ///< optional: empty when there are no plan events
  std::span<const std::int32_t> priority;
  std::span<const std::string> priority_names;
  std::span<const std::int64_t> pause_offsets;  ///< size rows + 1, or empty for no pauses
  std::span<const std::int64_t> pause_starts;
  std::span<const std::int64_t> pause_ends;
};

/// Columnar output for one target (each span sized to the number of rows).
struct SlaResultColumns {
  std::span<std::int8_t> status;
  std::span<std::int64_t> due;               ///< kNoInstant when none
  std::span<std::int64_t> elapsed_seconds;
  std::span<std::int64_t> remaining_minutes; ///< kNoInstant when none
  std::span<double> consumed_ratio;          ///< NaN when none
  std::span<std::int32_t> elapsed_minutes;   ///< optional (empty: not wanted); floored, as SlaResult's
};

/// Evaluate columns of tickets as of `now`. Per-row problems give status Invalid and the
/// row's error code in `error` (0 = OK); the call throws only for bad arguments (column
/// lengths, offsets). `out` is indexed by SlaTarget; a target with empty spans is skipped.
void evaluate_sla_columns(const SlaColumns& in, const SlaPolicy& policy, Instant now,
                          std::array<SlaResultColumns, 3> out, std::span<std::int32_t> error);

}  // namespace v1
}  // namespace mspcore
