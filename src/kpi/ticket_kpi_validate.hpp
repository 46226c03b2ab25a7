// Private to src/kpi: checks of ticket columns before accumulating them.
#pragma once

#include <mspcore/kpi/ticket_kpi.hpp>

#include <string>

namespace mspcore {
inline namespace v1 {
namespace detail {

/// Where created and resolved instants must lie, [from, to) in Unix seconds, and what that
/// window is for the error ("the periods 2024-Q1..2025-Q4 being accumulated").
struct InstantWindow {
  std::int64_t from = 0, to = 0;
  std::string what;
};

/// Throws Error naming the column and the first bad row: columns of different lengths, codes
/// out of range, a missing created instant, a first response or resolution before created, and
/// (with a window) a created or resolved instant outside it. Columns are checked in that fixed
/// order on `threads` threads (0: one per core), and the error does not depend on their number.
/// Rows are named counting from `first_row` (the rows of earlier blocks).
void validate_ticket_columns(const TicketKpiColumns& tickets, std::int32_t groups, std::size_t first_row = 0,
                             unsigned threads = 0, const InstantWindow* window = nullptr);

}  // namespace detail
}  // namespace v1
}  // namespace mspcore
