// The tickets whose owner breaks the matrix (docs/comanaged-raci.md).
#include "comanaged/raci_index.hpp"

#include <mspcore/core/error.hpp>
#include <mspcore/records/field_reader.hpp>

namespace mspcore {
inline namespace v1 {

namespace {

std::string names(const std::vector<std::string>& list) {
  std::string out;
  for (const std::string& n : list) out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "none" : out;
}

}  // namespace

std::vector<RaciViolation> raci_violations(const std::vector<RaciTicket>& tickets, const RaciMatrix& matrix,
                                           const RaciRouting* routing) {
  const raci::Index x = raci::valid_index(matrix);
  if (routing != nullptr) {
    raci_check_routing(*routing);
    raci::check_routing_against(x, *routing);
  }
  std::vector<std::string> parties;
  for (const RaciParty& p : matrix.parties) parties.push_back(p.id);
  std::vector<RaciViolation> out;
  for (std::size_t i = 0; i < tickets.size(); ++i) {
    const RaciTicket& t = tickets[i];
    if (t.owner.empty()) continue;  // nobody holds it: nobody breaks the matrix
    RaciViolation v;
    v.ticket = i;
    v.lane = routing ? raci_lane_of(t, *routing).lane : t.lane;
    const std::string where = record_where("tickets", i) + " (tenant " + mspcore::quoted(t.tenant) + " ticket " + mspcore::quoted(t.id) + ")";
    const std::vector<raci::Entry>* entries = x.lane(t.tenant, v.lane);
    if (!x.tenants.contains(t.tenant)) {
      v.kind = RaciViolationKind::NoMatrix;
      v.message = where + ": tenant " + mspcore::quoted(t.tenant) + " has no RACI matrix (no cells)";
    } else if (v.lane.empty()) {
      v.kind = RaciViolationKind::NoLane;
      v.message = where + ": no lane (none on the ticket" +
                  std::string(routing ? ", no rule for its category and no default lane)" : " and no routing given)");
    } else if (entries == nullptr) {
      v.kind = RaciViolationKind::UnknownLane;
      v.message = where + ": lane " + mspcore::quoted(v.lane) + " is not a lane of the matrix (known: " + names(x.lanes) + ")";
    } else {
      v.responsible = x.responsible(*entries);
      v.accountable = x.accountable(*entries);
      const auto owner = x.party_at.find(t.owner);
      if (owner == x.party_at.end()) {
        v.kind = RaciViolationKind::UnknownOwner;
        v.message = where + ": owner " + mspcore::quoted(t.owner) + " is not a party of the matrix (known: " + names(parties) + ")";
      } else {
        for (const raci::Entry& e : *entries) {
          if (e.party == owner->second) v.owner_raci = e.letters();
        }
        if (v.owner_raci.find_first_of("RA") != std::string::npos) continue;  // R or A: theirs to hold
        v.kind = RaciViolationKind::OwnerNotResponsible;
        v.message = where + ": owner " + mspcore::quoted(t.owner) + " is " +
                    (v.owner_raci.empty() ? std::string("nothing") : mspcore::quoted(v.owner_raci)) + " in " +
                    raci::lane_where(t.tenant, v.lane) + ", neither R nor A (responsible " + mspcore::quoted(v.responsible) +
                    ", accountable " + mspcore::quoted(v.accountable) + ")";
      }
    }
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace v1
}  // namespace mspcore
