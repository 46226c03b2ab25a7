// Private to src/kpi: checks of ticket columns before accumulating them.
#pragma once

#include <mspcore/kpi/ticket_kpi.hpp>

namespace mspcore {
inline namespace v1 {
namespace detail {

/// Throws Error naming the column and the first bad row: columns of different lengths, codes
/// out of range, a missing created instant, a first response or resolution before created.
/// Columns are checked in a fixed order on `threads` threads (0: one per core), and the error
/// does not depend on their number. Rows are named counting from `first_row` (the rows of
/// earlier blocks).
void validate_ticket_columns(const TicketKpiColumns& tickets, std::int32_t groups, std::size_t first_row = 0,
                             unsigned threads = 0);

}  // namespace detail
}  // namespace v1
}  // namespace mspcore
