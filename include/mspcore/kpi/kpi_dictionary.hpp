/// @file kpi_dictionary.hpp
/// @brief The one KPI dictionary used by every report (docs/kpi-dictionary.md).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// How a KPI is defined. Every frame, document and report reads these entries.
struct KpiDefinition {
  std::string_view id;           ///< column name in frames, e.g. "resolution_hours_median"
  std::string_view subject;      ///< "ticket", "asset" or "device" (RMM: backup, patch, availability roll-ups)
  std::string_view title;
  std::string_view unit;         ///< "count", "hours", "percent", "score", ...
  std::string_view formula;
  std::string_view clock;        ///< "24x7", "business" (the SLA policy's or availability's calendar) or "none"
  std::string_view pause_policy; ///< how pauses count
  std::string_view inclusion;    ///< "created-in", "closed-in", "at period end", "as of", "in the period"
  std::string_view aggregation;  ///< "count", "sum", "ratio", "mean", "median", "p90", "top 3"
  std::string_view requires_;    ///< input columns (comma separated) besides created and the groups
  std::string_view better;       ///< which way is good: "higher", "lower" or "none" (a volume, a mix)
};

/// All KPIs, tickets first, then assets and devices, in the order frames list them.
std::span<const KpiDefinition> kpi_dictionary() noexcept;
/// The dictionary as a JSON list of objects (the fields above; requires_ as "requires").
std::string kpi_dictionary_json();
/// The entry of an id; throws Error(NOT_FOUND) naming an unknown id.
const KpiDefinition& find_kpi(std::string_view id);

/// Every input the KPIs of `subject` name in `requires`, each once, in dictionary order. A
/// frame from partials has all of them (the partial carries every counter) except
/// "endpoints", which the caller gives or not.
std::vector<std::string> kpi_inputs(std::string_view subject);

/// The KPIs of `subject` ("ticket", "asset") to compute from the inputs `available` (the
/// names the dictionary's `requires` uses, e.g. "resolved", "policy", "endpoints"). With no
/// `requested` ids: every KPI whose inputs are all there, in dictionary order. Else the
/// requested ids in their order; an unknown id is Error(NOT_FOUND), a requested KPI whose
/// inputs are missing Error(INVALID_ARGUMENT) naming them. The one selection rule of C, C++
/// and Python.
std::vector<std::string> select_kpis(std::string_view subject, const std::optional<std::vector<std::string>>& requested,
                                     std::span<const std::string> available);

}  // namespace v1
}  // namespace mspcore
