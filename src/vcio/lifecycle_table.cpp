// The batch of assets: duplicate ids, service signals, and each asset's checks, evaluated once
// per distinct input (a check is a pure function of a few fields) on every core.
// Rules: docs/vcio-lifecycle.md.
#include <mspcore/core/error.hpp>
#include <mspcore/vcio/lifecycle_table.hpp>

#include "contract/date_math.hpp"
#include "core/parallel.hpp"

#include <bit>
#include <functional>
#include <string_view>
#include <unordered_map>

namespace mspcore {
inline namespace v1 {

namespace {

using std::chrono::sys_days;

std::uint64_t mix(std::uint64_t h) {  // splitmix64's finaliser
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  return h ^ (h >> 31);
}

std::uint64_t combine(std::uint64_t h, std::uint64_t v) { return mix(h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6))); }

std::int64_t day_or(const std::optional<sys_days>& d) { return d ? d->time_since_epoch().count() : 0; }

// (tenant, id) -> the first asset with that key: an open-addressing table of (hash, index + 1)
// words, so a million assets cost one array rather than a million nodes.
class AssetIndex {
 public:
  explicit AssetIndex(const std::vector<Asset>& assets) : assets_(assets) {
    if (assets.size() >= UINT32_MAX) throw Error(ErrorCode::INVALID_ARGUMENT, "more than 4294967294 assets in one call");
    slots_.assign(std::bit_ceil(std::max<std::size_t>(16, 2 * assets.size())), 0);
  }

  // Adds asset i; returns the earlier asset with its key, or npos.
  std::size_t insert(std::size_t i) {
    const Asset& a = assets_[i];
    const std::uint64_t h = hash(a.tenant, a.id);
    for (std::size_t s = h & mask();; s = (s + 1) & mask()) {
      const std::uint64_t slot = slots_[s];
      if (slot == 0) {
        slots_[s] = (h & ~0xffffffffULL) | (i + 1);
        return std::string_view::npos;
      }
      if (matches(slot, h, a.tenant, a.id)) return (slot & 0xffffffffULL) - 1;
    }
  }

  std::size_t find(std::string_view tenant, std::string_view id) const {
    const std::uint64_t h = hash(tenant, id);
    for (std::size_t s = h & mask();; s = (s + 1) & mask()) {
      const std::uint64_t slot = slots_[s];
      if (slot == 0) return std::string_view::npos;
      if (matches(slot, h, tenant, id)) return (slot & 0xffffffffULL) - 1;
    }
  }

 private:
  static std::uint64_t hash(std::string_view tenant, std::string_view id) {
    return combine(std::hash<std::string_view>{}(tenant), std::hash<std::string_view>{}(id));
  }
  std::size_t mask() const { return slots_.size() - 1; }
  bool matches(std::uint64_t slot, std::uint64_t h, std::string_view tenant, std::string_view id) const {
    if ((slot ^ h) >> 32 != 0) return false;
    const Asset& b = assets_[(slot & 0xffffffffULL) - 1];
    return b.id == id && b.tenant == tenant;
  }

  const std::vector<Asset>& assets_;
  std::vector<std::uint64_t> slots_;
};

// Each asset's tickets and reactive minutes in the 12 months up to as_of: as_of - 12 months <
// date <= as_of (a year back from 2025-10-15 counts 2024-10-16 .. 2025-10-15). Records after
// as_of or not reactive count for nothing; a record naming no asset of the input is an error.
std::vector<ServiceSignals> service_signals(const std::vector<ServiceRecord>& service, const AssetIndex& assets,
                                            std::size_t n, sys_days as_of) {
  std::vector<ServiceSignals> out(n);
  const sys_days after = date_math::add_months(as_of, -12);
  for (std::size_t i = 0; i < service.size(); ++i) {
    const ServiceRecord& s = service[i];
    const std::size_t at = assets.find(s.tenant, s.asset_id);
    if (at == std::string_view::npos) {
      throw Error(ErrorCode::INVALID_ARGUMENT,
                  "service[" + std::to_string(i) + "] (tenant " + quoted(s.tenant) + " asset " + quoted(s.asset_id) +
                      ").asset_id: no asset " + quoted(s.asset_id) + " of tenant " + quoted(s.tenant) + " in assets",
                  static_cast<std::int64_t>(i));
    }
    if (!s.reactive || s.date <= after || s.date > as_of) continue;
    ServiceSignals& x = out[at];
    if (s.kind == ServiceKind::Ticket) ++x.tickets;
    x.minutes += s.minutes;  // each record's minutes are bounded by the decoder
  }
  return out;
}

int urgency(LifecycleStatus s) {
  switch (s) {
    case LifecycleStatus::Overdue: return 3;
    case LifecycleStatus::DueSoon: return 2;
    case LifecycleStatus::Unknown: return 1;
    case LifecycleStatus::Supported: break;
  }
  return 0;
}

// The most urgent check decides; on a tie the one that ends first, else the earlier in the
// order warranty, OS, replacement.
template <class Decider>
Decider decide(const LifecycleCheck& warranty, const LifecycleCheck* os, const LifecycleCheck& replacement) {
  const LifecycleCheck* decider = &warranty;
  Decider which = Decider::Warranty;
  const auto consider = [&](const LifecycleCheck& c, Decider w) {
    const int d = urgency(decider->status), u = urgency(c.status);
    if (u > d || (u == d && c.days_left && (!decider->days_left || *c.days_left < *decider->days_left))) {
      decider = &c;
      which = w;
    }
  };
  if (os != nullptr) consider(*os, Decider::Os);
  consider(replacement, Decider::Replacement);
  return which;
}

// What a check depends on, as hash keys. The warranty: the type and the warranty end, or the
// purchase date when there is none. The replacement: the type, the purchase date and the
// service counts. The OS: the type and the three texts (views of the assets' own strings).
struct NumberKey {
  std::uint64_t tag;  // type << 8 | which dates are given
  std::int64_t day, tickets, minutes;
  bool operator==(const NumberKey&) const = default;
};
struct NumberKeyHash {
  std::size_t operator()(const NumberKey& k) const {
    return combine(combine(combine(mix(k.tag), static_cast<std::uint64_t>(k.day)), static_cast<std::uint64_t>(k.tickets)),
                   static_cast<std::uint64_t>(k.minutes));
  }
};
struct OsKey {
  AssetType type;
  std::string_view os, version, edition;
  bool operator==(const OsKey&) const = default;
};
struct OsKeyHash {
  std::size_t operator()(const OsKey& k) const {
    const std::hash<std::string_view> h;
    return combine(combine(combine(static_cast<std::uint64_t>(k.type), h(k.os)), h(k.version)), h(k.edition));
  }
};

// One part's distinct checks and its rows (indexes local to the part until merged).
struct Part {
  std::vector<LifecycleCheck> warranties;
  std::vector<OsCheck> os_checks;
  std::vector<ReplacementCheck> replacements;
  std::unordered_map<NumberKey, std::uint32_t, NumberKeyHash> warranty_of, replacement_of;
  std::unordered_map<OsKey, std::uint32_t, OsKeyHash> os_of;
};

template <class Check, class Map, class Key, class Make>
std::uint32_t memo(Map& map, std::vector<Check>& checks, const Key& key, Make make) {
  const auto [it, fresh] = map.try_emplace(key, static_cast<std::uint32_t>(checks.size()));
  if (fresh) checks.push_back(make());
  return it->second;
}

void evaluate_part(const std::vector<Asset>& assets, const std::vector<ServiceSignals>& signals, std::size_t lo,
                   std::size_t hi, sys_days as_of, const LifecyclePolicy& policy, const OsLifecycleTable& table,
                   Part& part, std::vector<AssetLifecycleTable::Row>& rows) {
  using Row = AssetLifecycleTable::Row;
  static const ServiceSignals kNone{};
  for (std::size_t i = lo; i < hi; ++i) {
    const Asset& a = assets[i];
    const std::uint64_t type = static_cast<std::uint64_t>(a.type) << 8;
    Row& r = rows[i];
    const NumberKey wkey = a.warranty_end ? NumberKey{type | 2, day_or(a.warranty_end), 0, 0}
                                          : NumberKey{type | (a.purchase_date ? 1 : 0), day_or(a.purchase_date), 0, 0};
    r.warranty = memo(part.warranty_of, part.warranties, wkey, [&] { return warranty_check(a, as_of, policy); });
    const OsKey okey{a.type, a.os, a.os_version, a.os_edition};
    if (const auto it = part.os_of.find(okey); it != part.os_of.end()) {
      r.os = it->second;
    } else {
      std::optional<OsCheck> c = os_check(a, as_of, policy, table);
      r.os = c ? static_cast<std::uint32_t>(part.os_checks.size()) : AssetLifecycleTable::kNoOs;
      if (c) part.os_checks.push_back(std::move(*c));
      part.os_of.emplace(okey, r.os);
    }
    const ServiceSignals& s = signals.empty() ? kNone : signals[i];
    const NumberKey rkey{type | (a.purchase_date ? 1 : 0), day_or(a.purchase_date), s.tickets, s.minutes};
    r.replacement = memo(part.replacement_of, part.replacements, rkey, [&] {
      ReplacementCheck c = replacement_check(a, s, as_of, policy);
      c.value.reset();  // per asset: AssetLifecycleTable::replacement_value()
      c.value_from_policy = false;
      return c;
    });
    const LifecycleCheck& w = part.warranties[r.warranty];
    const LifecycleCheck* o = r.os == AssetLifecycleTable::kNoOs ? nullptr : &part.os_checks[r.os];
    const LifecycleCheck& p = part.replacements[r.replacement];
    r.decider = decide<AssetLifecycleTable::Decider>(w, o, p);
    r.status = r.decider == AssetLifecycleTable::Decider::Warranty ? w.status
               : r.decider == AssetLifecycleTable::Decider::Os     ? o->status
                                                                   : p.status;
  }
}

template <class T>
void append(std::vector<T>& to, std::vector<T>& from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

}  // namespace

std::optional<Money> AssetLifecycleTable::replacement_value(const Asset& a, bool& from_policy) const {
  const AssetTypePolicy& p = policy.of(a.type);
  from_policy = !a.replacement_value && p.replacement_value;
  return a.replacement_value ? a.replacement_value : p.replacement_value;
}

AssetLifecycle AssetLifecycleTable::asset(std::size_t i, const Asset& a) const {
  const Row& row = rows[i];
  AssetLifecycle r;
  r.index = i;
  r.window_days = policy.of(a.type).window_days;
  r.warranty = warranties[row.warranty];
  if (row.os != kNoOs) r.os = os_checks[row.os];
  r.replacement = replacements[row.replacement];
  r.replacement.value = replacement_value(a, r.replacement.value_from_policy);
  r.status = row.status;
  r.reason = row.decider == Decider::Warranty ? r.warranty.reason
             : row.decider == Decider::Os     ? r.os->reason
                                              : r.replacement.reason;
  return r;
}

AssetLifecycleTable evaluate_asset_table(const std::vector<Asset>& assets, sys_days as_of,
                                         const LifecyclePolicy& policy, const OsLifecycleTable& table,
                                         const std::vector<ServiceRecord>& service) {
  AssetLifecycleTable out;
  out.as_of = as_of;
  out.os_table_version = table.version();
  out.policy = policy;
  AssetIndex index(assets);
  for (std::size_t i = 0; i < assets.size(); ++i) {
    if (const std::size_t first = index.insert(i); first != std::string_view::npos) {
      const Asset& a = assets[i];
      throw Error(ErrorCode::INVALID_ARGUMENT,
                  "assets[" + std::to_string(i) + "]: duplicate id " + quoted(a.id) + " of tenant " + quoted(a.tenant) +
                      " (also assets[" + std::to_string(first) + "])",
                  static_cast<std::int64_t>(i));
    }
  }
  const std::vector<ServiceSignals> signals =
      service.empty() ? std::vector<ServiceSignals>() : service_signals(service, index, assets.size(), as_of);
  out.rows.resize(assets.size());
  // Parts of consecutive assets, each with its own distinct checks: no locks, and an error
  // thrown by a check is the first one in input order (run_parts rethrows the lowest part's).
  const std::size_t parts = detail::parts_for(assets.size(), 100000);
  std::vector<Part> local(parts);
  const auto bound = [&](std::size_t k) { return assets.size() * k / parts; };
  detail::run_parts(parts, [&](std::size_t k) {
    evaluate_part(assets, signals, bound(k), bound(k + 1), as_of, policy, table, local[k], out.rows);
  });
  for (std::size_t k = 0; k < parts; ++k) {
    const auto w = static_cast<std::uint32_t>(out.warranties.size());
    const auto o = static_cast<std::uint32_t>(out.os_checks.size());
    const auto p = static_cast<std::uint32_t>(out.replacements.size());
    if (k > 0) {
      for (std::size_t i = bound(k); i < bound(k + 1); ++i) {
        AssetLifecycleTable::Row& r = out.rows[i];
        r.warranty += w;
        if (r.os != AssetLifecycleTable::kNoOs) r.os += o;
        r.replacement += p;
      }
    }
    append(out.warranties, local[k].warranties);
    append(out.os_checks, local[k].os_checks);
    append(out.replacements, local[k].replacements);
  }
  return out;
}

}  // namespace v1
}  // namespace mspcore
