#include "ticket_kpi_validate.hpp"

#include "core/parallel.hpp"

#include <mspcore/core/error.hpp>
#include <mspcore/sla/sla_engine.hpp>

#include <algorithm>
#include <functional>
#include <limits>

namespace mspcore {
inline namespace v1 {
namespace detail {
namespace {

// Rows are checked in chunks without early exit, so the compiler can vectorise the test; only
// a chunk that holds a bad row is searched again for it.
constexpr std::size_t kChunk = 4096;

[[noreturn]] void bad_row(ErrorCode code, std::string_view column, std::size_t row, const std::string& why) {
  throw Error(code, std::string(column) + "[" + std::to_string(row) + "] " + why, static_cast<std::int64_t>(row));
}

template <class T>
void check_length(std::span<const T> column, std::size_t rows, std::string_view name) {
  if (!column.empty() && column.size() != rows) {
    throw Error(ErrorCode::INVALID_ARGUMENT, std::string(name) + " has " + std::to_string(column.size()) +
                                                 " rows, created has " + std::to_string(rows));
  }
}

/// The first row in [begin, end) where `bad(row)` holds; `end` when none does.
template <class Bad>
std::size_t first_bad(std::size_t begin, std::size_t end, Bad bad) {
  for (std::size_t b = begin; b < end; b += kChunk) {
    const std::size_t e = std::min(end, b + kChunk);
    bool any = false;
    for (std::size_t i = b; i < e; ++i) any |= bad(i);
    if (any) {
      for (std::size_t i = b; i < e; ++i) {
        if (bad(i)) return i;
      }
    }
  }
  return end;
}

/// One check over rows: where it first fails in a range, and the error of a failed row.
struct Check {
  std::function<std::size_t(std::size_t, std::size_t)> first_bad;  // end of the range: none
  std::function<void(std::size_t)> fail;
};

template <class T>
Check codes_within(std::span<const T> column, std::int64_t lo, std::int64_t hi, std::string_view name,
                   std::size_t first_row) {
  return {[=](std::size_t begin, std::size_t end) {
            if (column.empty()) return end;
            return first_bad(begin, end, [&](std::size_t i) {
              const std::int64_t v = column[i];
              return (v < lo) | (v > hi);
            });
          },
          [=](std::size_t row) {
            bad_row(ErrorCode::OUT_OF_RANGE, name, first_row + row,
                    "is " + std::to_string(column[row]) + ", outside " + std::to_string(lo) + ".." + std::to_string(hi));
          }};
}

/// A missing created instant, or a first response or resolution before created; within a
/// row, in that order.
Check timeline(const TicketKpiColumns& t, std::size_t first_row) {
  // A later instant that is present (not kNoInstant, the smallest int64) must not precede created.
  const auto before_created = [&t](std::span<const std::int64_t> c, std::size_t i) {
    return !c.empty() && (c[i] != kNoInstant) & (c[i] < t.created[i]);
  };
  return {[&t, before_created](std::size_t begin, std::size_t end) {
            const std::size_t missing = first_bad(begin, end, [&](std::size_t i) { return t.created[i] == kNoInstant; });
            const std::size_t response = t.first_response.empty() ? end : first_bad(begin, missing, [&](std::size_t i) {
              return before_created(t.first_response, i);
            });
            const std::size_t resolved = t.resolved.empty() ? end : first_bad(begin, missing, [&](std::size_t i) {
              return before_created(t.resolved, i);
            });
            return std::min({missing, response, resolved});
          },
          [&t, before_created, first_row](std::size_t row) {
            if (t.created[row] == kNoInstant) bad_row(ErrorCode::INVALID_TIME, "created", first_row + row, "is missing");
            bad_row(ErrorCode::INVALID_TIMELINE, before_created(t.first_response, row) ? "first_response" : "resolved",
                    first_row + row, "is before created");
          }};
}

/// Created or resolved instants outside the window.
Check within(std::span<const std::int64_t> column, std::string_view name, const InstantWindow& window,
             std::size_t first_row) {
  return {[=, &window](std::size_t begin, std::size_t end) {
            if (column.empty()) return end;
            return first_bad(begin, end, [&](std::size_t i) {
              return (column[i] != kNoInstant) & ((column[i] < window.from) | (column[i] >= window.to));
            });
          },
          [=, &window](std::size_t row) {
            bad_row(ErrorCode::OUT_OF_RANGE, name, first_row + row,
                    format_instant(from_unix_seconds(column[row])) + " is outside " + window.what);
          }};
}

}  // namespace

void validate_ticket_columns(const TicketKpiColumns& t, std::int32_t groups, std::size_t first_row, unsigned threads,
                             const InstantWindow* window) {
  const std::size_t n = t.created.size();
  if (t.group.size() != n) {
    throw Error(ErrorCode::INVALID_ARGUMENT,
                "group has " + std::to_string(t.group.size()) + " rows, created has " + std::to_string(n));
  }
  check_length(t.first_response, n, "first_response");
  check_length(t.resolved, n, "resolved");
  check_length(t.reopened, n, "reopened");
  check_length(t.priority, n, "priority");
  check_length(t.category, n, "category");
  check_length(t.first_contact, n, "first_contact");
  check_length(t.csat, n, "csat");
  check_length(t.nps, n, "nps");
  check_length(t.work_seconds, n, "work_seconds");
  check_length(t.reactive, n, "reactive");
  std::vector<Check> checks{
      codes_within(t.group, 0, groups - 1, "group", first_row),
      codes_within(t.priority, 0, static_cast<std::int64_t>(t.priority_names.size()) - 1, "priority", first_row),
      codes_within(t.category, -1, static_cast<std::int64_t>(t.category_names.size()) - 1, "category", first_row),
      codes_within(t.reopened, 0, 1, "reopened", first_row),
      codes_within(t.first_contact, -1, 1, "first_contact", first_row),
      codes_within(t.csat, -1, 1, "csat", first_row),
      codes_within(t.nps, -1, 10, "nps", first_row),
      codes_within(t.reactive, 0, 1, "reactive", first_row),
      codes_within(t.work_seconds, -1, std::numeric_limits<std::int64_t>::max(), "work_seconds", first_row),
      timeline(t, first_row)};
  if (window) {
    checks.push_back(within(t.created, "created", *window, first_row));
    checks.push_back(within(t.resolved, "resolved", *window, first_row));
  }
  // Each part finds its first failing check and that check's first bad row; the error is the
  // earliest check failing anywhere, at its first row: the same for any number of parts.
  const std::size_t parts = parts_for(n, std::size_t{1} << 18, threads);
  std::vector<std::pair<std::size_t, std::size_t>> first(parts, {checks.size(), n});  // (check, row)
  run_parts(parts, [&](std::size_t k) {
    const std::size_t begin = n * k / parts, end = n * (k + 1) / parts;
    for (std::size_t c = 0; c < checks.size(); ++c) {
      const std::size_t row = checks[c].first_bad(begin, end);
      if (row < end) {
        first[k] = {c, row};
        return;
      }
    }
  });
  const auto [check, row] = *std::min_element(first.begin(), first.end());
  if (check < checks.size()) checks[check].fail(row);
}

}  // namespace detail
}  // namespace v1
}  // namespace mspcore
