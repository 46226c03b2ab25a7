/// @file sla_policy.hpp
/// @brief SLA policies: per-priority targets and calendars, pause rules (docs/sla.md).
#pragma once

#include <mspcore/calendar/business_calendar.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// The clocks an SLA measures.
enum class SlaTarget : std::uint8_t { Response = 0, Resolution = 1, Plan = 2 };
inline constexpr std::array<SlaTarget, 3> kSlaTargets{SlaTarget::Response, SlaTarget::Resolution, SlaTarget::Plan};
/// "response", "resolution", "plan".
std::string_view to_string(SlaTarget target) noexcept;

/// Target durations in seconds by SlaTarget; 0 means no target.
using SlaTargetSeconds = std::array<std::int64_t, 3>;

/// What a priority gets: its targets and the calendar its clock runs on.
struct SlaPriority {
  SlaTargetSeconds targets{};
  std::shared_ptr<const BusinessCalendar> calendar;
};

/// A validated SLA policy, immutable and safe to share between threads.
class SlaPolicy {
 public:
  enum class ResponseOnResolve : std::uint8_t { Stamp, Ignore };
  enum class ResolutionClock : std::uint8_t { First, Total };

  /// Parse the policy JSON of docs/sla.md (calendar, targets, priorities, pause_statuses,
  /// pause_applies_to, at_risk_threshold, response_on_resolve, resolution_clock, and
  /// resolved_statuses, default ["resolved", "closed"]). A priority's "targets" object
  /// replaces the top-level one as a whole; a missing, null or 0 target is no target.
  /// Errors name the key and the bad value.
  static std::shared_ptr<const SlaPolicy> from_json(std::string_view json);

  /// The entry of a priority, else the default (top-level) entry, else nullptr when the
  /// policy has no top-level targets (the ticket is then invalid: UNKNOWN_PRIORITY).
  const SlaPriority* find(std::string_view priority) const;

  bool is_pause_status(std::string_view status) const;
  bool is_resolved_status(std::string_view status) const;
  bool pause_applies_to(SlaTarget target) const { return pause_applies_[static_cast<std::size_t>(target)]; }
  double at_risk_threshold() const noexcept { return at_risk_threshold_; }
  ResponseOnResolve response_on_resolve() const noexcept { return response_on_resolve_; }
  ResolutionClock resolution_clock() const noexcept { return resolution_clock_; }
  /// True if any priority (or the default) has a target of this kind.
  bool has_target(SlaTarget target) const;

 private:
  std::optional<SlaPriority> default_;
  std::map<std::string, SlaPriority, std::less<>> priorities_;
  std::vector<std::string> pause_statuses_;
  std::vector<std::string> resolved_statuses_{"resolved", "closed"};
  std::array<bool, 3> pause_applies_{true, true, true};
  double at_risk_threshold_ = 0.75;
  ResponseOnResolve response_on_resolve_ = ResponseOnResolve::Stamp;
  ResolutionClock resolution_clock_ = ResolutionClock::First;
};

}  // namespace v1
}  // namespace mspcore
