#include "ticket_kpi_validate.hpp"

#include <mspcore/core/error.hpp>
#include <mspcore/sla/sla_engine.hpp>

#include <algorithm>
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

template <class T>
void check_codes(std::span<const T> column, std::int64_t lo, std::int64_t hi, std::string_view name,
                 std::size_t first_row) {
  const auto out_of_range = [&](std::size_t i) {
    const std::int64_t v = column[i];
    return (v < lo) | (v > hi);
  };
  const std::size_t row = first_bad(0, column.size(), out_of_range);
  if (row < column.size()) {
    bad_row(ErrorCode::OUT_OF_RANGE, name, first_row + row,
            "is " + std::to_string(column[row]) + ", outside " + std::to_string(lo) + ".." + std::to_string(hi));
  }
}

}  // namespace

void validate_ticket_columns(const TicketKpiColumns& t, std::int32_t groups, std::size_t first_row) {
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
  check_codes(t.group, 0, groups - 1, "group", first_row);
  check_codes(t.priority, 0, static_cast<std::int64_t>(t.priority_names.size()) - 1, "priority", first_row);
  check_codes(t.category, -1, static_cast<std::int64_t>(t.category_names.size()) - 1, "category", first_row);
  check_codes(t.reopened, 0, 1, "reopened", first_row);
  check_codes(t.first_contact, -1, 1, "first_contact", first_row);
  check_codes(t.csat, -1, 1, "csat", first_row);
  check_codes(t.nps, -1, 10, "nps", first_row);
  check_codes(t.reactive, 0, 1, "reactive", first_row);
  check_codes(t.work_seconds, -1, std::numeric_limits<std::int64_t>::max(), "work_seconds", first_row);
  const std::size_t missing = first_bad(0, n, [&](std::size_t i) { return t.created[i] == kNoInstant; });
  // A later instant that is present (not kNoInstant, the smallest int64) must not precede created.
  const auto before_created = [&](std::span<const std::int64_t> c) {
    return [&t, c](std::size_t i) { return (c[i] != kNoInstant) & (c[i] < t.created[i]); };
  };
  const std::size_t end = std::min(missing + 1, n);  // rows after a missing created are not reached
  const std::size_t response = t.first_response.empty() ? n : first_bad(0, end, before_created(t.first_response));
  const std::size_t resolved = t.resolved.empty() ? n : first_bad(0, end, before_created(t.resolved));
  // The first bad row wins; within a row: missing created, then first response, then resolution.
  const std::size_t row = std::min({missing, response, resolved});
  if (row == n) return;
  if (row == missing) bad_row(ErrorCode::INVALID_TIME, "created", first_row + row, "is missing");
  bad_row(ErrorCode::INVALID_TIMELINE, row == response ? "first_response" : "resolved", first_row + row,
          "is before created");
}

}  // namespace detail
}  // namespace v1
}  // namespace mspcore
