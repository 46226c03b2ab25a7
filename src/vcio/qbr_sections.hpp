// Private: the section builders of the QBR model (qbr_model.cpp). Each takes the result
// document of one area, keeps the report tenant's rows and adds the summaries exports show.
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <string>

namespace mspcore {
inline namespace v1 {
namespace qbr {

using nlohmann::json;

/// The report's tenant and period: [start, end] are whole days, `label` is "2026-Q4" or "2026-11".
struct Scope {
  std::string tenant;
  std::string label;
  std::chrono::sys_days start{}, end{};
};

/// `object[key]`, or null when `object` is no object or has no such member (never an assertion:
/// every document here comes from outside).
const json& member(const json& object, const char* key);
/// A record's value at `key`, unwrapping the {"value": ..., "raw": ...} form of normalised alerts.
const json& value_of(const json& record, const char* key);
/// The whole number at `object[key]`, `fallback` when absent; another type is
/// Error(INVALID_ARGUMENT) naming `where`.
std::int64_t whole_or(const json& object, const char* key, std::int64_t fallback, const std::string& where);
/// The records of list member `key` of `doc` (absent: none) whose "tenant" is the scope's.
json tenant_rows(const json& doc, const char* key, const std::string& where, const Scope& scope);
/// Exact sum of decimal strings; "0" for none.
std::string decimal_sum(const json& rows, const char* key, const std::string& where);

json kpis_section(const json& doc, const Scope& scope);
json sla_section(const json& doc, const Scope& scope);
json security_section(const json& doc, const Scope& scope);
json risk_section(const json& doc, const Scope& scope);
json trueup_section(const json& doc, const Scope& scope);
json lifecycle_section(const json& doc, const Scope& scope);
json roadmap_section(const json& budget, const Scope& scope);
json budget_section(const json& budget, const Scope& scope);
json alignment_section(const json& doc, const Scope& scope);
// The parts of the "backup" section (qbr_rmm_sections.cpp).
json backup_compliance_part(const json& doc, const Scope& scope);
json patch_compliance_part(const json& doc, const Scope& scope);
json availability_part(const json& doc, const Scope& scope);

}  // namespace qbr
}  // namespace v1
}  // namespace mspcore
