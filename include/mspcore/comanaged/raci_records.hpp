/// @file raci_records.hpp
/// @brief The one decoder of each RACI record (parties, lanes, matrix cells, routing rules,
/// queues, tickets), whatever carries them: the C ABI's JSON, Python dicts and DataFrames, a
/// host's rows (docs/comanaged-raci.md, docs/records.md).
///
/// The decoders read the records as they are; what a record means next to the others (an
/// unknown party, a second Accountable, a bad letter) is the matrix validation's job
/// (mspcore/comanaged/raci.hpp), which reports every problem at once rather than the first.
#pragma once

#include <mspcore/records/fields.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace mspcore {
inline namespace v1 {

/// Who a party is in a co-managed relationship.
enum class RaciPartyKind {
  Msp,       ///< the managed service provider
  ClientIt,  ///< the client's own IT department
  Vendor     ///< a third party (a line-of-business vendor, a carrier, ...)
};
/// "msp", "client_it", "vendor".
std::string_view to_string(RaciPartyKind kind) noexcept;
/// The kind named `text`; anything else is Error(INVALID_ARGUMENT) listing the names.
RaciPartyKind parse_raci_party_kind(std::string_view text);

/// A party of the matrix: an id the cells, queues and ticket owners refer to.
struct RaciParty {
  std::string id;
  RaciPartyKind kind = RaciPartyKind::Msp;
};

/// One cell of a tenant's matrix: the letters `party` holds in `lane` ("RA", "C", ...). The
/// letters are kept as given; validation says which are not R, A, C or I.
struct RaciCell {
  std::string tenant;
  std::string lane;
  std::string party;
  std::string raci;
};

/// A routing rule: tickets of `category` (exact, or a prefix ending in '*') go to `lane`;
/// with a tenant, only that tenant's tickets.
struct RaciRule {
  std::string category;
  std::string lane;
  std::string tenant;  ///< empty: every tenant
};

/// The shared queue a party works tickets from; with a tenant, only for that tenant.
struct RaciQueue {
  std::string party;
  std::string queue;
  std::string tenant;  ///< empty: every tenant
};

/// A ticket as routing and the owner check read it.
struct RaciTicket {
  std::string tenant;
  std::string id;
  std::string category;  ///< empty: none
  std::string lane;      ///< empty: none (routing then finds it from the category)
  std::string owner;     ///< the party holding the ticket; empty: nobody yet
};

/// The fields of a party, numbered as in kRaciPartyFields.
enum class RaciPartyField : std::size_t { id, kind };
inline constexpr std::array<std::string_view, 2> kRaciPartyFields = {"id", "kind"};

/// The fields of a cell, numbered as in kRaciCellFields.
enum class RaciCellField : std::size_t { tenant, lane, party, raci };
inline constexpr std::array<std::string_view, 4> kRaciCellFields = {"tenant", "lane", "party", "raci"};

/// The fields of a routing rule, numbered as in kRaciRuleFields.
enum class RaciRuleField : std::size_t { category, lane, tenant };
inline constexpr std::array<std::string_view, 3> kRaciRuleFields = {"category", "lane", "tenant"};

/// The fields of a queue, numbered as in kRaciQueueFields.
enum class RaciQueueField : std::size_t { party, queue, tenant };
inline constexpr std::array<std::string_view, 3> kRaciQueueFields = {"party", "queue", "tenant"};

/// The fields of a ticket, numbered as in kRaciTicketFields.
enum class RaciTicketField : std::size_t { tenant, id, category, lane, owner };
inline constexpr std::array<std::string_view, 5> kRaciTicketFields = {"tenant", "id", "category", "lane", "owner"};

/// The members of the matrix document and of the routing document.
inline constexpr std::array<std::string_view, 3> kRaciMatrixFields = {"parties", "lanes", "cells"};
inline constexpr std::array<std::string_view, 3> kRaciRoutingFields = {"rules", "queues", "default_lane"};

/// Party `index` ("parties[index]"). Required: id (not empty), kind.
RaciParty read_raci_party(const Fields& fields, std::size_t index);

/// Lane `index` of the lanes list ("lanes[index]"): a text that is not empty, at Fields::kSelf.
std::string read_raci_lane(const Fields& fields, std::size_t index);

/// Cell `index` ("cells[index]"). Required: tenant, lane, party (not empty) and raci (a text,
/// which may be empty: validation reports it).
RaciCell read_raci_cell(const Fields& fields, std::size_t index);

/// Rule `index` ("rules[index]"). Required: category (not empty; at most one '*', at its
/// end), lane (not empty). Optional: tenant (not empty when given).
RaciRule read_raci_rule(const Fields& fields, std::size_t index);

/// Queue `index` ("queues[index]"). Required: party, queue (not empty). Optional: tenant.
RaciQueue read_raci_queue(const Fields& fields, std::size_t index);

/// Ticket `index` ("tickets[index]", then "tickets[index] (tenant 't' ticket 'id')").
/// Required: tenant, id (not empty). Optional: category, lane, owner.
RaciTicket read_raci_ticket(const Fields& fields, std::size_t index);

}  // namespace v1
}  // namespace mspcore
