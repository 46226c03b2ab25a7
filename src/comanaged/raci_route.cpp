// Routing of tickets to the shared queue of their lane's Responsible party
// (docs/comanaged-raci.md: the lane of a ticket, the tie rules, the statuses).
#include "comanaged/raci_index.hpp"

#include <mspcore/core/error.hpp>
#include <mspcore/records/field_reader.hpp>

#include <map>
#include <tuple>

namespace mspcore {
inline namespace v1 {

namespace {

std::string for_tenant(const std::string& tenant) {
  return tenant.empty() ? "every tenant" : "tenant " + mspcore::quoted(tenant);
}

// How well rule `rule` fits: (its tenant's own, exact, stem length); nullopt when it does not match.
std::optional<std::tuple<bool, bool, std::size_t>> fit(const RaciRule& rule, const RaciTicket& t) {
  if (!rule.tenant.empty() && rule.tenant != t.tenant) return std::nullopt;
  const bool prefix = rule.category.back() == '*';
  const std::string_view stem = std::string_view(rule.category).substr(0, rule.category.size() - (prefix ? 1 : 0));
  if (prefix ? !std::string_view(t.category).starts_with(stem) : t.category != stem) return std::nullopt;
  return std::tuple{!rule.tenant.empty(), !prefix, stem.size()};
}

}  // namespace

}  // namespace v1
}  // namespace mspcore

namespace mspcore::raci {

// The rules' and queues' lanes and parties must be the matrix's: a typo there would quietly
// leave every ticket of the category unrouted.
void check_routing_against(const Index& x, const RaciRouting& routing) {
  const auto known = [](const auto& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + std::string(n);
    return out;
  };
  for (std::size_t i = 0; i < routing.rules.size(); ++i) {
    const RaciRule& rule = routing.rules[i];
    if (!x.lane_at.contains(rule.lane)) {
      throw Error(ErrorCode::INVALID_ARGUMENT, record_where("rules", i) + ".lane: " + mspcore::quoted(rule.lane) +
                                                   " is not a lane of the matrix (known: " + known(x.lanes) + ")",
                  static_cast<std::int64_t>(i));
    }
  }
  if (!routing.default_lane.empty() && !x.lane_at.contains(routing.default_lane)) {
    throw Error(ErrorCode::INVALID_ARGUMENT, "routing.default_lane: " + mspcore::quoted(routing.default_lane) +
                                                 " is not a lane of the matrix (known: " + known(x.lanes) + ")");
  }
  for (std::size_t i = 0; i < routing.queues.size(); ++i) {
    const RaciQueue& q = routing.queues[i];
    if (!x.party_at.contains(q.party)) {
      std::vector<std::string> parties;
      for (const RaciParty& p : x.matrix->parties) parties.push_back(p.id);
      throw Error(ErrorCode::INVALID_ARGUMENT, record_where("queues", i) + ".party: " + mspcore::quoted(q.party) +
                                                   " is not a party of the matrix (known: " + known(parties) + ")",
                  static_cast<std::int64_t>(i));
    }
  }
}

}  // namespace mspcore::raci

namespace mspcore {
inline namespace v1 {

namespace {

// The party's queue for the tenant: its tenant's own, else its general one; null when none.
const RaciQueue* queue_of(const RaciRouting& routing, std::string_view party, std::string_view tenant) {
  const RaciQueue* general = nullptr;
  for (const RaciQueue& q : routing.queues) {
    if (q.party != party) continue;
    if (q.tenant == tenant) return &q;
    if (q.tenant.empty()) general = &q;
  }
  return general;
}

}  // namespace

void raci_check_routing(const RaciRouting& routing) {
  std::map<std::pair<std::string_view, std::string_view>, std::size_t> rules, queues;
  for (std::size_t i = 0; i < routing.rules.size(); ++i) {
    const RaciRule& r = routing.rules[i];
    if (const auto [at, fresh] = rules.emplace(std::pair{std::string_view(r.category), std::string_view(r.tenant)}, i);
        !fresh) {
      throw Error(ErrorCode::INVALID_ARGUMENT,
                  record_where("rules", i) + ": category " + mspcore::quoted(r.category) + " for " + for_tenant(r.tenant) +
                      " is already routed by " + record_where("rules", at->second) + " (routing would be ambiguous)",
                  static_cast<std::int64_t>(i));
    }
  }
  for (std::size_t i = 0; i < routing.queues.size(); ++i) {
    const RaciQueue& q = routing.queues[i];
    if (const auto [at, fresh] = queues.emplace(std::pair{std::string_view(q.party), std::string_view(q.tenant)}, i);
        !fresh) {
      throw Error(ErrorCode::INVALID_ARGUMENT,
                  record_where("queues", i) + ": party " + mspcore::quoted(q.party) + " for " + for_tenant(q.tenant) +
                      " already has a queue at " + record_where("queues", at->second) + " (routing would be ambiguous)",
                  static_cast<std::int64_t>(i));
    }
  }
}

RaciLane raci_lane_of(const RaciTicket& ticket, const RaciRouting& routing) {
  if (!ticket.lane.empty()) return {ticket.lane, RaciLaneSource::Ticket, std::nullopt};
  if (!ticket.category.empty()) {
    std::optional<std::tuple<bool, bool, std::size_t>> best;
    std::size_t best_at = 0;
    for (std::size_t i = 0; i < routing.rules.size(); ++i) {
      const auto f = fit(routing.rules[i], ticket);
      // Strictly better only: no two rules share a key, so equal fits cannot both match.
      if (f && (!best || *f > *best)) {
        best = f;
        best_at = i;
      }
    }
    if (best) return {routing.rules[best_at].lane, RaciLaneSource::Rule, best_at};
  }
  if (!routing.default_lane.empty()) return {routing.default_lane, RaciLaneSource::Default, std::nullopt};
  return {};
}

std::vector<RaciRoute> raci_route(const std::vector<RaciTicket>& tickets, const RaciMatrix& matrix,
                                  const RaciRouting& routing) {
  const raci::Index x = raci::valid_index(matrix);
  raci_check_routing(routing);
  raci::check_routing_against(x, routing);
  std::vector<RaciRoute> out;
  out.reserve(tickets.size());
  for (const RaciTicket& t : tickets) {
    RaciRoute r;
    r.lane = raci_lane_of(t, routing);
    const std::vector<raci::Entry>* entries = x.lane(t.tenant, r.lane.lane);
    if (!x.tenants.contains(t.tenant)) {
      r.status = RaciRouteStatus::NoMatrix;
    } else if (r.lane.source == RaciLaneSource::None) {
      r.status = RaciRouteStatus::NoLane;
    } else if (entries == nullptr) {
      r.status = RaciRouteStatus::UnknownLane;
    } else {
      r.party = x.responsible(*entries);  // a valid matrix has an R in every lane of the tenant
      const RaciQueue* q = queue_of(routing, r.party, t.tenant);
      r.status = q ? RaciRouteStatus::Routed : RaciRouteStatus::NoQueue;
      if (q) r.queue = q->queue;
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace v1
}  // namespace mspcore
