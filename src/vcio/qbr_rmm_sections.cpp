// The QBR model's "backup" section: backup compliance, patch compliance and availability of
// the report tenant, from the result documents of backup_compliance_json, patch_compliance_json
// and availability_json (docs/vcio-qbr-model.md). The client's roll-up row as it is, and the
// devices that need attention, worst first.
#include <mspcore/core/error.hpp>
#include <mspcore/money/decimal.hpp>

#include "core/json_util.hpp"
#include "vcio/qbr_sections.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <tuple>

namespace mspcore {
inline namespace v1 {
namespace qbr {

namespace {

std::string text_of(const json& row, const char* key) {
  const json& v = member(row, key);
  return v.is_string() ? v.get<std::string>() : "";
}

// The tenant's one roll-up row, or null when the document has none for it.
json client_row(const json& doc, const char* where, const Scope& scope) {
  const json rows = tenant_rows(doc, "clients", where, scope);
  if (rows.size() > 1) {
    throw Error(ErrorCode::INVALID_ARGUMENT, std::string(where) + ".clients: " + std::to_string(rows.size()) +
                                                 " rows for tenant " + quoted(scope.tenant));
  }
  return rows.empty() ? json(nullptr) : rows[0];
}

// A decimal text as a sort key (smallest first); absent or not a decimal sorts last.
Decimal decimal_key(const json& row, const char* key) {
  const json& v = member(row, key);
  if (!v.is_string()) return Decimal::parse("1000000000");
  return Decimal::parse(v.get<std::string>());
}

// Position of `status` in `order`; statuses not listed are not attention items.
template <std::size_t N>
std::size_t rank(const std::string& status, const std::array<const char*, N>& order) {
  for (std::size_t i = 0; i < N; ++i) {
    if (status == order[i]) return i;
  }
  return N;
}

}  // namespace

json backup_compliance_part(const json& doc, const Scope& scope) {
  json_util::reject_unknown_keys(doc, "backup", {"as_of", "devices", "clients"});
  const json devices = tenant_rows(doc, "devices", "backup", scope);
  // Never backed up first, then overdue, warning, unknown; within a status the oldest good backup.
  constexpr std::array<const char*, 4> order{"never", "overdue", "warning", "unknown"};
  json attention = json::array();
  for (const json& d : devices) {
    if (rank(text_of(d, "status"), order) < order.size()) attention.push_back(d);
  }
  std::stable_sort(attention.begin(), attention.end(), [&](const json& a, const json& b) {
    const auto key = [&](const json& r) {
      const json& age = member(r, "age_seconds");
      return std::make_tuple(rank(text_of(r, "status"), order),
                             age.is_number_integer() ? -age.get<std::int64_t>() : std::numeric_limits<std::int64_t>::min());
    };
    return key(a) < key(b);
  });
  return {{"as_of", member(doc, "as_of")}, {"devices", devices.size()}, {"client", client_row(doc, "backup", scope)},
          {"attention", attention}};
}

json patch_compliance_part(const json& doc, const Scope& scope) {
  json_util::reject_unknown_keys(doc, "patch", {"as_of", "devices", "clients"});
  const json devices = tenant_rows(doc, "devices", "patch", scope);
  // Not patched first (most missing patches first), then unknown.
  constexpr std::array<const char*, 2> order{"not_patched", "unknown"};
  json attention = json::array();
  for (const json& d : devices) {
    if (rank(text_of(d, "status"), order) < order.size()) attention.push_back(d);
  }
  std::stable_sort(attention.begin(), attention.end(), [&](const json& a, const json& b) {
    const auto key = [&](const json& r) {
      return std::make_tuple(rank(text_of(r, "status"), order), -whole_or(r, "missing", 0, "patch.devices"));
    };
    return key(a) < key(b);
  });
  return {{"as_of", member(doc, "as_of")}, {"devices", devices.size()}, {"client", client_row(doc, "patch", scope)},
          {"attention", attention}};
}

json availability_part(const json& doc, const Scope& scope) {
  json_util::reject_unknown_keys(doc, "availability", {"period", "target", "devices", "clients"});
  const json devices = tenant_rows(doc, "devices", "availability", scope);
  // Devices that were down at all, the least available first.
  json attention = json::array();
  for (const json& d : devices) {
    if (whole_or(d, "down_seconds", 0, "availability.devices") > 0) attention.push_back(d);
  }
  std::stable_sort(attention.begin(), attention.end(), [](const json& a, const json& b) {
    return decimal_key(a, "availability_pct") < decimal_key(b, "availability_pct");
  });
  return {{"period", member(doc, "period")}, {"target", member(doc, "target")}, {"devices", devices.size()},
          {"client", client_row(doc, "availability", scope)}, {"attention", attention}};
}

}  // namespace qbr
}  // namespace v1
}  // namespace mspcore
