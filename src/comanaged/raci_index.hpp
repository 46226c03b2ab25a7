// Private: a matrix indexed for validation, routing and the owner check: parties and lanes by
// name, and each tenant's good cells lane by lane.
#pragma once

#include <mspcore/comanaged/raci.hpp>

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore::raci {

/// The letters of one good cell.
struct Entry {
  std::size_t cell = 0;   // index in cells
  std::size_t party = 0;  // index in parties
  bool r = false, a = false, c = false, i = false;
  std::string letters() const;  // in RACI order: "RA", "C"
};

struct Index {
  const RaciMatrix* matrix = nullptr;
  std::vector<std::string> lanes;  // the matrix's, or the default ones
  std::map<std::string, std::size_t, std::less<>> party_at;  // first declaration
  std::map<std::string, std::size_t, std::less<>> lane_at;
  // tenant -> lane index -> its good cells in cell order (a tenant with any cell is here)
  std::map<std::string, std::vector<std::vector<Entry>>, std::less<>> tenants;

  /// The good cells of (tenant, lane), or null when the tenant has no cells or the lane is unknown.
  const std::vector<Entry>* lane(std::string_view tenant, std::string_view lane) const;
  /// The Responsible party of the entries (the R that is also A, else the first R in parties order).
  std::string responsible(const std::vector<Entry>& entries) const;
  std::string accountable(const std::vector<Entry>& entries) const;
};

/// The index of `matrix`; every problem found on the way is appended to `problems`.
Index index_matrix(const RaciMatrix& matrix, std::vector<RaciProblem>& problems);

/// The index of a valid matrix; else Error(INVALID_ARGUMENT) naming the count and the first problem.
Index valid_index(const RaciMatrix& matrix);

/// Error(INVALID_ARGUMENT) for a rule or default lane naming a lane the matrix does not have, or
/// a queue of a party it does not have.
void check_routing_against(const Index& x, const RaciRouting& routing);

/// "tenant 'acme' lane 'network'"
std::string lane_where(std::string_view tenant, std::string_view lane);

}  // namespace mspcore::raci
