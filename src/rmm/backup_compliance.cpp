// Backup compliance per device and per client (docs/rmm-backup-compliance.md): one pass over
// the result columns into per-device accumulators, then the rules per device.
#include <mspcore/rmm/backup_compliance.hpp>

#include <mspcore/core/error.hpp>
#include <mspcore/money/rounding.hpp>

#include "core/enum_names.hpp"

#include <algorithm>
#include <set>
#include <type_traits>

namespace mspcore {
inline namespace v1 {

namespace {

constexpr std::array<std::string_view, kBackupStatusCount> kStatusNames{"compliant", "warning", "overdue",
                                                                        "never",     "unknown", "out_of_scope"};
constexpr std::int64_t kNone = kNoInstant;

// What one pass over the results keeps per device (Unix seconds; kNone when none). One
// struct per device: a result touches one cache line, not seven arrays.
struct Accumulated {
  std::int64_t last_result = kNone, last_evidence = kNone, last_good = kNone, last_verified = kNone,
               last_offsite = kNone;
  std::int64_t attempts = 0, good = 0;
};

// Per device with ages since as_of (uint32 seconds; kNoAge when none): smaller is newer.
constexpr std::uint32_t kNoAge = 0xFFFFFFFFu;
struct Compact {
  std::uint32_t last_result = kNoAge, last_evidence = kNoAge, last_good = kNoAge, last_verified = kNoAge,
                last_offsite = kNoAge;
  std::uint32_t attempts = 0, good = 0;
  Accumulated widen(std::int64_t now) const {
    auto at = [now](std::uint32_t age) { return age == kNoAge ? kNone : now - static_cast<std::int64_t>(age); };
    return {at(last_result), at(last_evidence), at(last_good), at(last_verified), at(last_offsite), attempts, good};
  }
};

// The one pass over the results, into Accumulated (instants) or Compact (ages). Compact
// returns false, unfinished, at a result older than its range.
struct Pass {
  const BackupColumns& results;
  std::size_t devices;
  std::int64_t now, window_start;
  unsigned good_mask;

  static void newest(std::int64_t& slot, std::int64_t t, std::int64_t) { slot = std::max(slot, t); }
  static void newest(std::uint32_t& slot, std::int64_t t, std::int64_t now) {
    slot = std::min(slot, static_cast<std::uint32_t>(now - t));
  }

  template <class Acc>
  bool run(std::vector<Acc>& acc, bool& any_missed_in_window) const {
    constexpr bool compact = std::is_same_v<Acc, Compact>;
    const auto missed = static_cast<std::uint8_t>(BackupOutcome::Missed);
    const auto not_expected = static_cast<std::uint8_t>(BackupOutcome::NotExpected);
    const auto passed = static_cast<std::uint8_t>(Verification::Passed);
    const auto offsite = static_cast<std::uint8_t>(BackupCopy::Offsite);
    const std::size_t n = results.device.size();
    if (compact && n >= kNoAge) return false;  // counts must fit too
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint32_t d = results.device[i];
      const std::int64_t t = results.at[i];
      if (d >= devices || t > now) continue;
      if (compact && now - t >= static_cast<std::int64_t>(kNoAge)) return false;
      const std::uint8_t o = results.outcome[i];
      if (o >= kBackupOutcomeCount) {
        throw Error(ErrorCode::INVALID_ARGUMENT, "backup result columns: bad outcome code", static_cast<std::int64_t>(i));
      }
      Acc& a = acc[d];
      newest(a.last_result, t, now);
      if (o == not_expected) continue;
      if (o != missed) newest(a.last_evidence, t, now);
      const bool good = (good_mask >> o) & 1u;
      if (good) {
        newest(a.last_good, t, now);
        if (results.copy[i] == offsite) newest(a.last_offsite, t, now);
      }
      if (results.verification[i] == passed) newest(a.last_verified, t, now);
      if (t > window_start) {
        if (o == missed) {
          any_missed_in_window = true;
          continue;  // counted later, once it is known whether the device was offline then
        }
        ++a.attempts;
        a.good += good ? 1 : 0;
      }
    }
    return true;
  }
};

bool offline_candidate(const Device& d, const BackupPolicy& p, Instant as_of) {
  return p.suppress_offline_workstations && d.device_class == DeviceClass::Workstation && d.last_seen &&
         *d.last_seen < as_of && d.online != true;
}

std::string two_digits(std::int64_t n) { return (n < 10 ? "0" : "") + std::to_string(n); }

// "13 h 05 min", "18 h 00 min 01 s": ages are whole elapsed seconds; the seconds are shown
// when there are any, so a case one second past a boundary reads as such.
std::string hours_text(std::int64_t seconds) {
  const std::int64_t minutes = seconds / 60;
  std::string out = std::to_string(minutes / 60) + " h " + two_digits(minutes % 60) + " min";
  if (seconds % 60 != 0) out += " " + two_digits(seconds % 60) + " s";
  return out;
}

std::optional<Decimal> percent(std::int64_t part, std::int64_t whole) {
  if (whole == 0) return std::nullopt;
  return Decimal::divide(Decimal(part) * Decimal(100), Decimal(whole), 2, RoundingMode::HalfEven);
}

std::optional<Instant> instant_or_none(std::int64_t s) {
  return s == kNone ? std::nullopt : std::optional<Instant>(from_unix_seconds(s));
}

void judge(DeviceBackupCompliance& out, const Device& d, const BackupPolicy& p, Instant as_of,
           const std::string& as_of_text) {
  const std::int64_t rpo = out.rpo_seconds;
  const std::string at = out.judged_at == as_of ? as_of_text : format_instant(out.judged_at);
  const std::string offline =
      out.offline_suppressed ? "; offline since " + at + ", judged as of then" : std::string();
  if (!out.last_result) {
    out.status = BackupStatus::Unknown;
    out.reason_code = "no_results";
    out.reason = "no backup results up to " + as_of_text;
    return;
  }
  if (!out.last_good) {
    out.status = BackupStatus::Never;
    out.reason_code = "no_good_backup";
    out.reason = "no good backup up to " + as_of_text + " (newest result " +
                 format_instant(*out.last_result) + ")";
    return;
  }
  const std::int64_t age = *out.age_seconds;
  const std::string age_text = "last good backup " + hours_text(age) + " before " + at + "; RPO " + hours_text(rpo);
  // Exact: age <= rpo x warning_percent / 100 without a division.
  if (age <= rpo) {
    out.status = BackupStatus::Compliant;
    out.reason_code = "within_rpo";
    out.reason = age_text + offline;
  } else if (age * 100 <= rpo * p.warning_percent) {
    out.status = BackupStatus::Warning;
    out.reason_code = "past_rpo";
    out.reason = age_text + ", warning up to " + hours_text(rpo * p.warning_percent / 100) + offline;
    return;
  } else {
    out.status = BackupStatus::Overdue;
    out.reason_code = "past_warning";
    out.reason = age_text + ", overdue after " + hours_text(rpo * p.warning_percent / 100) + offline;
    return;
  }
  // Compliant by age: verification and offsite copies can still make it a warning.
  auto check = [&](const std::optional<std::int64_t>& max, const std::optional<std::int64_t>& age_of,
                   const char* missing_code, const char* stale_code, const char* what) {
    if (!max || out.status != BackupStatus::Compliant) return;
    if (!age_of) {
      out.status = BackupStatus::Warning;
      out.reason_code = missing_code;
      out.reason = std::string("no ") + what + " up to " + at + " (required within " + hours_text(*max) + "); " +
                   out.reason;
    } else if (*age_of > *max) {
      out.status = BackupStatus::Warning;
      out.reason_code = stale_code;
      out.reason = std::string("newest ") + what + " " + hours_text(*age_of) + " before " + at + ", over " +
                   hours_text(*max) + "; " + out.reason;
    }
  };
  check(p.verification_max_age_seconds, out.verification_age_seconds, "verification_missing", "verification_stale",
        "passed verification");
  check(p.offsite_max_age_seconds, out.offsite_age_seconds, "offsite_missing", "offsite_stale", "good offsite copy");
  (void)d;
}

}  // namespace

std::string_view to_string(BackupStatus s) noexcept { return kStatusNames[static_cast<std::size_t>(s)]; }
BackupStatus parse_backup_status(std::string_view text) {
  return detail::parse_enum_name<BackupStatus>(text, kStatusNames, "backup status");
}

void BackupColumnStore::reserve(std::size_t n) {
  device.reserve(n);
  at.reserve(n);
  outcome.reserve(n);
  copy.reserve(n);
  verification.reserve(n);
}

DeviceIndex::DeviceIndex(const std::vector<Device>& devices) : size_(devices.size()) {
  if (devices.size() >= kNoDevice) throw Error(ErrorCode::OUT_OF_RANGE, "devices: too many devices");
  for (std::size_t i = 0; i < devices.size(); ++i) {
    auto [it, fresh] = by_tenant_[devices[i].tenant].emplace(devices[i].id, static_cast<std::uint32_t>(i));
    if (!fresh) {
      throw Error(ErrorCode::INVALID_ARGUMENT,
                  "devices[" + std::to_string(i) + "] (tenant " + quoted(devices[i].tenant) + " device " +
                      quoted(devices[i].id) + "): the same device as devices[" + std::to_string(it->second) + "]",
                  static_cast<std::int64_t>(i));
    }
  }
}

std::uint32_t DeviceIndex::find(std::string_view tenant, std::string_view id) const {
  const auto t = by_tenant_.find(tenant);
  if (t == by_tenant_.end()) return kNoDevice;
  const auto d = t->second.find(id);
  return d == t->second.end() ? kNoDevice : d->second;
}

BackupColumnStore backup_columns(const std::vector<BackupResult>& results, const DeviceIndex& index) {
  BackupColumnStore s;
  s.reserve(results.size());
  for (const BackupResult& r : results) {
    const std::uint32_t d = index.find(r.tenant, r.device_id);
    if (d == kNoDevice) {
      ++s.unmatched[r.tenant];
      continue;
    }
    s.device.push_back(d);
    s.at.push_back(unix_seconds(r.at));
    s.outcome.push_back(static_cast<std::uint8_t>(r.outcome));
    s.copy.push_back(static_cast<std::uint8_t>(r.copy));
    s.verification.push_back(static_cast<std::uint8_t>(r.verification));
  }
  return s;
}

BackupComplianceResult backup_compliance(const std::vector<Device>& devices, const BackupColumns& results,
                                         const std::map<std::string, std::int64_t>& unmatched, Instant as_of,
                                         const BackupPolicy& policy) {
  const std::size_t n = results.device.size();
  if (results.at.size() != n || results.outcome.size() != n || results.copy.size() != n ||
      results.verification.size() != n) {
    throw Error(ErrorCode::INVALID_ARGUMENT, "backup result columns: not all of one length");
  }
  const std::int64_t now = unix_seconds(as_of);
  const std::int64_t window_start = now - policy.success_window_seconds;  // exclusive
  // Good outcomes as a bit set over BackupOutcome.
  unsigned good_mask = 1u << static_cast<unsigned>(BackupOutcome::Success);
  if (policy.exceptions_good) good_mask |= 1u << static_cast<unsigned>(BackupOutcome::SuccessWithExceptions);
  const auto missed = static_cast<std::uint8_t>(BackupOutcome::Missed);

  const Pass pass{results, devices.size(), now, window_start, good_mask};
  bool any_missed_in_window = false;
  std::vector<Accumulated> acc;
  {
    // Ages since as_of in uint32 seconds (136 years) halve the per-device state, which ten
    // million results in device-random order hit once each; an older result needs 64 bits.
    std::vector<Compact> compact(devices.size());
    if (pass.run(compact, any_missed_in_window)) {
      acc.resize(devices.size());
      for (std::size_t d = 0; d < devices.size(); ++d) acc[d] = compact[d].widen(now);
    } else {
      compact.clear();
      compact.shrink_to_fit();
      acc.assign(devices.size(), Accumulated{});
      any_missed_in_window = false;
      pass.run(acc, any_missed_in_window);
    }
  }

  BackupComplianceResult out;
  out.as_of = as_of;
  const std::string as_of_text = format_instant(as_of);
  out.devices.resize(devices.size());
  std::vector<std::int64_t> judged(devices.size(), now);
  for (std::size_t d = 0; d < devices.size(); ++d) {
    const Device& dev = devices[d];
    DeviceBackupCompliance& c = out.devices[d];
    c.rpo_seconds = policy.rpo(dev.device_class);
    // Offline: judged as of the later of last_seen and the newest result that shows the
    // device was up (a backup ran), never later than as_of.
    if (offline_candidate(dev, policy, as_of)) {
      const std::int64_t seen = std::max(unix_seconds(*dev.last_seen), acc[d].last_evidence);
      if (seen < now) {
        judged[d] = seen;
        c.offline_suppressed = true;
      }
    }
  }
  if (any_missed_in_window) {  // missed results count unless the device was offline by then
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint32_t d = results.device[i];
      const std::int64_t t = results.at[i];
      if (d >= devices.size() || t > now || t <= window_start || results.outcome[i] != missed) continue;
      if (t > judged[d]) continue;
      ++acc[d].attempts;
    }
  }
  for (std::size_t d = 0; d < devices.size(); ++d) {
    const Device& dev = devices[d];
    DeviceBackupCompliance& c = out.devices[d];
    c.judged_at = from_unix_seconds(judged[d]);
    c.last_result = instant_or_none(acc[d].last_result);
    c.last_good = instant_or_none(acc[d].last_good);
    if (c.last_good) c.age_seconds = judged[d] - acc[d].last_good;
    c.attempts = acc[d].attempts;
    c.good = acc[d].good;
    c.success_percent = percent(c.good, c.attempts);
    c.last_verified = instant_or_none(acc[d].last_verified);
    if (c.last_verified) c.verification_age_seconds = std::max<std::int64_t>(0, judged[d] - acc[d].last_verified);
    c.last_offsite = instant_or_none(acc[d].last_offsite);
    if (c.last_offsite) c.offsite_age_seconds = std::max<std::int64_t>(0, judged[d] - acc[d].last_offsite);
    if (dev.retired) {
      c.status = BackupStatus::OutOfScope;
      c.reason_code = "retired";
      c.reason = "retired at the vendor: not counted";
    } else if (!dev.backup_expected) {
      c.status = BackupStatus::OutOfScope;
      c.reason_code = "not_expected";
      c.reason = "no backup expected (paused, archived or not a backup target): not counted";
    } else {
      judge(c, dev, policy, as_of, as_of_text);
    }
  }

  // Per client: every tenant with a device or an unmatched result.
  std::map<std::string, ClientBackupCompliance> clients;
  std::map<std::string, std::set<std::string>> sources;
  for (std::size_t d = 0; d < devices.size(); ++d) {
    ClientBackupCompliance& c = clients[devices[d].tenant];
    ++c.devices;
    ++c.by_status[static_cast<std::size_t>(out.devices[d].status)];
    if (!devices[d].source.empty()) sources[devices[d].tenant].insert(devices[d].source);
  }
  for (const auto& [tenant, count] : unmatched) clients[tenant].unmatched_results += count;
  for (auto& [tenant, c] : clients) {
    c.tenant = tenant;
    c.in_scope = c.devices - c.count(BackupStatus::OutOfScope);
    c.compliance_percent = percent(c.count(BackupStatus::Compliant), c.in_scope);
    const auto& s = sources[tenant];
    c.sources.assign(s.begin(), s.end());
    out.clients.push_back(std::move(c));
  }
  return out;
}

BackupComplianceResult backup_compliance(const std::vector<Device>& devices, const std::vector<BackupResult>& results,
                                         Instant as_of, const BackupPolicy& policy) {
  const DeviceIndex index(devices);
  const BackupColumnStore columns = backup_columns(results, index);
  return backup_compliance(devices, columns.view(), columns.unmatched, as_of, policy);
}

}  // namespace v1
}  // namespace mspcore
