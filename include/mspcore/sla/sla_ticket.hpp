/// @file sla_ticket.hpp
/// @brief A ticket's timeline as the SLA engine reads it (the ticket JSON of docs/sla.md).
#pragma once

#include <mspcore/time/instant.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// The events of one ticket. Instants are UTC.
struct SlaTicket {
  Instant created;
  std::optional<Instant> first_response;
  std::optional<Instant> resolved;  ///< the latest resolution, if resolved
  std::optional<Instant> planned;   ///< when the plan was delivered (for the plan target)
  /// The priority in force before the first priority_history entry (the current one when
  /// there is no history).
  std::string priority;
  /// (at, priority): the priority in force from `at` on.
  std::vector<std::pair<Instant, std::string>> priority_history;
  /// (at, status): the status from `at` on; pause and resolved statuses come from here.
  std::vector<std::pair<Instant, std::string>> status_history;
  std::vector<Instant> reopened;

  /// Parse `{"created": ..., "first_response": ... | null, "resolved": ... | null,
  /// "planned": ..., "priority": "P2", "status_history": [[at, status], ...],
  /// "priority_history": [[at, priority], ...], "reopened": [at, ...]}` with ISO-8601
  /// instants. Errors name the key and the bad value.
  static SlaTicket from_json(std::string_view json);
};

}  // namespace v1
}  // namespace mspcore
