// Availability, MTBF and MTRS from monitoring events (docs/rmm-availability.md).
#include <mspcore/core/error.hpp>
#include <mspcore/records/field_reader.hpp>
#include <mspcore/rmm/availability.hpp>

#include "rmm/event_where.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <utility>

namespace mspcore {
inline namespace v1 {

namespace {

using Key = std::pair<std::string, std::string>;  // (tenant, device id)
using Span = std::pair<std::int64_t, std::int64_t>;
constexpr std::int64_t kStillOpen = std::numeric_limits<std::int64_t>::max();

// The scheduled seconds of [a, b) (b may be kStillOpen: clipped by the caller before).
class Clock {
 public:
  explicit Clock(const BusinessCalendar* calendar) : calendar_(calendar) {}
  std::int64_t seconds(std::int64_t a, std::int64_t b) const {
    if (b <= a) return 0;
    return calendar_ ? calendar_->business_seconds_between(from_unix_seconds(a), from_unix_seconds(b)) : b - a;
  }
  // Whether the calendar is closed all through [a, b): an outage from a first interrupts the
  // service at or after b.
  bool closed(std::int64_t a, std::int64_t b) const {
    if (b <= a) return true;
    if (!calendar_) return false;
    // The calendar answers from 1970 on; an outage open since before then is taken from 2 January
    // 1970 (inside the first local year in every zone).
    a = std::max<std::int64_t>(a, 86400);
    return b <= a || unix_seconds(calendar_->next_open(from_unix_seconds(a))) >= b;
  }

 private:
  const BusinessCalendar* calendar_;
};

// Sorted, with overlapping and touching spans joined (an outage that ends as the next one
// starts is one interruption).
std::vector<Span> merged(std::vector<Span> spans) {
  std::sort(spans.begin(), spans.end());
  std::vector<Span> out;
  for (const Span& s : spans) {
    if (!out.empty() && s.first <= out.back().second) {
      out.back().second = std::max(out.back().second, s.second);
    } else {
      out.push_back(s);
    }
  }
  return out;
}

std::optional<Decimal> minutes_of(std::int64_t seconds, std::int64_t failures) {
  return Decimal::divide(Decimal(seconds), Decimal(failures) * Decimal(60), 2, RoundingMode::HalfEven);
}

// The ratios of the sums, one rule for a device and a client.
void finish(AvailabilityMeasures& m, const std::optional<Decimal>& target) {
  const std::int64_t up = m.up_seconds();
  if (m.scheduled_seconds > 0) {
    // Rounded down: the figure shown never claims more than was delivered, and with a target of at
    // most kAvailabilityDigits fraction digits, shown >= target exactly when met.
    m.availability_pct =
        Decimal::divide(Decimal(up) * Decimal(100), Decimal(m.scheduled_seconds), kAvailabilityDigits, RoundingMode::Down);
    if (target) m.target_met = Decimal(up) * Decimal(100) >= *target * Decimal(m.scheduled_seconds);
  }
  if (m.failures > 0) {
    const Decimal f(m.failures);
    m.mtbf_seconds = static_cast<std::int64_t>(Decimal::divide(Decimal(up), f, 0, RoundingMode::HalfEven).coefficient());
    m.mtrs_seconds =
        static_cast<std::int64_t>(Decimal::divide(Decimal(m.down_seconds), f, 0, RoundingMode::HalfEven).coefficient());
    m.mtbf_minutes = minutes_of(up, m.failures);
    m.mtrs_minutes = minutes_of(m.down_seconds, m.failures);
  }
}

// One device: downtime and failures from its outages.
AvailabilityMeasures measure(const std::vector<Span>& outages, Span period, std::int64_t scheduled, const Clock& clock) {
  AvailabilityMeasures m;
  m.scheduled_seconds = scheduled;
  for (const Span& o : merged(outages)) {
    const std::int64_t a = std::max(o.first, period.first), b = std::min(o.second, period.second);
    const std::int64_t down = clock.seconds(a, b);
    if (down == 0) continue;  // outside the period or outside the calendar's hours: no interruption
    m.down_seconds += down;
    // A failure of this period: the outage first interrupted scheduled time in it (an outage
    // carried in from before the period adds downtime but was the last period's failure).
    if (o.first >= period.first || clock.closed(o.first, period.first)) ++m.failures;
  }
  return m;
}

}  // namespace

AvailabilityResult availability(std::span<const MonitoringEvent> events, Interval period,
                                const AvailabilityOptions& options) {
  if (period.end <= period.start) {
    throw Error(ErrorCode::INVALID_ARGUMENT, "period: end " + format_instant(period.end) + " is not after start " +
                                                 format_instant(period.start));
  }
  if (options.target && (options.target->sign() <= 0 || *options.target > Decimal(100))) {
    throw Error(ErrorCode::OUT_OF_RANGE, "target: " + options.target->to_string() + " is outside (0, 100]");
  }
  if (options.target && options.target->normalized().scale() > kAvailabilityDigits) {
    throw Error(ErrorCode::INVALID_ARGUMENT, "target: " + options.target->to_string() + " has more than " +
                                                 std::to_string(kAvailabilityDigits) + " fraction digits");
  }
  const Clock clock(options.calendar);
  const Span p{unix_seconds(period.start), unix_seconds(period.end)};
  std::int64_t scheduled = 0;
  try {
    scheduled = clock.seconds(p.first, p.second);
  } catch (const Error& e) {  // a period the calendar cannot answer for
    throw Error(e.code(), std::string("period: ") + e.what());
  }

  // The monitored devices (true) and the retired ones (false), whose events are left out.
  std::map<Key, std::vector<Span>> outages;
  std::map<Key, bool> listed;
  if (options.devices) {
    for (std::size_t i = 0; i < options.devices->size(); ++i) {
      const Device& d = (*options.devices)[i];
      if (!listed.emplace(Key{d.tenant, d.id}, !d.retired).second) {
        throw Error(ErrorCode::INVALID_ARGUMENT, record_where("devices", i) + " (tenant " + mspcore::quoted(d.tenant) +
                                                     " device " + mspcore::quoted(d.id) + "): a second record of the device",
                    static_cast<std::int64_t>(i));
      }
      if (!d.retired) outages[{d.tenant, d.id}];
    }
  }
  for (std::size_t i = 0; i < events.size(); ++i) {
    const MonitoringEvent& e = events[i];
    Key key{e.tenant, e.device_id};
    if (options.devices) {
      const auto it = listed.find(key);
      if (it == listed.end()) {
        throw Error(ErrorCode::INVALID_ARGUMENT,
                    rmm::event_where(e.tenant, e.device_id, e.id, i) + ".device_id: no device " + mspcore::quoted(e.device_id) + " of tenant " + mspcore::quoted(e.tenant) +
                        " in devices",
                    static_cast<std::int64_t>(i));
      }
      if (!it->second) continue;  // retired
    }
    std::vector<Span>& spans = outages[std::move(key)];
    if (e.outage) spans.emplace_back(unix_seconds(e.opened), e.resolved ? unix_seconds(*e.resolved) : kStillOpen);
  }

  AvailabilityResult result;
  result.devices.reserve(outages.size());
  for (const auto& [key, spans] : outages) {
    DeviceAvailability d{key.first, key.second, measure(spans, p, scheduled, clock)};
    finish(d.measures, options.target);
    if (result.clients.empty() || result.clients.back().tenant != d.tenant) {
      result.clients.push_back({d.tenant, 0, options.target ? std::optional<std::int64_t>(0) : std::nullopt, {}});
    }
    ClientAvailability& c = result.clients.back();
    ++c.devices;
    c.measures.scheduled_seconds += d.measures.scheduled_seconds;
    c.measures.down_seconds += d.measures.down_seconds;
    c.measures.failures += d.measures.failures;
    if (d.measures.target_met == false) ++*c.devices_missed;
    result.devices.push_back(std::move(d));
  }
  for (ClientAvailability& c : result.clients) finish(c.measures, options.target);
  return result;
}

}  // namespace v1
}  // namespace mspcore
