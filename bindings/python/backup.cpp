// Python: backup and patch compliance. Records go through the core's decoders; the bulk path
// reads a DataFrame's columns as codes and categories (what a pandas Categorical or
// pandas.factorize gives) plus int64 instants, so ten million results cost no Python object
// per row. The categories are decoded in C++; when a check fails, the first failing row is
// decoded again through read_backup_result, so the error is the record decoder's own.
#include "bindings.hpp"
#include "columns.hpp"
#include "py_fields.hpp"
#include "vcio_glue.hpp"  // records_of

#include <mspcore/core/error.hpp>
#include <mspcore/rmm/backup_compliance.hpp>
#include <mspcore/rmm/patch_compliance.hpp>
#include <mspcore/rmm/rmm_records.hpp>
#include <mspcore/money/rounding.hpp>
#include <mspcore/records/field_reader.hpp>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <limits>
#include <map>
#include <string_view>
#include <unordered_map>

namespace mspcore::python {

namespace {

using F = BackupResultField;
constexpr std::size_t operator+(F f) { return static_cast<std::size_t>(f); }
constexpr std::size_t kNoRow = std::numeric_limits<std::size_t>::max();

// A coded text column: codes (-1 missing) into categories.
struct Coded {
  Column<std::int32_t> codes;
  std::vector<py::object> categories;
  bool present = false;
};

Coded coded_of(const py::dict& cols, std::string_view name) {
  Coded c;
  const py::str key{std::string(name)};
  if (!cols.contains(key)) return c;
  const py::tuple t = cols[key].cast<py::tuple>();
  c.codes = Column<std::int32_t>::ensure(t[0]);
  for (const py::handle v : t[1].cast<py::list>()) c.categories.push_back(py::reinterpret_borrow<py::object>(v));
  c.present = true;
  return c;
}

// The first row whose code is in `bad` (a flag per category, plus missing when required).
std::size_t first_bad(const Coded& c, const std::vector<char>& bad, bool missing_bad) {
  const auto codes = view(c.codes);
  for (std::size_t i = 0; i < codes.size(); ++i) {
    const std::int32_t k = codes[i];
    if (k < 0 ? missing_bad : bad[static_cast<std::size_t>(k)] != 0) return i;
  }
  return kNoRow;
}

std::optional<std::string> text_of(const py::object& v) {
  if (!PyUnicode_Check(v.ptr())) return std::nullopt;
  return v.cast<std::string>();
}

// The enum codes of the categories of an enum column; flags the ones that do not parse.
template <class Parse>
std::vector<std::uint8_t> enum_codes(const Coded& c, Parse parse, std::vector<char>& bad) {
  std::vector<std::uint8_t> out(c.categories.size(), 0);
  bad.assign(c.categories.size(), 0);
  for (std::size_t k = 0; k < c.categories.size(); ++k) {
    const auto t = text_of(c.categories[k]);
    try {
      if (!t) throw Error(ErrorCode::INVALID_ARGUMENT, "not text");
      out[k] = static_cast<std::uint8_t>(parse(*t));
    } catch (const Error&) {
      bad[k] = 1;
    }
  }
  return out;
}

struct BulkResults {
  BackupColumnStore store;      // device, outcome, copy, verification
  Column<std::int64_t> at;      // the caller's instants, not copied
  BackupColumns view() const {
    return {store.device, view_of_at(), store.outcome, store.copy, store.verification};
  }
  std::span<const std::int64_t> view_of_at() const { return {at.data(), static_cast<std::size_t>(at.size())}; }
};

// Results from coded columns against the devices; `generic` (a callable) gives the table the
// record decoder reads when a row is bad.
BulkResults bulk_results(const py::dict& cols, const py::handle& generic, const std::vector<Device>& devices) {
  for (const auto& item : cols) {
    const std::string name = py::str(item.first);
    if (std::find(kBackupResultFields.begin(), kBackupResultFields.end(), name) == kBackupResultFields.end()) {
      PyTable t(generic(), kBackupResultFields, "backup_results");  // throws the decoder's unknown-column error
    }
  }
  const Coded tenant = coded_of(cols, "tenant"), device = coded_of(cols, "device_id"),
              outcome = coded_of(cols, "outcome"), copy = coded_of(cols, "copy"),
              verification = coded_of(cols, "verification");
  BulkResults out;
  std::size_t n = 0;
  const py::str at_key("at");
  if (cols.contains(at_key)) {
    out.at = Column<std::int64_t>::ensure(cols[at_key]);
    n = static_cast<std::size_t>(out.at.size());
  }
  std::size_t bad_row = kNoRow;
  auto note = [&bad_row](std::size_t row) { bad_row = std::min(bad_row, row); };
  // Required columns: a missing column fails on row 0.
  if (!tenant.present || !device.present || !outcome.present || !cols.contains(at_key)) note(0);
  std::vector<char> bad;
  auto check_text = [&](const Coded& c, bool required) {
    if (!c.present) return;
    bad.assign(c.categories.size(), 0);
    for (std::size_t k = 0; k < c.categories.size(); ++k) {
      const auto t = text_of(c.categories[k]);
      bad[k] = !t || (required && t->empty());
    }
    note(first_bad(c, bad, required));
  };
  check_text(tenant, true);
  check_text(device, true);
  for (const char* name : {"source", "id", "data_source", "detail"}) check_text(coded_of(cols, name), false);
  std::vector<std::uint8_t> outcome_codes, copy_codes, verification_codes;
  if (outcome.present) {
    outcome_codes = enum_codes(outcome, parse_backup_outcome, bad);
    note(first_bad(outcome, bad, true));
  }
  if (copy.present) {
    copy_codes = enum_codes(copy, parse_backup_copy, bad);
    note(first_bad(copy, bad, false));
  }
  if (verification.present) {
    verification_codes = enum_codes(verification, parse_verification, bad);
    note(first_bad(verification, bad, false));
  }
  const auto at = out.view_of_at();
  for (std::size_t i = 0; i < at.size(); ++i) {
    if (at[i] == kNoInstant || from_unix_seconds(at[i]) < kMinInstant || from_unix_seconds(at[i]) > kMaxInstant) {
      note(i);
      break;
    }
  }
  const py::str errors_key("errors");
  if (cols.contains(errors_key)) {  // numbers: negative or not whole is bad, NaN is missing
    const Column<double> errors = Column<double>::ensure(cols[errors_key]);
    const auto e = view(errors);
    for (std::size_t i = 0; i < e.size(); ++i) {
      if (e[i] != e[i]) continue;
      if (e[i] < 0 || e[i] != static_cast<double>(static_cast<std::int64_t>(e[i]))) {
        note(i);
        break;
      }
    }
  }
  for (const Coded* c : {&tenant, &device, &outcome, &copy, &verification}) {
    if (c->present && static_cast<std::size_t>(c->codes.size()) != n) {
      throw Error(ErrorCode::INVALID_ARGUMENT, "backup_results: the columns are not all of one length");
    }
  }
  if (bad_row != kNoRow) {
    PyTable t(generic(), kBackupResultFields, "backup_results");
    if (bad_row < t.size()) read_backup_result(t.row(bad_row), bad_row);  // throws the record's own error
    for (std::size_t i = 0; i < t.size(); ++i) read_backup_result(t.row(i), i);
    throw Error(ErrorCode::INTERNAL, "backup_results: a column check failed that the record decoder accepts");
  }

  // Per device_id category: its one device and that device's tenant category (the usual case:
  // ids are unique), or kAmbiguous when several devices have that id (several tenants).
  constexpr std::uint32_t kAmbiguous = kNoDevice - 1;
  std::unordered_map<std::string_view, std::uint32_t> by_id;
  by_id.reserve(devices.size());
  for (std::size_t d = 0; d < devices.size(); ++d) {
    const auto [it, fresh] = by_id.emplace(devices[d].id, static_cast<std::uint32_t>(d));
    if (!fresh) it->second = kAmbiguous;
  }
  std::vector<std::string> tenant_names(tenant.categories.size());
  std::unordered_map<std::string_view, std::int32_t> tenant_code;
  for (std::size_t k = 0; k < tenant_names.size(); ++k) {
    tenant_names[k] = *text_of(tenant.categories[k]);
    tenant_code.emplace(tenant_names[k], static_cast<std::int32_t>(k));
  }
  std::vector<std::uint32_t> cat_device(device.categories.size(), kNoDevice);
  std::vector<std::int32_t> cat_tenant(device.categories.size(), -1);
  std::map<std::size_t, std::vector<std::uint32_t>> candidates;  // of the ambiguous categories
  for (std::size_t k = 0; k < cat_device.size(); ++k) {
    Py_ssize_t size = 0;
    const char* utf8 = PyUnicode_AsUTF8AndSize(device.categories[k].ptr(), &size);  // checked above: text
    if (utf8 == nullptr) throw py::error_already_set();
    const std::string_view id(utf8, static_cast<std::size_t>(size));
    const auto it = by_id.find(id);
    if (it == by_id.end()) continue;
    if (it->second == kAmbiguous) {
      cat_device[k] = kAmbiguous;
      for (std::size_t d = 0; d < devices.size(); ++d) {
        if (devices[d].id == id) candidates[k].push_back(static_cast<std::uint32_t>(d));
      }
      continue;
    }
    const auto t = tenant_code.find(devices[it->second].tenant);
    if (t == tenant_code.end()) continue;  // no result of its tenant
    cat_device[k] = it->second;
    cat_tenant[k] = t->second;
  }
  BackupColumnStore& s = out.store;
  s.device.resize(n);
  s.outcome.resize(n);
  s.copy.assign(n, static_cast<std::uint8_t>(BackupCopy::Local));
  s.verification.assign(n, static_cast<std::uint8_t>(Verification::None));
  const auto tc = view(tenant.codes), dc = view(device.codes), oc = view(outcome.codes);
  std::vector<std::int64_t> unmatched(tenant_names.size(), 0);
  for (std::size_t i = 0; i < n; ++i) {
    const auto k = static_cast<std::size_t>(dc[i]);
    std::uint32_t found = cat_device[k];
    if (found == kAmbiguous) {
      found = kNoDevice;
      const std::string& t = tenant_names[static_cast<std::size_t>(tc[i])];
      for (const std::uint32_t d : candidates[k]) {
        if (devices[d].tenant == t) found = d;
      }
    } else if (cat_tenant[k] != tc[i]) {
      found = kNoDevice;
    }
    if (found == kNoDevice) ++unmatched[static_cast<std::size_t>(tc[i])];
    s.device[i] = found;
    s.outcome[i] = outcome_codes[static_cast<std::size_t>(oc[i])];
  }
  if (copy.present) {
    const auto cc = view(copy.codes);
    for (std::size_t i = 0; i < n; ++i) {
      if (cc[i] >= 0) s.copy[i] = copy_codes[static_cast<std::size_t>(cc[i])];
    }
  }
  if (verification.present) {
    const auto vc = view(verification.codes);
    for (std::size_t i = 0; i < n; ++i) {
      if (vc[i] >= 0) s.verification[i] = verification_codes[static_cast<std::size_t>(vc[i])];
    }
  }
  for (std::size_t k = 0; k < unmatched.size(); ++k) {
    if (unmatched[k] > 0) s.unmatched[tenant_names[k]] += unmatched[k];
  }
  return out;
}

// ---- results as columns for DataFrames ------------------------------------------------------

py::array_t<std::int64_t> instants(std::size_t n, auto get) {
  py::array_t<std::int64_t> a(static_cast<py::ssize_t>(n));
  auto* p = a.mutable_data();
  for (std::size_t i = 0; i < n; ++i) {
    const std::optional<Instant> t = get(i);
    p[i] = t ? unix_seconds(*t) : kNoInstant;
  }
  return a;
}
py::array_t<std::int64_t> ints(std::size_t n, auto get) {  // kNoInstant stands for none
  py::array_t<std::int64_t> a(static_cast<py::ssize_t>(n));
  auto* p = a.mutable_data();
  for (std::size_t i = 0; i < n; ++i) {
    const std::optional<std::int64_t> v = get(i);
    p[i] = v ? *v : kNoInstant;
  }
  return a;
}
py::array_t<bool> flags(std::size_t n, auto get) {
  py::array_t<bool> a(static_cast<py::ssize_t>(n));
  auto* p = a.mutable_data();
  for (std::size_t i = 0; i < n; ++i) p[i] = get(i);
  return a;
}
py::list texts(std::size_t n, auto get) {
  py::list l(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string& s = get(i);
    l[i] = py::str(s);
  }
  return l;
}
// Texts with few distinct values (tenants, sources, codes): one str object per value.
py::list repeated_texts(std::size_t n, auto get) {
  std::unordered_map<std::string_view, py::object> made;
  py::list l(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::optional<std::string_view> s = get(i);
    if (!s) {
      l[i] = py::none();
      continue;
    }
    auto it = made.find(*s);
    if (it == made.end()) it = made.emplace(*s, py::str(s->data(), s->size())).first;
    l[i] = it->second;
  }
  return l;
}
py::list optional_texts(std::size_t n, auto get) {
  py::list l(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::optional<std::string> s = get(i);
    if (s) l[i] = py::str(*s); else l[i] = py::none();
  }
  return l;
}
std::optional<std::string> dec(const std::optional<Decimal>& d) {
  return d ? std::optional<std::string>(d->to_string()) : std::nullopt;
}
std::optional<std::string> hours(const std::optional<std::int64_t>& s) {
  if (!s) return std::nullopt;
  return Decimal::divide(Decimal(*s), Decimal(3600), 2, RoundingMode::HalfEven).to_string();
}

py::dict device_columns(const std::vector<Device>& devs) {
  const std::size_t n = devs.size();
  using View = std::optional<std::string_view>;
  py::dict c;
  c["tenant"] = repeated_texts(n, [&](std::size_t i) { return View(devs[i].tenant); });
  c["source"] = repeated_texts(n, [&](std::size_t i) { return devs[i].source.empty() ? View() : View(devs[i].source); });
  c["id"] = texts(n, [&](std::size_t i) -> const std::string& { return devs[i].id; });
  c["name"] = optional_texts(n, [&](std::size_t i) { return devs[i].name.empty() ? std::nullopt : std::optional(devs[i].name); });
  c["device_class"] = repeated_texts(n, [&](std::size_t i) { return View(to_string(devs[i].device_class)); });
  return c;
}

py::tuple backup_frames(const BackupComplianceResult& r, const std::vector<Device>& devs) {
  const std::size_t n = r.devices.size();
  const auto& d = r.devices;
  py::dict c = device_columns(devs);
  py::array_t<std::uint8_t> status(static_cast<py::ssize_t>(n));
  for (std::size_t i = 0; i < n; ++i) status.mutable_data()[i] = static_cast<std::uint8_t>(d[i].status);
  c["status"] = status;
  c["reason_code"] = repeated_texts(n, [&](std::size_t i) { return std::optional<std::string_view>(d[i].reason_code); });
  c["reason"] = texts(n, [&](std::size_t i) -> const std::string& { return d[i].reason; });
  c["rpo_hours"] = ints(n, [&](std::size_t i) { return std::optional(d[i].rpo_seconds / 3600); });
  c["judged_at"] = instants(n, [&](std::size_t i) { return std::optional(d[i].judged_at); });
  c["offline_suppressed"] = flags(n, [&](std::size_t i) { return d[i].offline_suppressed; });
  c["last_result"] = instants(n, [&](std::size_t i) { return d[i].last_result; });
  c["last_good"] = instants(n, [&](std::size_t i) { return d[i].last_good; });
  c["age_seconds"] = ints(n, [&](std::size_t i) { return d[i].age_seconds; });
  c["age_hours"] = optional_texts(n, [&](std::size_t i) { return hours(d[i].age_seconds); });
  c["attempts"] = ints(n, [&](std::size_t i) { return std::optional(d[i].attempts); });
  c["good"] = ints(n, [&](std::size_t i) { return std::optional(d[i].good); });
  c["success_percent"] = optional_texts(n, [&](std::size_t i) { return dec(d[i].success_percent); });
  c["last_verified"] = instants(n, [&](std::size_t i) { return d[i].last_verified; });
  c["verification_age_seconds"] = ints(n, [&](std::size_t i) { return d[i].verification_age_seconds; });
  c["last_offsite"] = instants(n, [&](std::size_t i) { return d[i].last_offsite; });
  c["offsite_age_seconds"] = ints(n, [&](std::size_t i) { return d[i].offsite_age_seconds; });
  py::list clients;
  for (const ClientBackupCompliance& x : r.clients) {
    py::dict row;
    row["tenant"] = x.tenant;
    row["devices"] = x.devices;
    row["in_scope"] = x.in_scope;
    for (std::size_t s = 0; s < kBackupStatusCount; ++s) row[py::str(std::string(to_string(static_cast<BackupStatus>(s))))] = x.by_status[s];
    row["compliance_percent"] = dec(x.compliance_percent);
    row["sources"] = x.sources;
    row["unmatched_results"] = x.unmatched_results;
    clients.append(row);
  }
  return py::make_tuple(c, clients, unix_seconds(r.as_of));
}

}  // namespace

void bind_backup(py::module_& m) {
  py::list names;
  for (std::size_t s = 0; s < kBackupStatusCount; ++s) names.append(std::string(to_string(static_cast<BackupStatus>(s))));
  m.attr("BACKUP_STATUSES") = names;
  m.attr("DEVICE_FIELDS") = std::vector<std::string>(kDeviceFields.begin(), kDeviceFields.end());
  m.attr("BACKUP_RESULT_FIELDS") = std::vector<std::string>(kBackupResultFields.begin(), kBackupResultFields.end());
  m.attr("PATCH_FIELDS") = std::vector<std::string>(kPatchFields.begin(), kPatchFields.end());
  // results: a table for the decoder, or (coded columns dict, callable giving the table).
  m.def("_backup_compliance", [](const py::handle& results, const py::handle& devices, const py::handle& as_of,
                                 const std::string& policy_json) {
    const std::vector<Device> devs = records_of(devices, kDeviceFields, "devices", read_device);
    const PyRecord as_of_value(as_of.ptr(), {}, "as_of");
    const Instant at = FieldReader(as_of_value, {}, "as_of").instant(Fields::kSelf);
    const BackupPolicy policy = backup_policy_from_json(policy_json);
    BackupComplianceResult r;
    if (py::isinstance<py::tuple>(results)) {
      const py::tuple t = results.cast<py::tuple>();
      const BulkResults bulk = bulk_results(t[0].cast<py::dict>(), t[1], devs);
      py::gil_scoped_release release;
      r = backup_compliance(devs, bulk.view(), bulk.store.unmatched, at, policy);
    } else {
      const std::vector<BackupResult> rs = records_of(results, kBackupResultFields, "backup_results", read_backup_result);
      py::gil_scoped_release release;
      r = backup_compliance(devs, rs, at, policy);
    }
    return backup_frames(r, devs);
  });
  m.def("_backup_compliance_json", [](const std::string& request) {
    py::gil_scoped_release release;
    return backup_compliance_json(request);
  });
  m.def("_patch_compliance", [](const py::handle& patches, const py::handle& devices, const py::handle& as_of,
                                const std::string& policy_json) {
    const std::vector<Device> devs = records_of(devices, kDeviceFields, "devices", read_device);
    const std::vector<PatchRecord> ps = records_of(patches, kPatchFields, "patches", read_patch_record);
    const PyRecord as_of_value(as_of.ptr(), {}, "as_of");
    const Instant at = FieldReader(as_of_value, {}, "as_of").instant(Fields::kSelf);
    const PatchPolicy policy = patch_policy_from_json(policy_json);
    std::string doc;
    {
      py::gil_scoped_release release;
      doc = patch_compliance_result_json(patch_compliance(devs, ps, at, policy), devs);
    }
    return doc;  // patches are per device, not per run: the document is small enough
  });
  m.def("_patch_compliance_json", [](const std::string& request) {
    py::gil_scoped_release release;
    return patch_compliance_json(request);
  });
}

}  // namespace mspcore::python
