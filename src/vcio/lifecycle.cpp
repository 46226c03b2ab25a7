// The lifecycle checks: warranty, OS support and licence term as of a date, each with its
// reason; the batch of assets (lifecycle_table.cpp) and licences. Rules: docs/vcio-lifecycle.md.
#include <mspcore/core/error.hpp>
#include <mspcore/vcio/lifecycle.hpp>
#include <mspcore/vcio/lifecycle_table.hpp>

#include "contract/date_math.hpp"

#include <utility>

namespace mspcore {
inline namespace v1 {

namespace {

using std::chrono::sys_days;

std::string days(std::int64_t n) { return std::to_string(n) + (n == 1 || n == -1 ? " day" : " days"); }

// "ends 2027-01-15, in 40 days" / "ends 2025-10-15, today" / "ended 2025-10-14, 1 day ago".
std::string when(sys_days end, std::int64_t left) {
  if (left > 0) return "ends " + format_date(end) + ", in " + days(left);
  if (left == 0) return "ends " + format_date(end) + ", today";
  return "ended " + format_date(end) + ", " + days(-left) + " ago";
}

// The end day itself is still covered: due_soon through it, overdue from the day after.
LifecycleStatus status_of(std::int64_t left, std::int64_t window) {
  if (left < 0) return LifecycleStatus::Overdue;
  return left <= window ? LifecycleStatus::DueSoon : LifecycleStatus::Supported;
}

// The check's dates and status; the caller writes its reason.
LifecycleCheck dated(sys_days end, sys_days as_of, std::int64_t window, bool estimate) {
  LifecycleCheck c;
  c.end = end;
  c.days_left = (end - as_of).count();
  c.status = status_of(*c.days_left, window);
  c.estimate = estimate;
  return c;
}

const char* code_of(LifecycleStatus s, const char* ok, const char* soon, const char* past) {
  return s == LifecycleStatus::Supported ? ok : s == LifecycleStatus::DueSoon ? soon : past;
}

std::string window_note(const LifecycleCheck& c, std::int64_t window) {
  return c.status == LifecycleStatus::Overdue ? std::string() : " (window " + std::to_string(window) + ")";
}

LifecycleCheck unknown(std::string code, std::string text) {
  LifecycleCheck c;
  c.reason = {std::move(code), std::move(text)};
  return c;
}

// The row of the asset's edition; without an edition the edition-less row, or any row when
// every edition ends on the same day. `why` says what is missing otherwise.
const OsLifecycleRow* edition_row(const std::vector<const OsLifecycleRow*>& rows, const std::string& edition,
                                  std::string& why) {
  const std::string wanted = OsLifecycleTable::normalised(edition);
  for (const OsLifecycleRow* r : rows) {
    if (OsLifecycleTable::normalised(r->edition) == wanted) return r;
  }
  std::string editions;
  bool same_end = true;
  for (const OsLifecycleRow* r : rows) {
    editions += (editions.empty() ? "" : ", ") + r->edition;
    same_end = same_end && r->support_end == rows.front()->support_end;
  }
  if (!wanted.empty()) {
    why = "has no row for edition " + quoted(edition) + " (editions: " + editions + ")";
    return nullptr;
  }
  if (same_end) return rows.front();
  why = "ends on different days by edition (" + editions + ") and no os_edition is given";
  return nullptr;
}

}  // namespace

LifecycleCheck warranty_check(const Asset& a, sys_days as_of, const LifecyclePolicy& policy) {
  const AssetTypePolicy& p = policy.of(a.type);
  if (a.warranty_end) {
    LifecycleCheck c = dated(*a.warranty_end, as_of, p.window_days, false);
    c.reason = {code_of(c.status, "warranty_in_force", "warranty_ending", "warranty_expired"),
                "warranty " + when(*a.warranty_end, *c.days_left) + window_note(c, p.window_days)};
    return c;
  }
  if (!a.purchase_date) return unknown("warranty_unknown", "no warranty end and no purchase date");
  if (!p.typical_life_years) {
    return unknown("typical_life_unknown", "no warranty end, and asset type " + std::string(to_string(a.type)) +
                                               " has no typical life to estimate it from the purchase date " +
                                               format_date(*a.purchase_date));
  }
  const std::int64_t years = *p.typical_life_years;
  const sys_days end = date_math::add_months(*a.purchase_date, 12 * years);
  LifecycleCheck c = dated(end, as_of, p.window_days, true);
  c.reason = {code_of(c.status, "warranty_in_force", "warranty_ending", "warranty_expired"),
              "estimated warranty (no warranty end recorded; purchase " + format_date(*a.purchase_date) + " + " +
                  std::to_string(years) + (years == 1 ? " year" : " years") + ", the typical life of a " +
                  std::string(to_string(a.type)) + ") " + when(end, *c.days_left) + window_note(c, p.window_days)};
  return c;
}

std::optional<OsCheck> os_check(const Asset& a, sys_days as_of, const LifecyclePolicy& policy,
                                const OsLifecycleTable& table) {
  const AssetTypePolicy& p = policy.of(a.type);
  const auto unknown_os = [](std::string code, std::string text) {
    OsCheck c;
    c.reason = {std::move(code), std::move(text)};
    return std::optional<OsCheck>(std::move(c));
  };
  if (a.os.empty()) {
    if (!p.tracks_os) return std::nullopt;
    return unknown_os("os_missing", "no OS given for a " + std::string(to_string(a.type)));
  }
  const std::string os = table.canonical_os(a.os);
  if (!table.knows(os)) {
    return unknown_os("os_not_in_table", "OS " + quoted(a.os) + " is not in the OS lifecycle table " + table.version());
  }
  if (a.os_version.empty()) return unknown_os("os_version_missing", "no OS version given for " + quoted(a.os));
  // "22.04.3" is found as 22.04, "12.7.4" as 12: drop trailing components until a row matches.
  std::string version = a.os_version;
  std::vector<const OsLifecycleRow*> rows = table.rows_of(os, version);
  while (rows.empty() && version.find('.') != std::string::npos) {
    version.erase(version.rfind('.'));
    rows = table.rows_of(os, version);
  }
  if (rows.empty()) {
    return unknown_os("os_version_not_in_table", quoted(a.os) + " version " + quoted(a.os_version) +
                                                     " is not in the OS lifecycle table " + table.version());
  }
  std::string why;
  const OsLifecycleRow* row = edition_row(rows, a.os_edition, why);
  if (row == nullptr) {
    return unknown_os(a.os_edition.empty() ? "os_edition_missing" : "os_edition_not_in_table",
                      rows.front()->os + " " + rows.front()->version + " " + why);
  }
  const std::string from = " [" + row->label() + ", table " + row->table + "]";
  if (!row->support_end) {
    OsCheck c = *unknown_os("os_no_end_date", row->label() + ": no support end known: " + row->note + from);
    c.estimate = row->estimate;
    c.row = row;
    return c;
  }
  OsCheck c;
  static_cast<LifecycleCheck&>(c) = dated(*row->support_end, as_of, p.window_days, row->estimate);
  c.row = row;
  std::string text = (row->estimate ? "estimated support " : "support ") + when(*row->support_end, *c.days_left) +
                     window_note(c, p.window_days);
  if (!row->extension.empty() && row->extension_end) text += "; " + row->extension + " until " + format_date(*row->extension_end);
  c.reason = {code_of(c.status, "os_supported", "os_support_ending", "os_support_ended"), row->label() + " " + text + from};
  return c;
}

LifecycleCheck licence_check(const Licence& l, sys_days as_of, const LifecyclePolicy& policy) {
  const std::int64_t window = policy.licence_window_days;
  if (!l.term_end) return unknown("term_end_missing", "no term end given");
  LifecycleCheck c = dated(*l.term_end, as_of, window, false);
  const std::string price =
      l.renewal_price ? " at " + std::string(l.renewal_price->currency().code()) + " " + l.renewal_price->amount().to_string()
                      : std::string();
  const std::string term = "term " + when(*l.term_end, *c.days_left) + window_note(c, window);
  switch (c.status) {
    case LifecycleStatus::Supported:
      c.reason = {"term_active", term + (l.auto_renew ? "; renews automatically" : "; does not renew automatically")};
      break;
    case LifecycleStatus::DueSoon:
      c.reason = l.auto_renew ? Reason{"renewal_due", term + "; renews automatically" + price}
                              : Reason{"term_ending", term + "; does not renew automatically"};
      break;
    default:
      // A renewing licence past its recorded end has a new term nobody recorded: unknown, not fine.
      if (l.auto_renew) {
        c.status = LifecycleStatus::Unknown;
        c.reason = {"renewed_term_unknown", term + "; it renews automatically, but the new term end is not recorded"};
      } else {
        c.reason = {"term_expired", term + " and does not renew automatically"};
      }
  }
  return c;
}

LifecycleResult evaluate_lifecycle(const std::vector<Asset>& assets, const std::vector<Licence>& licences,
                                   sys_days as_of, const LifecyclePolicy& policy, const OsLifecycleTable& table,
                                   const std::vector<ServiceRecord>& service) {
  LifecycleResult out;
  out.as_of = as_of;
  out.os_table_version = table.version();
  const AssetLifecycleTable rows = evaluate_asset_table(assets, as_of, policy, table, service);
  out.assets.reserve(assets.size());
  for (std::size_t i = 0; i < assets.size(); ++i) out.assets.push_back(rows.asset(i, assets[i]));
  out.licences.reserve(licences.size());
  for (std::size_t i = 0; i < licences.size(); ++i) {
    out.licences.push_back(LicenceLifecycle{i, policy.licence_window_days, licence_check(licences[i], as_of, policy)});
  }
  return out;
}

}  // namespace v1
}  // namespace mspcore
