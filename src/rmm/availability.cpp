// Availability, MTBF and MTRS from monitoring events (docs/rmm-availability.md).
#include <mspcore/core/error.hpp>
#include <mspcore/records/field_reader.hpp>
#include <mspcore/rmm/availability.hpp>

#include "rmm/event_where.hpp"

#include <algorithm>
#include <limits>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace mspcore {
inline namespace v1 {

namespace {

using Key = std::pair<std::string_view, std::string_view>;  // (tenant, device id)
struct KeyHash {
  std::size_t operator()(const Key& k) const noexcept {
    const std::size_t a = std::hash<std::string_view>{}(k.first), b = std::hash<std::string_view>{}(k.second);
    return a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
  }
};
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
std::vector<Span> merged(const std::vector<Span>& spans) {  // sorted by the caller
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

  // Devices by (tenant, id), as views of the inputs (which outlive this call): one hash lookup per
  // event. Retired devices are kept, unmonitored, so that their events are known and left out.
  struct Slot {
    Key key;
    bool monitored;
  };
  std::vector<Slot> slots;
  std::unordered_map<Key, std::uint32_t, KeyHash> slot_of;
  if (options.devices) {
    slot_of.reserve(options.devices->size());
    for (std::size_t i = 0; i < options.devices->size(); ++i) {
      const Device& d = (*options.devices)[i];
      if (!slot_of.emplace(Key{d.tenant, d.id}, static_cast<std::uint32_t>(slots.size())).second) {
        throw Error(ErrorCode::INVALID_ARGUMENT, record_where("devices", i) + " (tenant " + mspcore::quoted(d.tenant) +
                                                     " device " + mspcore::quoted(d.id) + "): a second record of the device",
                    static_cast<std::int64_t>(i));
      }
      slots.push_back({Key{d.tenant, d.id}, !d.retired});
    }
  }
  struct Outage {
    std::uint32_t slot;
    Span span;
  };
  std::vector<Outage> outages;
  if (!options.devices) slot_of.reserve(std::min<std::size_t>(events.size(), 1 << 20));
  for (std::size_t i = 0; i < events.size(); ++i) {
    const MonitoringEvent& e = events[i];
    const Key key{e.tenant, e.device_id};
    auto it = slot_of.find(key);
    if (it == slot_of.end()) {
      if (options.devices) {
        throw Error(ErrorCode::INVALID_ARGUMENT,
                    rmm::event_where(e.tenant, e.device_id, e.id, i) + ".device_id: no device " +
                        mspcore::quoted(e.device_id) + " of tenant " + mspcore::quoted(e.tenant) + " in devices",
                    static_cast<std::int64_t>(i));
      }
      it = slot_of.emplace(key, static_cast<std::uint32_t>(slots.size())).first;
      slots.push_back({key, true});
    }
    if (e.outage && slots[it->second].monitored) {
      outages.push_back({it->second, {unix_seconds(e.opened), e.resolved ? unix_seconds(*e.resolved) : kStillOpen}});
    }
  }
  std::sort(outages.begin(), outages.end(),
            [](const Outage& a, const Outage& b) { return std::tie(a.slot, a.span) < std::tie(b.slot, b.span); });
  // Each slot's outages: [first[slot], first[slot + 1]) of the sorted list.
  std::vector<std::size_t> first(slots.size() + 1, outages.size());
  for (std::size_t k = outages.size(); k-- > 0;) first[outages[k].slot] = k;
  for (std::size_t j = slots.size(); j-- > 0;) first[j] = std::min(first[j], first[j + 1]);

  std::vector<std::uint32_t> order;
  order.reserve(slots.size());
  for (std::uint32_t j = 0; j < slots.size(); ++j) {
    if (slots[j].monitored) order.push_back(j);
  }
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return slots[a].key < slots[b].key; });

  AvailabilityResult result;
  result.devices.reserve(order.size());
  std::vector<Span> spans;
  for (const std::uint32_t j : order) {
    spans.clear();
    for (std::size_t k = first[j]; k < first[j + 1]; ++k) spans.push_back(outages[k].span);
    DeviceAvailability d{std::string(slots[j].key.first), std::string(slots[j].key.second),
                         measure(spans, p, scheduled, clock)};
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
