/// @file raci.hpp
/// @brief RACI matrices of co-managed IT: who is Responsible, Accountable, Consulted and
/// Informed for each lane of work (end_user, network, servers, ...) at each tenant; the
/// matrix's validation, the routing of tickets to the shared queue of the Responsible party,
/// and the tickets whose owner breaks the matrix (docs/comanaged-raci.md).
#pragma once

#include <mspcore/comanaged/raci_records.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// The lanes of a matrix that names none.
inline constexpr std::array<std::string_view, 6> kRaciDefaultLanes = {"end_user", "network", "servers",
                                                                       "cloud",    "backup",  "security"};

/// A RACI matrix: the parties, the lanes and the cells of every tenant.
struct RaciMatrix {
  std::vector<RaciParty> parties;
  std::vector<std::string> lanes;  ///< in the order given (kRaciDefaultLanes when none are)
  std::vector<RaciCell> cells;
};

/// What is wrong with a matrix.
enum class RaciProblemKind {
  DuplicateParty,       ///< a party id declared twice
  DuplicateLane,        ///< a lane declared twice
  UnknownParty,         ///< a cell's party is not in the parties list
  UnknownLane,          ///< a cell's lane is not in the lanes list
  BadLetter,            ///< a cell's letters are empty, repeat one, or hold one that is not R, A, C or I
  DuplicateCell,        ///< a second cell for the same tenant, lane and party
  MultipleAccountable,  ///< a second A in a tenant's lane (one problem per extra A)
  NoAccountable,        ///< a tenant's lane without an A
  NoResponsible         ///< a tenant's lane without an R
};
/// "duplicate_party", ..., "no_responsible".
std::string_view to_string(RaciProblemKind kind) noexcept;
/// The kind named `text`; anything else is Error(INVALID_ARGUMENT) listing the names.
RaciProblemKind parse_raci_problem_kind(std::string_view text);

/// One problem, naming its cell: tenant, lane and party (empty where the problem is not one
/// party's, as a lane without an A; tenant and lane empty for a duplicate party).
struct RaciProblem {
  RaciProblemKind kind = RaciProblemKind::NoAccountable;
  std::string tenant;
  std::string lane;
  std::string party;
  std::optional<std::size_t> cell;  ///< the index in cells, when one cell is at fault
  std::string message;              ///< names the cell: "tenant 'acme' lane 'network' party 'msp': ..."
};

/// Every problem of `matrix`, in a fixed order: parties, lanes, then the cells in their
/// order, then each tenant (sorted) lane by lane (in the lanes' order). Empty: the matrix
/// is valid. Every tenant that has a cell must have, in every lane, exactly one party with
/// A and at least one with R; a cell with a problem of its own is not counted in its lane.
std::vector<RaciProblem> raci_validate(const RaciMatrix& matrix);

/// Error(INVALID_ARGUMENT) unless `matrix` is valid, naming how many problems it has and the
/// first one: routing and the owner check need a valid matrix.
void raci_require_valid(const RaciMatrix& matrix);

/// How tickets are routed: category rules to lanes, the parties' queues, a default lane.
struct RaciRouting {
  std::vector<RaciRule> rules;
  std::vector<RaciQueue> queues;
  std::string default_lane;  ///< empty: none (a ticket no rule matches then has no lane)
};

/// Error(INVALID_ARGUMENT) for a rule or queue that repeats an earlier one's key (the same
/// category and tenant; the same party and tenant), which would make routing ambiguous.
void raci_check_routing(const RaciRouting& routing);

/// What became of one ticket.
enum class RaciRouteStatus {
  Routed,       ///< to the queue of the lane's Responsible party
  NoMatrix,     ///< the tenant has no cells
  NoLane,       ///< no lane on the ticket, no rule for its category and no default lane
  UnknownLane,  ///< the lane is not one of the matrix's
  NoQueue       ///< the Responsible party has no queue for the tenant
};
/// "routed", "no_matrix", "no_lane", "unknown_lane", "no_queue".
std::string_view to_string(RaciRouteStatus status) noexcept;
/// The status named `text`; anything else is Error(INVALID_ARGUMENT) listing the names.
RaciRouteStatus parse_raci_route_status(std::string_view text);

/// Where a ticket's lane came from.
enum class RaciLaneSource {
  None,     ///< it has none
  Ticket,   ///< the ticket's own lane
  Rule,     ///< the best rule for its category
  Default   ///< the routing's default lane
};
/// "none", "ticket", "rule", "default".
std::string_view to_string(RaciLaneSource source) noexcept;
/// The source named `text`; anything else is Error(INVALID_ARGUMENT) listing the names.
RaciLaneSource parse_raci_lane_source(std::string_view text);

/// The lane of `ticket` and where it came from: the ticket's own lane; else the best rule
/// whose category matches (a rule of the ticket's tenant beats a general one, then an exact
/// category beats a prefix, then a longer prefix beats a shorter one); else the default lane.
/// `rule` is the index of the deciding rule.
struct RaciLane {
  std::string lane;  ///< empty when source is None
  RaciLaneSource source = RaciLaneSource::None;
  std::optional<std::size_t> rule;
};
RaciLane raci_lane_of(const RaciTicket& ticket, const RaciRouting& routing);

/// One ticket's route.
struct RaciRoute {
  RaciLane lane;
  RaciRouteStatus status = RaciRouteStatus::NoLane;
  std::string party;  ///< the Responsible party, when the tenant and lane are known
  std::string queue;  ///< its queue, when routed
};

/// The Responsible party of `lane` at `tenant` in a valid matrix: the one R that is also the
/// A, else the first R in the parties list; empty when the tenant or lane has no cells.
std::string raci_responsible(const RaciMatrix& matrix, std::string_view tenant, std::string_view lane);

/// The route of every ticket, in their order. The matrix must be valid (raci_require_valid)
/// and the routing unambiguous (raci_check_routing). Statuses are decided in this order:
/// no_matrix, no_lane, unknown_lane, no_queue, routed.
std::vector<RaciRoute> raci_route(const std::vector<RaciTicket>& tickets, const RaciMatrix& matrix,
                                  const RaciRouting& routing);

/// How a ticket's owner breaks the matrix.
enum class RaciViolationKind {
  NoMatrix,             ///< the tenant has no cells
  NoLane,               ///< the ticket has no lane (none of its own, none routed)
  UnknownLane,          ///< its lane is not one of the matrix's
  UnknownOwner,         ///< its owner is not a party of the matrix
  OwnerNotResponsible   ///< its owner is neither R nor A in the ticket's lane
};
/// "no_matrix", "no_lane", "unknown_lane", "unknown_owner", "owner_not_responsible".
std::string_view to_string(RaciViolationKind kind) noexcept;
/// The kind named `text`; anything else is Error(INVALID_ARGUMENT) listing the names.
RaciViolationKind parse_raci_violation_kind(std::string_view text);

/// One ticket whose owner breaks the matrix.
struct RaciViolation {
  std::size_t ticket = 0;  ///< its index in the tickets
  RaciViolationKind kind = RaciViolationKind::NoLane;
  std::string lane;        ///< the lane it was judged in (empty when none)
  std::string owner_raci;  ///< the owner's letters in that lane ("C", "" for none)
  std::string responsible; ///< who should hold it (raci_responsible), when known
  std::string accountable; ///< the lane's A, when known
  std::string message;     ///< "tickets[2] (tenant 'acme' ticket 'T-3'): owner ..."
};

/// The tickets whose owner breaks the matrix, in the tickets' order; a ticket without an
/// owner breaks nothing and is not listed. A ticket without a lane of its own gets the lane
/// `routing` gives it, when a routing is given. The checks, in order: no_matrix, no_lane,
/// unknown_lane, unknown_owner, owner_not_responsible. The matrix must be valid.
std::vector<RaciViolation> raci_violations(const std::vector<RaciTicket>& tickets, const RaciMatrix& matrix,
                                           const RaciRouting* routing = nullptr);

// ---- the documents -------------------------------------------------------------------------

/// The matrix document from its carrier (a JSON object, a Python dict) with the members of
/// kRaciMatrixFields: parties and cells are lists of records (read_raci_party,
/// read_raci_cell), lanes a list of texts; absent lanes are kRaciDefaultLanes, an empty list
/// is an error. `where` names the document in errors ("matrix").
RaciMatrix read_raci_matrix(const Fields& document, const std::string& where);
/// The routing document with the members of kRaciRoutingFields: rules and queues lists of
/// records (read_raci_rule, read_raci_queue), default_lane a text; checked by raci_check_routing.
RaciRouting read_raci_routing(const Fields& document, const std::string& where);

// ---- the JSON forms (the C ABI's documents) -----------------------------------------------

/// The matrix document {"parties": [...], "lanes": [...], "cells": [...]}.
RaciMatrix raci_matrix_from_json(std::string_view text);
/// The routing document {"rules": [...], "queues": [...], "default_lane": "..."}.
RaciRouting raci_routing_from_json(std::string_view text);

/// Request: the matrix document. Result: {"valid": bool, "problems": [{"problem", "tenant",
/// "lane", "party", "cell", "message"}]} (tenant, lane, party null where empty).
std::string raci_validate_json(std::string_view matrix);
/// Request {"tickets", "matrix", "routing"}. Result {"routes": [{"tenant", "id", "category",
/// "lane", "lane_source", "rule", "party", "queue", "status"}]}.
std::string raci_route_json(std::string_view request);
/// Request {"tickets", "matrix", "routing" (optional)}. Result {"violations": [{"ticket",
/// "tenant", "id", "owner", "lane", "violation", "owner_raci", "responsible", "accountable",
/// "message"}]}.
std::string raci_violations_json(std::string_view request);

/// The result documents from results (what the JSON functions write; Python uses them too).
std::string raci_problems_json(const std::vector<RaciProblem>& problems);
std::string raci_routes_json(const std::vector<RaciRoute>& routes, const std::vector<RaciTicket>& tickets);
std::string raci_violations_result_json(const std::vector<RaciViolation>& violations,
                                        const std::vector<RaciTicket>& tickets);

}  // namespace v1
}  // namespace mspcore
