// N-able Cove Data Protection: EnumerateAccountStatistics rows -> Device and BackupResult.
//
// Accepted: a row ({"AccountId", "Settings": [{"AU": "..."}, ...]}), an array of rows, the
// JSON-RPC response {"result": {"result": [rows]}}, JSON Lines (a row or response a line),
// and a capture object whose members hold rows (other members are ignored). Settings values
// are strings (numbers are accepted too).
//
// Mapping (docs/rmm-import.md has every column and status code):
//   AU -> id (else AccountId)   AN -> name   AR -> site, tenant   OS -> os
//   OT 1 -> workstation, 2 -> server; AT 2 (M365 / cloud-to-cloud) -> cloud
//   per data source prefix P (F files, S system_state, G m365_exchange, J m365_onedrive,
//   D5F m365_sharepoint, D23F m365_teams): P0 last session status, P "O" / D "18" last
//   completed session time (else TL), P "L" / D "9" last successful session time, P7 errors
//   without any data source columns: T0 / TL / T7 for the whole account
//   every result is offsite (Cove backs up direct to its cloud); id = AU/data source/unix time
#include "rmm/importers.hpp"

#include <array>
#include <map>

namespace mspcore::rmm_import {
namespace {

struct DataSource {
  std::string_view prefix;
  std::string_view name;
  std::string_view status, last_success, last_completed, errors;  // column suffixes
  std::string_view active_code;                                   // in I78
};

constexpr std::array<DataSource, 6> kSources{{
    {"F", "files", "0", "L", "O", "7", "D01"},
    {"S", "system_state", "0", "L", "O", "7", "D02"},
    {"G", "m365_exchange", "0", "L", "O", "7", "D19"},
    {"J", "m365_onedrive", "0", "L", "O", "7", "D20"},
    {"D5F", "m365_sharepoint", "0", "9", "18", "7", "D05"},
    {"D23F", "m365_teams", "0", "9", "18", "7", "D23"},
}};

struct Status {
  std::string_view name;
  std::optional<BackupOutcome> outcome;  // none: no result, an issue says why
  std::string_view why_none;
};

// Cove's session status codes 0-12.
const std::array<Status, 13> kStatus{{
    {"NoBackup", std::nullopt, "no session has run yet"},
    {"InProcess", std::nullopt, "the session is still running"},
    {"Failed", BackupOutcome::Failed, ""},
    {"Aborted", BackupOutcome::Failed, ""},
    {"Unknown", std::nullopt, "Cove does not know how the session ended"},
    {"Completed", BackupOutcome::Success, ""},
    {"Interrupted", BackupOutcome::Failed, ""},
    {"NotStarted", BackupOutcome::Missed, ""},
    {"CompletedWithErrors", BackupOutcome::SuccessWithExceptions, ""},
    {"InProgressWithFaults", std::nullopt, "the session is still running"},
    {"OverQuota", BackupOutcome::Failed, ""},
    {"NoSelection", BackupOutcome::NotExpected, ""},
    {"Restarted", std::nullopt, "the session was restarted and is still running"},
}};

using Columns = std::map<std::string, json, std::less<>>;

const json* column(const Columns& c, const std::string& code) {
  auto it = c.find(code);
  return it == c.end() || it->second.is_null() ? nullptr : &it->second;
}

struct Account {
  std::string tenant, id, source;
};

// One result from a status column and a time, or an issue saying why there is none.
void emit(const RowContext& row, const Account& acc, const Columns& c, std::string_view data_source,
          const std::string& status_code, const std::string& time_code, const std::string& errors_code,
          const std::string& fallback_time_code) {
  const auto code = int_value(row, column(c, status_code), status_code);
  if (!code) return;  // a bad value was reported; an absent one is the caller's business
  if (*code < 0 || *code >= static_cast<std::int64_t>(kStatus.size())) {
    row.issue(status_code, ErrorCode::INVALID_ARGUMENT,
              status_code + ": unknown Cove session status " + std::to_string(*code) + " (known: 0-12)");
    return;
  }
  const Status& st = kStatus[static_cast<std::size_t>(*code)];
  if (!st.outcome) {
    row.issue(status_code, ErrorCode::INVALID_STATE,
              status_code + ": status " + std::to_string(*code) + " " + std::string(st.name) + ": " +
                  std::string(st.why_none) + ", so there is no result for " + quoted(std::string(data_source)));
    return;
  }
  std::string used_time = time_code;
  const json* t = column(c, time_code);
  if (t == nullptr && !fallback_time_code.empty()) {
    used_time = fallback_time_code;
    t = column(c, fallback_time_code);
  }
  if (t == nullptr) {
    row.issue(time_code, ErrorCode::INVALID_ARGUMENT,
              status_code + " " + std::string(st.name) + " has no session time (" + time_code +
                  (fallback_time_code.empty() ? "" : " or " + fallback_time_code) + ")");
    return;
  }
  const auto at = epoch_value(row, t, used_time, EpochUnit::Seconds);
  if (!at) return;
  if (*at == 0) {
    row.issue(used_time, ErrorCode::INVALID_ARGUMENT, used_time + ": session time 0 for status " + std::string(st.name));
    return;
  }
  BackupResult r;
  r.tenant = acc.tenant;
  r.device_id = acc.id;
  r.source = acc.source;
  r.at = from_unix_seconds(*at);
  r.outcome = *st.outcome;
  r.copy = BackupCopy::Offsite;
  r.data_source = std::string(data_source);
  r.id = acc.id + "/" + (data_source.empty() ? std::string("total") : r.data_source) + "/" + std::to_string(*at);
  if (!errors_code.empty()) {
    if (const auto e = int_value(row, column(c, errors_code), errors_code)) {
      if (*e < 0) row.issue(errors_code, ErrorCode::OUT_OF_RANGE, errors_code + ": negative error count " + std::to_string(*e));
      else r.errors = *e;
    }
  }
  r.detail = std::string(st.name);
  row.out.add(std::move(r));
}

// The last successful session, when it is not the last session itself.
void emit_last_success(const RowContext& row, const Account& acc, const Columns& c, const DataSource& ds,
                       const std::string& last_session_time_code) {
  const std::string p(ds.prefix);
  const std::string code = p + std::string(ds.last_success);
  const json* t = column(c, code);
  if (t == nullptr) return;
  const auto at = epoch_value(row, t, code, EpochUnit::Seconds);
  if (!at || *at == 0) return;  // 0: never succeeded
  if (const json* last = column(c, last_session_time_code)) {
    const auto l = int_value(row, last, last_session_time_code);
    if (l && *l == *at) return;  // the same session as the last one
  }
  BackupResult r;
  r.tenant = acc.tenant;
  r.device_id = acc.id;
  r.source = acc.source;
  r.at = from_unix_seconds(*at);
  r.outcome = BackupOutcome::Success;
  r.copy = BackupCopy::Offsite;
  r.data_source = std::string(ds.name);
  r.id = acc.id + "/" + r.data_source + "/" + std::to_string(*at);
  r.detail = "Completed (last successful session)";
  row.out.add(std::move(r));
}

void read_row(Emitter& out, const json& row_json, std::size_t number) {
  const RowContext row{out, number};
  const json* settings = member(row_json, "Settings");
  if (settings == nullptr || !settings->is_array()) {
    row.issue("Settings", ErrorCode::INVALID_ARGUMENT, "a Cove row needs a Settings list of column objects");
    return;
  }
  Columns c;
  for (const json& entry : *settings) {
    if (!entry.is_object()) {
      row.issue("Settings", ErrorCode::INVALID_TYPE, "Settings entry " + shown(entry) + " is not an object");
      continue;
    }
    for (const auto& item : entry.items()) {
      if (!item.value().is_string() && !item.value().is_number_integer() && !item.value().is_null()) {
        row.issue(item.key(), ErrorCode::INVALID_TYPE, item.key() + ": expected a string, got " + shown(item.value()));
        continue;
      }
      c[item.key()] = item.value();
    }
  }
  auto str = [&](const std::string& code) {
    const json* v = column(c, code);
    return v == nullptr ? std::string() : v->is_string() ? v->get<std::string>() : v->dump();
  };
  Device dev;
  dev.source = out.source();
  dev.id = str("AU");
  if (dev.id.empty()) dev.id = text_field(row, row_json, "AccountId", "AccountId");
  if (dev.id.empty()) {
    row.issue("AU", ErrorCode::INVALID_ARGUMENT, "Cove row without a device id (AU or AccountId)");
    return;
  }
  dev.site = str("AR");
  auto tenant = out.tenant(dev.site, number, "AR");
  if (!tenant) return;
  dev.tenant = *tenant;
  dev.name = str("AN");
  dev.os = str("OS");
  const std::string ot = str("OT"), at = str("AT");
  if (at == "2") dev.device_class = DeviceClass::Cloud;
  else if (ot == "1") dev.device_class = DeviceClass::Workstation;
  else if (ot == "2") dev.device_class = DeviceClass::Server;
  else if (!ot.empty()) row.issue("OT", ErrorCode::INVALID_ARGUMENT, "OT: unknown OS type " + quoted(ot) + " (1 or 2)");
  const Account acc{dev.tenant, dev.id, dev.source};
  const std::string active = str("I78");
  out.add(std::move(dev));

  bool any = false;
  for (const DataSource& ds : kSources) {
    const std::string p(ds.prefix);
    const std::string status = p + std::string(ds.status);
    const bool listed = active.find(ds.active_code) != std::string::npos;
    if (column(c, status) == nullptr) {
      if (listed) {
        row.issue(status, ErrorCode::NOT_FOUND,
                  "I78 lists " + std::string(ds.active_code) + " (" + std::string(ds.name) + ") but the row has no " +
                      status + ": no result for it");
      }
      continue;
    }
    any = true;
    const std::string completed = p + std::string(ds.last_completed);
    // The last session's time: its "last completed" column, else the account's TL.
    emit(row, acc, c, ds.name, status, completed, p + std::string(ds.errors), "TL");
    emit_last_success(row, acc, c, ds, column(c, completed) ? completed : "TL");
  }
  if (!any && column(c, "T0") != nullptr) emit(row, acc, c, "", "T0", "TL", "T7", "");
}

class CoveFormat : public JsonFormat {
 public:
  explicit CoveFormat(Emitter& out) : out_(out) {}
  std::size_t rows() const noexcept { return rows_; }
  bool saw_list() const noexcept { return lists_; }

  Role role(const Where& w) const override {
    if (w.in_array && (w.key == "result" || (w.depth == 1 && w.key.empty()))) return Role::Record;
    if (w.kind == Kind::Array && (w.key == "result" || w.depth == 0)) lists_ = true;
    if (w.kind == Kind::Object) return Role::Maybe;  // a row anywhere else (a capture's member) has Settings
    return Role::Pass;
  }
  bool is_record(const json& o) const override { return o.is_object() && o.contains("Settings"); }
  void record(json&& value, const Where&, std::size_t number) override {
    ++rows_;
    if (!value.is_object()) {
      out_.issue(number, "", ErrorCode::INVALID_TYPE, "a Cove row must be an object, got " + shown(value));
      return;
    }
    read_row(out_, value, number);
  }

 private:
  Emitter& out_;
  std::size_t rows_ = 0;
  mutable bool lists_ = false;
};

}  // namespace

void import_cove(Source& source, Emitter& out) {
  CoveFormat format(out);
  stream_json(source, format);
  if (format.rows() == 0 && !format.saw_list()) {
    throw Error(ErrorCode::PARSE_ERROR, quoted(source.name()) +
                                            ": not a Cove EnumerateAccountStatistics export: no row with Settings");
  }
}

}  // namespace mspcore::rmm_import
