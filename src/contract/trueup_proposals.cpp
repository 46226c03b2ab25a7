// Proposals: when a change of a contract line takes effect, what it is worth, and what holds it.
#include "contract/trueup_detail.hpp"

#include <algorithm>

namespace mspcore {
inline namespace v1 {

namespace {

bool is_nce(const ContractLine& line) {
  return line.term_kind == TermKind::NceMonthly || line.term_kind == TermKind::NceAnnual;
}

// The end of the range the amount of a change effective on `day` covers: the term for
// committed lines (the change lasts the commitment), else the billing period.
sys_days prorated_until(const ContractLine& line, sys_days day) {
  if (is_committed(line)) return term_containing(line, day).end;
  const sys_days period_end = billing_period_containing(line, day).end;
  return line.term_end && *line.term_end > day ? std::min(period_end, *line.term_end) : period_end;
}

// The earliest date a decrease may take effect under the line's policy, and the rule.
std::pair<sys_days, std::string_view> policy_date(const ContractLine& line, sys_days today) {
  switch (line.true_down) {
    case TrueDownPolicy::NextPeriod:
      return {billing_period_containing(line, today).end, "true_down.next_period"};
    case TrueDownPolicy::AtRenewal:
      return {is_committed(line) ? term_containing(line, today).end : *line.term_end, "true_down.at_renewal"};
    case TrueDownPolicy::Immediate:
    case TrueDownPolicy::Never:
      break;
  }
  return {today, "true_down.immediate"};
}

}  // namespace

void propose_change(const ContractLine& line, std::uint32_t line_index, std::uint32_t group, std::int64_t contracted,
                    std::int64_t assigned, Instant as_of, const TrueUpRules& rules, ReconcileTables& out) {
  const sys_days today = std::chrono::floor<std::chrono::days>(as_of);
  const std::int64_t wanted = assigned - contracted;
  auto hold = [&](std::string_view reason) { out.held.push_back(HeldRow{group, line_index, wanted, reason}); };

  ProposalRow p;
  p.group = group;
  p.line = line_index;
  if (wanted > 0) {
    // Increases are allowed any time and last to the end of the term (or period).
    p.action = ProposalAction::TrueUp;
    p.delta_quantity = wanted;
    p.effective_date = today;
    p.rule = is_committed(line) ? "true_up.prorated_to_term_end" : "true_up.prorated_to_period_end";
  } else {
    if (line.true_down == TrueDownPolicy::Never) return hold("true_down_never");
    const std::int64_t room = std::max<std::int64_t>(0, line.quantity - line.commitment_minimum);
    if (room == 0) return hold("commitment_minimum");
    p.action = ProposalAction::TrueDown;
    p.delta_quantity = std::min(-wanted, room);
    // Other lines of the SKU may hold the rest; only the minimum is a commitment limit.
    p.limited_by_commitment = p.delta_quantity < -wanted && line.commitment_minimum > 0;
    auto [date, rule] = policy_date(line, today);
    if (is_nce(line)) {
      // NCE: a decrease only within the window after the term start or renewal; later it
      // waits for the renewal date.
      const DateRange term = term_containing(line, today);
      const bool in_window = as_of < Instant(term.start) + std::chrono::hours(rules.nce_decrease_window_hours);
      if (!in_window && term.end > date) {
        date = term.end;
        rule = "true_down.nce_deferred_to_renewal";
      } else if (in_window && date == today) {
        rule = "true_down.nce_cancellation_window";
      }
    }
    p.effective_date = date;
    p.rule = rule;
    if (date > today) p.deferred_until = date;
  }

  p.quantity_after = p.action == ProposalAction::TrueUp ? line.quantity + p.delta_quantity
                                                         : line.quantity - p.delta_quantity;
  p.prorated_to = prorated_until(line, p.effective_date);
  const Decimal value =
      value_between(line, p.delta_quantity, p.effective_date, p.prorated_to, rules.rounding).amount();
  p.amount = p.action == ProposalAction::TrueUp ? value : -value;
  p.invoice_date = line.billing_mode == BillingMode::Advance ? p.effective_date
                                                             : billing_period_containing(line, p.effective_date).end;
  out.proposals.push_back(p);
}

}  // namespace v1
}  // namespace mspcore
