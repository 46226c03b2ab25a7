// The period lookup and the policy's per-row results of ticket_rows.hpp.
#include "ticket_rows.hpp"

namespace mspcore {
inline namespace v1 {
namespace detail {

PeriodLookup period_lookup(const PeriodScheme& scheme, std::int32_t first, std::int32_t last) {
  PeriodLookup out;
  out.first = first;
  out.starts = scheme.starts(first, last);
  out.count = static_cast<std::int32_t>(out.starts.size()) - 1;
  const auto steps = (static_cast<std::uint64_t>(out.starts.back() - 1 - out.starts[0]) >> PeriodLookup::kStepBits) + 1;
  out.by_step.resize(steps);
  std::int32_t k = 0;
  for (std::uint64_t step = 0; step < steps; ++step) {
    const std::int64_t at = out.starts[0] + static_cast<std::int64_t>(step << PeriodLookup::kStepBits);
    while (k + 1 < out.count && out.starts[static_cast<std::size_t>(k) + 1] <= at) ++k;
    out.by_step[step] = k;
  }
  return out;
}

PolicyColumns policy_columns(const TicketKpiColumns& t, const SlaPolicy& policy, Instant now) {
  const std::size_t n = t.created.size();
  if (t.priority.empty()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, "business-time and SLA KPIs need a priority column");
  }
  PolicyColumns out;
  for (const std::string& name : t.priority_names) {
    const SlaPriority* entry = policy.find(name);
    out.calendar_of_priority.push_back(entry ? entry->calendar.get() : nullptr);
  }
  std::vector<std::int64_t> none(n, kNoInstant);
  const auto column = [&](std::span<const std::int64_t> c) { return c.empty() ? std::span<const std::int64_t>(none) : c; };
  SlaColumns in{t.created, column(t.first_response), column(t.resolved), {}, t.priority, t.priority_names, {}, {}, {}};
  out.response_status.resize(n);
  out.resolution_status.resize(n);
  std::vector<std::int64_t> due(n), elapsed(n), remaining(n);
  std::vector<double> ratio(n);
  std::vector<std::int32_t> error(n);
  const auto result = [&](std::vector<std::int8_t>& status) {
    return SlaResultColumns{status, due, elapsed, remaining, ratio, {}};
  };
  evaluate_sla_columns(in, policy, now, {result(out.response_status), result(out.resolution_status), {}},
                       error);
  return out;
}

}  // namespace detail
}  // namespace v1
}  // namespace mspcore
