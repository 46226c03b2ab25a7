/// @file availability.hpp
/// @brief Monitoring SLAs: availability, MTBF and MTRS of devices and clients from monitoring
/// events, on a business calendar or 24x7 (docs/rmm-availability.md).
#pragma once

#include <mspcore/calendar/business_calendar.hpp>
#include <mspcore/money/decimal.hpp>
#include <mspcore/records/fields.hpp>
#include <mspcore/rmm/normalised.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// Fraction digits of availability_pct (and the most a target may have).
inline constexpr int kAvailabilityDigits = 4;

/// What availability() is asked.
struct AvailabilityOptions {
  /// The scheduled time; null: 24x7 (elapsed seconds). The caller keeps it alive.
  const BusinessCalendar* calendar = nullptr;
  /// The devices that were monitored (none: those the events name). A device of the list
  /// without events was up the whole time; an event of a device not in the list is an error;
  /// a retired device is left out, and its events with it.
  std::optional<std::span<const Device>> devices;
  /// Percent, 0 < target <= 100 with at most kAvailabilityDigits fraction digits: gives met/missed.
  std::optional<Decimal> target;
};

/// The measures of a device or a client over the period. Seconds are whole; the decimals are
/// rounded as docs/rmm-availability.md says; none where undefined.
struct AvailabilityMeasures {
  std::int64_t scheduled_seconds = 0;  ///< calendar time in the period (summed over devices for a client)
  std::int64_t down_seconds = 0;       ///< scheduled time inside an outage
  std::int64_t failures = 0;           ///< outages (merged) first interrupting scheduled time in the period
  std::optional<Decimal> availability_pct;  ///< 100 (scheduled - down) / scheduled, rounded down; none: scheduled 0
  std::optional<std::int64_t> mtbf_seconds;  ///< (scheduled - down) / failures, half-even; none: no failure
  std::optional<std::int64_t> mtrs_seconds;  ///< down / failures, half-even; none: no failure
  std::optional<Decimal> mtbf_minutes;       ///< the same in minutes with 2 fraction digits, half-even
  std::optional<Decimal> mtrs_minutes;
  std::optional<bool> target_met;  ///< the exact availability >= target; none: no target or scheduled 0

  std::int64_t up_seconds() const noexcept { return scheduled_seconds - down_seconds; }
};

/// One device over the period.
struct DeviceAvailability {
  std::string tenant;
  std::string device_id;
  AvailabilityMeasures measures;
};

/// One client (tenant): the sums over its devices, the ratios of the sums.
struct ClientAvailability {
  std::string tenant;
  std::int64_t devices = 0;
  std::optional<std::int64_t> devices_missed;  ///< devices that missed the target; none: no target
  AvailabilityMeasures measures;
};

/// Devices sorted by (tenant, device_id), clients by tenant (byte order).
struct AvailabilityResult {
  std::vector<DeviceAvailability> devices;
  std::vector<ClientAvailability> clients;
};

/// Availability, MTBF and MTRS of every device and client over `period` [start, end) from
/// `events` (only outage events count; the others are checked and otherwise ignored).
/// Overlapping or touching outages of a device are merged and count once; an event still open
/// runs to the period end. Throws Error(INVALID_ARGUMENT) for a period that does not end after
/// it starts, a target with more than kAvailabilityDigits fraction digits, a device listed twice
/// or an event of a device not in options.devices (naming it); OUT_OF_RANGE for a target outside
/// (0, 100] and for a period outside the calendar's years.
AvailabilityResult availability(std::span<const MonitoringEvent> events, Interval period,
                                const AvailabilityOptions& options = {});

/// The fields of a request's period, and of the one-field target record.
inline constexpr std::array<std::string_view, 2> kAvailabilityPeriodFields = {"start", "end"};
inline constexpr std::array<std::string_view, 1> kAvailabilityTargetFields = {"target"};

/// The period record ("period.start", "period.end": instants, both required).
Interval read_availability_period(const Fields& fields);
/// The target at `field`: exact decimal text, a whole number or a decimal object, 0 < t <= 100,
/// at most kAvailabilityDigits fraction digits; a float is INVALID_TYPE. Missing is none, unless
/// `given` (the caller passed a value that its carrier reads as missing, such as NaN): an error.
std::optional<Decimal> read_availability_target(const Fields& fields, std::size_t field, bool given = false);
/// A device of the devices list ("devices[index]"): the fields of kDeviceFields, of which
/// tenant and id (required) and retired (default false) are read here.
Device read_availability_device(const Fields& fields, std::size_t index);
/// A calendar spec (docs/calendar.md) whose errors are prefixed "calendar: ".
std::shared_ptr<const BusinessCalendar> availability_calendar_from_json(std::string_view spec);

/// The request of msp_availability_json: {"period": {"start", "end"}, "calendar": spec or null
/// (24x7), "events": [...], "devices": [...] or null, "target": "99.9" or null}; the result
/// document {"devices": [...], "clients": [...]}.
std::string availability_json(std::string_view request);
/// The result document of availability_json.
std::string availability_result_json(const AvailabilityResult& result);

}  // namespace v1
}  // namespace mspcore
