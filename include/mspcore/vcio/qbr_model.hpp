/// @file qbr_model.hpp
/// @brief The QBR report model: one versioned JSON document per client and period that
/// gathers what a Quarterly (or monthly) Business Review shows (docs/vcio-qbr-model.md).
///
/// The model is the single input of every export (deck, PDF, HTML, e-mail). It is assembled
/// from the result documents of the other areas (KPI rows, SLA statuses, alerts, the risk
/// score, the true-up, lifecycle, budget and alignment results), which may hold many
/// tenants: the assembler keeps the report tenant's rows only, adds the summaries the exports
/// show (counts by status, money totals, KPI trends with an assessment), and finally checks
/// that no "tenant" anywhere in the document names another tenant.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace mspcore {
inline namespace v1 {

/// The model's version, the document's "model" member. A change that removes or renames a
/// member gets a new version; new optional members do not.
inline constexpr std::string_view kQbrModelVersion = "mspcore-qbr-1";

/// A report period: a calendar quarter "2026-Q4" or a month "2026-11", with its first and last day.
struct QbrPeriod {
  std::string label;
  bool month = false;
  std::chrono::sys_days first{}, last{};
};
/// Reads a period label; anything else is Error(INVALID_ARGUMENT) naming it and the two forms.
QbrPeriod parse_qbr_period(std::string_view label);

/// The model of one tenant and period from a request document (docs/vcio-qbr-model.md):
/// {"tenant", "period": "2026-Q4" | "2026-11", "as_of"?, "client"?, "msp"?, and any of the
/// sections "kpis", "sla", "security", "risk", "trueup", "lifecycle", "budget", "alignment",
/// "backup", "patch", "availability"} (the last three are the result documents of
/// backup_compliance_json, patch_compliance_json and availability_json: the model's "backup").
/// A section that is not given is null in the model. Rows of other tenants are dropped; another
/// tenant's data nested where a section passes data through (a risk register) is
/// Error(INVALID_ARGUMENT) naming the place. Bad input is Error(INVALID_ARGUMENT),
/// Error(PARSE_ERROR) or Error(INVALID_TIME) naming the member.
std::string qbr_model_json(std::string_view request);

}  // namespace v1
}  // namespace mspcore
