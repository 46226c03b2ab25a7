// Private: a bag of half-open intervals that merges into a sorted disjoint list.
#pragma once

#include <mspcore/calendar/business_calendar.hpp>
#include <mspcore/core/error.hpp>

#include <algorithm>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace mspcore {
inline namespace v1 {

class IntervalSet {
 public:
  using Pair = std::pair<std::int64_t, std::int64_t>;

  /// Pauses as given by a caller: one that ends before it starts is an error, not ignored.
  static IntervalSet of(std::span<const Interval> intervals) {
    IntervalSet set;
    for (const Interval& iv : intervals) {
      if (iv.end < iv.start) {
        throw Error(ErrorCode::INVALID_ARGUMENT, "pause [" + format_instant(iv.start) + ", " + format_instant(iv.end) +
                                                     ") ends before it starts");
      }
      set.add(unix_seconds(iv.start), unix_seconds(iv.end));
    }
    return set;
  }

  /// Adds [s, e); empty intervals add nothing.
  void add(std::int64_t s, std::int64_t e) {
    if (s < e) items_.emplace_back(s, e);
  }

  /// `pauses` as a sorted, disjoint span: the input itself when it already is (no copy, the
  /// common case on hot paths), else merged into `scratch`. Validates like of().
  static std::span<const Interval> normalized(std::span<const Interval> pauses, std::vector<Interval>& scratch) {
    bool ok = true;
    for (std::size_t i = 0; i < pauses.size() && ok; ++i) {
      ok = pauses[i].start < pauses[i].end && (i == 0 || pauses[i - 1].end < pauses[i].start);
    }
    if (ok) return pauses;
    scratch.clear();
    for (const Pair& p : of(pauses).merged()) {
      scratch.push_back({from_unix_seconds(p.first), from_unix_seconds(p.second)});
    }
    return scratch;
  }

  /// Sorted, with overlapping and touching intervals joined.
  std::vector<Pair> merged() const {
    std::vector<Pair> sorted = items_;
    std::sort(sorted.begin(), sorted.end());
    std::vector<Pair> out;
    for (const Pair& p : sorted) {
      if (!out.empty() && p.first <= out.back().second) {
        out.back().second = std::max(out.back().second, p.second);
      } else {
        out.push_back(p);
      }
    }
    return out;
  }

 private:
  std::vector<Pair> items_;
};

}  // namespace v1
}  // namespace mspcore
