// Validation of a RACI matrix: every problem at once, each naming its cell
// (docs/comanaged-raci.md).
#include "comanaged/raci_index.hpp"

#include <mspcore/core/error.hpp>
#include <mspcore/records/field_reader.hpp>

#include <algorithm>

namespace mspcore::raci {

namespace {

std::string cell_where(const RaciCell& c, std::size_t index) {
  return record_where("cells", index) + " (tenant " + mspcore::quoted(c.tenant) + " lane " + mspcore::quoted(c.lane) + " party " +
         mspcore::quoted(c.party) + ")";
}

template <class Map>
std::string known(const Map& names) {
  std::vector<std::pair<std::size_t, std::string>> in_order;
  for (const auto& [name, at] : names) in_order.emplace_back(at, name);
  std::sort(in_order.begin(), in_order.end());
  std::string out;
  for (const auto& [at, name] : in_order) out += (out.empty() ? "" : ", ") + name;
  return out.empty() ? "none" : out;
}

// The letters of a cell, or the reason they are bad (returned as a message).
std::string read_letters(std::string_view text, Entry& e) {
  if (text.empty()) return "raci is empty (give a subset of R, A, C, I)";
  for (const char ch : text) {
    bool* flag = ch == 'R' ? &e.r : ch == 'A' ? &e.a : ch == 'C' ? &e.c : ch == 'I' ? &e.i : nullptr;
    if (flag == nullptr) {
      return "raci " + mspcore::quoted(text) + " has " + mspcore::quoted(std::string_view(&ch, 1)) + ", which is not R, A, C or I";
    }
    if (*flag) return "raci " + mspcore::quoted(text) + " has " + mspcore::quoted(std::string_view(&ch, 1)) + " twice";
    *flag = true;
  }
  return {};
}

RaciProblem problem(RaciProblemKind kind, std::string tenant, std::string lane, std::string party,
                    std::optional<std::size_t> cell, std::string message) {
  return RaciProblem{kind, std::move(tenant), std::move(lane), std::move(party), cell, std::move(message)};
}

}  // namespace

std::string Entry::letters() const {
  std::string out;
  if (r) out += 'R';
  if (a) out += 'A';
  if (c) out += 'C';
  if (i) out += 'I';
  return out;
}

std::string lane_where(std::string_view tenant, std::string_view lane) {
  return "tenant " + mspcore::quoted(tenant) + " lane " + mspcore::quoted(lane);
}

const std::vector<Entry>* Index::lane(std::string_view tenant, std::string_view name) const {
  const auto t = tenants.find(tenant);
  const auto l = lane_at.find(name);
  if (t == tenants.end() || l == lane_at.end()) return nullptr;
  return &t->second[l->second];
}

std::string Index::responsible(const std::vector<Entry>& entries) const {
  const Entry* best = nullptr;
  for (const Entry& e : entries) {
    if (!e.r) continue;
    if (e.a) return matrix->parties[e.party].id;  // R and A: the one who answers for it also does it
    if (best == nullptr || e.party < best->party) best = &e;
  }
  return best ? matrix->parties[best->party].id : std::string();
}

std::string Index::accountable(const std::vector<Entry>& entries) const {
  for (const Entry& e : entries) {
    if (e.a) return matrix->parties[e.party].id;
  }
  return {};
}

Index index_matrix(const RaciMatrix& m, std::vector<RaciProblem>& problems) {
  Index x;
  x.matrix = &m;
  x.lanes = m.lanes.empty() ? std::vector<std::string>(kRaciDefaultLanes.begin(), kRaciDefaultLanes.end()) : m.lanes;
  for (std::size_t p = 0; p < m.parties.size(); ++p) {
    const std::string& id = m.parties[p].id;
    if (const auto [at, fresh] = x.party_at.emplace(id, p); !fresh) {
      problems.push_back(problem(RaciProblemKind::DuplicateParty, "", "", id, std::nullopt,
                                 record_where("parties", p) + ": party " + mspcore::quoted(id) + " is declared twice (first at " +
                                     record_where("parties", at->second) + ")"));
    }
  }
  for (std::size_t l = 0; l < x.lanes.size(); ++l) {
    if (const auto [at, fresh] = x.lane_at.emplace(x.lanes[l], l); !fresh) {
      problems.push_back(problem(RaciProblemKind::DuplicateLane, "", x.lanes[l], "", std::nullopt,
                                 record_where("lanes", l) + ": lane " + mspcore::quoted(x.lanes[l]) +
                                     " is declared twice (first at " + record_where("lanes", at->second) + ")"));
    }
  }
  std::map<std::tuple<std::string_view, std::string_view, std::string_view>, std::size_t> seen;
  for (std::size_t i = 0; i < m.cells.size(); ++i) {
    const RaciCell& c = m.cells[i];
    auto& lanes = x.tenants[c.tenant];
    lanes.resize(x.lanes.size());
    const auto report = [&](RaciProblemKind kind, const std::string& what) {
      problems.push_back(problem(kind, c.tenant, c.lane, c.party, i, cell_where(c, i) + ": " + what));
    };
    bool good = true;
    const auto party = x.party_at.find(c.party);
    if (party == x.party_at.end()) {
      report(RaciProblemKind::UnknownParty,
             "party " + mspcore::quoted(c.party) + " is not in the parties list (known: " + known(x.party_at) + ")");
      good = false;
    }
    const auto lane = x.lane_at.find(c.lane);
    if (lane == x.lane_at.end()) {
      report(RaciProblemKind::UnknownLane,
             "lane " + mspcore::quoted(c.lane) + " is not in the lanes list (known: " + known(x.lane_at) + ")");
      good = false;
    }
    Entry e;
    e.cell = i;
    if (const std::string bad = read_letters(c.raci, e); !bad.empty()) {
      report(RaciProblemKind::BadLetter, bad);
      good = false;
    }
    if (const auto [at, fresh] = seen.emplace(std::tuple{std::string_view(c.tenant), std::string_view(c.lane),
                                                        std::string_view(c.party)}, i);
        !fresh) {
      report(RaciProblemKind::DuplicateCell, "a second cell for this tenant, lane and party (first at " +
                                                 record_where("cells", at->second) + ")");
      good = false;
    }
    if (!good) continue;  // counted nowhere: its own problem says what to fix
    e.party = party->second;
    lanes[lane->second].push_back(e);
  }
  for (const auto& [tenant, lanes] : x.tenants) {
    for (std::size_t l = 0; l < x.lanes.size(); ++l) {
      const std::string& name = x.lanes[l];
      if (x.lane_at.at(name) != l) continue;  // a lane declared twice is checked once, at its first place
      const Entry* first_a = nullptr;
      bool any_r = false;
      for (const Entry& e : lanes[l]) {
        any_r = any_r || e.r;
        if (!e.a) continue;
        if (first_a == nullptr) {
          first_a = &e;
          continue;
        }
        const std::string& party = m.parties[e.party].id;
        problems.push_back(problem(RaciProblemKind::MultipleAccountable, tenant, name, party, e.cell,
                                   cell_where(m.cells[e.cell], e.cell) + ": a second A (" +
                                       mspcore::quoted(m.parties[first_a->party].id) + " is accountable at " +
                                       record_where("cells", first_a->cell) + "); exactly one party is accountable"));
      }
      if (first_a == nullptr) {
        problems.push_back(problem(RaciProblemKind::NoAccountable, tenant, name, "", std::nullopt,
                                   lane_where(tenant, name) + ": no party is accountable (A); exactly one must be"));
      }
      if (!any_r) {
        problems.push_back(problem(RaciProblemKind::NoResponsible, tenant, name, "", std::nullopt,
                                   lane_where(tenant, name) + ": no party is responsible (R); at least one must be"));
      }
    }
  }
  return x;
}

Index valid_index(const RaciMatrix& matrix) {
  std::vector<RaciProblem> problems;
  Index x = index_matrix(matrix, problems);
  if (!problems.empty()) {
    const std::size_t n = problems.size();
    throw Error(ErrorCode::INVALID_ARGUMENT, "matrix: " + std::to_string(n) + (n == 1 ? " problem" : " problems") +
                                                 " (raci_validate lists them), the first: " + problems.front().message);
  }
  return x;
}

}  // namespace mspcore::raci

namespace mspcore {
inline namespace v1 {

std::vector<RaciProblem> raci_validate(const RaciMatrix& matrix) {
  std::vector<RaciProblem> problems;
  raci::index_matrix(matrix, problems);
  return problems;
}

void raci_require_valid(const RaciMatrix& matrix) { raci::valid_index(matrix); }

std::string raci_responsible(const RaciMatrix& matrix, std::string_view tenant, std::string_view lane) {
  const raci::Index x = raci::valid_index(matrix);
  const auto* entries = x.lane(tenant, lane);
  return entries ? x.responsible(*entries) : std::string();
}

}  // namespace v1
}  // namespace mspcore
