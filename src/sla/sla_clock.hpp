// Private: how one SLA target's clock runs, and the arithmetic shared by single-ticket
// and columnar evaluation.
#pragma once

#include <mspcore/sla/sla_engine.hpp>

#include <algorithm>
#include <span>
#include <vector>

namespace mspcore {
inline namespace v1 {
namespace sla {

/// A stretch of running clock on one calendar. The last piece may run until kMaxInstant.
struct Piece {
  Instant start;
  Instant end;
  const BusinessCalendar* calendar;
};

/// The running time of a target from `created` (split where the calendar changes) and the
/// pauses that stop it (sorted, disjoint).
struct Clock {
  std::span<const Piece> pieces;
  std::span<const Interval> pauses;
};

/// Business seconds counted until `end`.
inline std::int64_t elapsed_until(const Clock& clock, Instant end) {
  std::int64_t total = 0;
  for (const Piece& p : clock.pieces) {
    if (p.start >= end) break;
    total += p.calendar->business_seconds_between(p.start, std::min(p.end, end), clock.pauses);
  }
  return total;
}

/// The instant at which `target` seconds have been counted. After the last piece the clock
/// is taken to keep running on the last piece's calendar.
inline Instant due_at(const Clock& clock, std::int64_t target) {
  std::int64_t left = target;
  for (std::size_t i = 0; i + 1 < clock.pieces.size(); ++i) {
    const Piece& p = clock.pieces[i];
    const std::int64_t available = p.calendar->business_seconds_between(p.start, p.end, clock.pauses);
    if (left <= available) return p.calendar->add_business(p.start, left, clock.pauses);
    left -= available;
  }
  const Piece& last = clock.pieces.back();
  return last.calendar->add_business(last.start, left, clock.pauses);
}

/// The clock of a row that stays on one calendar from `created` on: every instant (created,
/// pause bounds) is looked up once and reused by all targets. Same answers as Clock.
class SingleClock {
 public:
  struct Pause {
    Instant start, end;
    BusinessCalendar::Position start_pos, end_pos;
  };

  /// `pauses` sorted and disjoint; `buffer` is reused between rows to avoid allocation.
  SingleClock(const BusinessCalendar& calendar, Instant created, std::span<const Interval> pauses,
              std::vector<Pause>& buffer)
      : cal_(calendar), created_(created), created_pos_(calendar.position(created)), pauses_(buffer) {
    buffer.clear();
    for (const Interval& p : pauses) {
      if (p.end <= created) continue;
      const Instant s = std::max(p.start, created);
      buffer.push_back({s, p.end, cal_.position(s), cal_.position(p.end)});
    }
  }

  std::int64_t elapsed_until(Instant end, bool paused) const {
    if (end <= created_) return 0;
    const BusinessCalendar::Position end_pos = cal_.position(end);
    std::int64_t total = cal_.seconds_between(created_pos_, end_pos);
    if (!paused) return total;
    for (const Pause& p : pauses_) {
      if (p.start >= end) break;
      total -= cal_.seconds_between(p.start_pos, p.end <= end ? p.end_pos : end_pos);
    }
    return total;
  }

  Instant due_at(std::int64_t target, bool paused) const {
    BusinessCalendar::Position from = created_pos_;
    std::int64_t left = target;
    if (paused) {
      for (const Pause& p : pauses_) {
        const std::int64_t available = cal_.seconds_between(from, p.start_pos);
        if (left <= available) return cal_.instant_after(from, left);
        left -= available;
        from = p.end_pos;
      }
    }
    return cal_.instant_after(from, left);
  }

 private:
  const BusinessCalendar& cal_;
  Instant created_;
  BusinessCalendar::Position created_pos_;
  const std::vector<Pause>& pauses_;
};

/// Fills a result from the measured elapsed time (the status rules of docs/sla.md).
inline void judge(SlaResult& r, std::int64_t target, std::int64_t elapsed, bool happened, bool paused_now,
                  double at_risk_threshold) {
  r.target_seconds = target;
  r.elapsed_seconds = elapsed;
  r.elapsed_minutes = elapsed / 60;
  if (target <= 0) {
    r.status = SlaStatus::NoTarget;
    return;
  }
  const std::int64_t remaining = target - elapsed;
  r.remaining_minutes = remaining >= 0 ? remaining / 60 : -((-remaining + 59) / 60);  // floored
  const double ratio = static_cast<double>(elapsed) / static_cast<double>(target);
  r.consumed_ratio = ratio;
  if (happened) {
    r.status = elapsed <= target ? SlaStatus::Met : SlaStatus::Breached;
  } else if (elapsed > target) {
    r.status = SlaStatus::Breached;
  } else if (ratio >= at_risk_threshold) {
    r.status = SlaStatus::AtRisk;
  } else {
    r.status = paused_now ? SlaStatus::Paused : SlaStatus::InProgress;
  }
}

}  // namespace sla
}  // namespace v1
}  // namespace mspcore
