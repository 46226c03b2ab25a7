// Three-way reconciliation: observations grouped per tenant and contract SKU, counted by the
// billable-unit rules, compared with the contract lines.
#include <mspcore/core/error.hpp>

#include <mspcore/contract/trueup_columns.hpp>

#include "contract/trueup_detail.hpp"
#include "core/parallel.hpp"

#include <algorithm>
#include <array>
#include <numeric>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace mspcore {
inline namespace v1 {

namespace {

constexpr std::size_t kSources = 6;
constexpr std::uint32_t kUnmapped = UINT32_MAX;
constexpr std::uint32_t kNone = UINT32_MAX;  // the end of a list below

// The latest observations of one source for one group. Groups hold no containers of their
// own (300,000 groups would be 300,000 allocations or more): lists of lines and observations
// are chained through one `next` array each, indexed like the input.
struct SourceState {
  Instant latest = kMinInstant;
  std::int64_t reported = 0;
  std::int64_t plain = 0;  // quantities of observations without unit detail
  std::uint32_t count = 0;
  std::uint32_t with_units = kNone;  // its entries of ObservationColumns::units, through next_unit
};

struct Group {
  std::uint32_t tenant = 0;
  std::uint32_t sku = 0;
  std::uint32_t first_line = kNone;  // active lines in input order, through next_line
  std::uint32_t last_line = kNone;
  std::array<SourceState, kSources> sources{};
};

// (tenant id, SKU id) -> group index. A tenant's first SKUs sit in a short list of its own,
// so the lookups of one tenant's rows (exports list them together) stay in a few cache lines;
// a tenant with more SKUs moves to a table with open addressing on the packed 64-bit key. No
// node is allocated per group.
class GroupIndex {
 public:
  // The index stored for (tenant, sku), or `fresh` (stored now) when the pair is new.
  std::uint32_t find_or_add(std::uint32_t tenant, std::uint32_t sku, std::uint32_t fresh) {
    if (tenant >= tenants_.size()) tenants_.resize(std::max<std::size_t>(tenant + 1, 2 * tenants_.size()));
    Tenant& t = tenants_[tenant];
    if (!t.spilled) {
      for (const auto& [s, index] : t.skus) {
        if (s == sku) return index;
      }
      if (t.skus.size() < kShort) {
        t.skus.emplace_back(sku, fresh);
        return fresh;
      }
      for (const auto& [s, index] : t.skus) table_.find_or_add(key(tenant, s), index);
      t.skus = {};
      t.spilled = true;
    }
    return table_.find_or_add(key(tenant, sku), fresh);
  }

 private:
  static constexpr std::size_t kShort = 64;
  static std::uint64_t key(std::uint32_t tenant, std::uint32_t sku) {
    return (static_cast<std::uint64_t>(tenant) << 32) | sku;
  }
  struct Tenant {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> skus;  // (sku id, group index)
    bool spilled = false;
  };
  class Table {
   public:
    std::uint32_t find_or_add(std::uint64_t k, std::uint32_t fresh) {
      if (2 * (size_ + 1) > slots_.size()) grow(std::max<std::size_t>(64, slots_.size() * 2));
      for (std::size_t i = slot(k);; i = (i + 1) & mask_) {
        Slot& s = slots_[i];
        if (s.value == kNone) {
          s = Slot{k, fresh};
          ++size_;
          return fresh;
        }
        if (s.key == k) return s.value;
      }
    }

   private:
    struct Slot {
      std::uint64_t key = 0;
      std::uint32_t value = kNone;
    };
    std::size_t slot(std::uint64_t k) const { return static_cast<std::size_t>((k * 0x9E3779B97F4A7C15ULL) >> shift_); }
    void grow(std::size_t capacity) {  // capacity: a power of two
      int bits = 0;
      while ((std::size_t{1} << bits) < capacity) ++bits;
      std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(std::size_t{1} << bits));
      mask_ = slots_.size() - 1;
      shift_ = 64 - bits;
      for (const Slot& s : old) {
        if (s.value == kNone) continue;
        std::size_t i = slot(s.key);
        while (slots_[i].value != kNone) i = (i + 1) & mask_;
        slots_[i] = s;
      }
    }
    std::vector<Slot> slots_;
    std::size_t size_ = 0;
    std::size_t mask_ = 0;
    int shift_ = 64;
  };
  std::vector<Tenant> tenants_;
  Table table_;
};

// Interns strings to dense ids, remembering the first spelling.
class Interner {
 public:
  std::uint32_t id(const std::string& s) {
    const auto [it, inserted] = ids_.try_emplace(s, static_cast<std::uint32_t>(names_.size()));
    if (inserted) names_.push_back(s);
    return it->second;
  }
  const std::string& name(std::uint32_t id) const { return names_[id]; }
  std::size_t size() const { return names_.size(); }
  // rank[id] = position of the name in sorted order.
  std::vector<std::uint32_t> ranks() const {
    std::vector<std::uint32_t> order(names_.size());
    std::iota(order.begin(), order.end(), 0U);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return names_[a] < names_[b]; });
    std::vector<std::uint32_t> rank(names_.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) rank[order[i]] = i;
    return rank;
  }

 private:
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<std::string> names_;
};

std::string describe_observation(const ObservationColumns& o, std::size_t index) {
  const auto source = static_cast<std::size_t>(o.source[index]);
  return "observations[" + std::to_string(index) + "] (tenant " + quoted(o.tenant[index]) + " sku " +
         quoted(o.sku[index]) + " source " +
         (source < kSources ? std::string(to_string(o.source[index])) : "?") + ")";
}

// The checks of each observation, in row order (the first bad row is the one named); text is
// checked once per distinct value.
void validate(const ObservationColumns& o) {
  auto empty_values = [](const TextColumn& c) {
    std::vector<bool> empty(c.values().size());
    for (std::size_t v = 0; v < empty.size(); ++v) empty[v] = c.values()[v].empty();
    return empty;
  };
  const std::vector<bool> no_tenant = empty_values(o.tenant);
  const std::vector<bool> no_sku = empty_values(o.sku);
  std::size_t with_units = 0;
  for (std::size_t i = 0; i < o.size(); ++i) {
    auto fail = [&](const std::string& what) {
      throw Error(ErrorCode::INVALID_ARGUMENT, describe_observation(o, i) + ": " + what, static_cast<std::int64_t>(i));
    };
    if (no_tenant[o.tenant.codes()[i]]) fail("tenant must not be empty");
    if (no_sku[o.sku.codes()[i]]) fail("sku must not be empty");
    if (o.quantity[i] < 0) fail("quantity " + std::to_string(o.quantity[i]) + " must be >= 0");
    if (static_cast<std::size_t>(o.source[i]) >= kSources) fail("unknown source");
    if (o.as_of[i] < kMinInstant || o.as_of[i] > kMaxInstant) fail("as_of is outside 0001..9999");
    if (with_units < o.units.size() && o.units[with_units].first == i) {
      const std::vector<BillableUnit>& units = o.units[with_units++].second;
      for (std::size_t u = 0; u < units.size(); ++u) {
        if (normalize_key(units[u].identity).empty()) fail("units[" + std::to_string(u) + "] has no identity");
      }
    }
  }
}

struct UnitFlags {
  bool shared = false, kiosk = false, self_paid = false, service_account = false;
};

bool excluded(const UnitFlags& f, const TrueUpRules& r) {
  return (r.exclude_shared && f.shared) || (r.exclude_kiosk && f.kiosk) || (r.exclude_self_paid && f.self_paid) ||
         (r.exclude_service_accounts && f.service_account);
}

bool is_assigned(ObservationSource s) {
  return s == ObservationSource::License || s == ObservationSource::Asset || s == ObservationSource::Rmm;
}
bool is_billed(ObservationSource s) { return s == ObservationSource::Billing || s == ObservationSource::Crm; }

// Counts one group: evidence per source and the purchased, assigned and billed quantities.
// Sources of one kind overlap, so they are never added: a kind's quantity is the number of
// distinct billable identities across its sources, or the largest source count if larger.
struct Counted {
  std::vector<SourceEvidence> evidence;
  std::optional<std::int64_t> purchased, assigned, billed;
};

// `out` is reused from group to group (its evidence keeps its capacity).
void count(const Group& g, const ObservationColumns& observations, const std::vector<std::uint32_t>& next_unit,
           const TrueUpRules& rules, Counted& out) {
  out.evidence.clear();
  // Flags of an identity hold across the group's sources: a kiosk in the RMM is a kiosk.
  std::unordered_map<std::string, UnitFlags> flags;
  for (const SourceState& s : g.sources) {
    for (std::uint32_t i = s.with_units; i != kNone; i = next_unit[i]) {
      for (const BillableUnit& u : observations.units[i].second) {
        UnitFlags& f = flags[normalize_key(u.identity)];
        f.shared |= u.shared;
        f.kiosk |= u.kiosk;
        f.self_paid |= u.self_paid;
        f.service_account |= u.service_account;
      }
    }
  }
  std::array<std::unordered_set<std::string>, 3> kinds;  // purchased, assigned, billed identities
  std::array<std::optional<std::int64_t>, 3> largest;
  for (std::size_t s = 0; s < kSources; ++s) {
    const SourceState& state = g.sources[s];
    if (state.count == 0) continue;
    const auto source = static_cast<ObservationSource>(s);
    const std::size_t kind = is_assigned(source) ? 1 : is_billed(source) ? 2 : 0;
    std::unordered_set<std::string> own;
    for (std::uint32_t i = state.with_units; i != kNone; i = next_unit[i]) {
      for (const BillableUnit& u : observations.units[i].second) {
        std::string key = normalize_key(u.identity);
        if (excluded(flags[key], rules)) continue;
        kinds[kind].insert(key);
        own.insert(std::move(key));
      }
    }
    const std::int64_t counted = state.plain + static_cast<std::int64_t>(own.size());
    out.evidence.push_back(SourceEvidence{source, state.reported, counted, state.latest, state.count});
    largest[kind] = std::max(largest[kind].value_or(0), counted);
  }
  auto quantity = [&](std::size_t kind) -> std::optional<std::int64_t> {
    if (!largest[kind]) return std::nullopt;
    return std::max(*largest[kind], static_cast<std::int64_t>(kinds[kind].size()));
  };
  out.purchased = quantity(0);
  out.assigned = quantity(1);
  out.billed = quantity(2);
}

// |gap| is noise when within the absolute units or percent of the base.
bool within(const Tolerance& t, std::int64_t gap, std::int64_t base) {
  const std::int64_t magnitude = gap < 0 ? -gap : gap;
  if (magnitude <= t.units) return true;
  if (t.percent.is_zero()) return false;
  return Decimal(magnitude) * Decimal(100) <= t.percent * Decimal(base);
}

// Quantities are int64: a sum that does not fit is an error naming the record, never a wrap.
template <class Describe>
void add_checked(std::int64_t& total, std::int64_t value, Describe describe) {
  if (__builtin_add_overflow(total, value, &total)) {
    throw Error(ErrorCode::ARITHMETIC_OVERFLOW, describe() + ": the quantities of one tenant and SKU exceed int64");
  }
}

// Validates every line and rejects a second (tenant, contract_id, line_id), naming the later
// one. Sorting hashes is much cheaper than a set of joined strings at 300,000 lines.
void reject_duplicate_lines(std::span<const ContractLine> lines) {
  std::vector<std::pair<std::size_t, std::uint32_t>> keys(lines.size());
  const std::hash<std::string> hash;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    validate(lines[i], i);
    const std::size_t h = hash(lines[i].tenant) ^ (hash(lines[i].contract_id) * 0x9E3779B97F4A7C15ULL) ^
                          (hash(lines[i].line_id) * 0xC2B2AE3D27D4EB4FULL);
    keys[i] = {h, static_cast<std::uint32_t>(i)};
  }
  std::sort(keys.begin(), keys.end());
  for (std::size_t k = 1; k < keys.size(); ++k) {
    if (keys[k].first != keys[k - 1].first) continue;
    for (std::size_t j = k; j-- > 0 && keys[j].first == keys[k].first;) {
      const ContractLine& a = lines[keys[j].second];
      const ContractLine& b = lines[keys[k].second];
      if (a.tenant == b.tenant && a.contract_id == b.contract_id && a.line_id == b.line_id) {
        const std::uint32_t later = std::max(keys[j].second, keys[k].second);
        const ContractLine& l = lines[later];
        throw Error(ErrorCode::INVALID_ARGUMENT, describe_line(l, later) + ": duplicate line id " +
                                                     quoted(l.line_id) + " in contract " + quoted(l.contract_id),
                    later);
      }
    }
  }
}

// What judging a group reads besides the group.
struct GroupInputs {
  std::span<const ContractLine> lines;
  const std::vector<std::uint32_t>& next_line;
  const ObservationColumns& observations;
  const std::vector<std::uint32_t>& next_unit;
  Instant as_of;
  const TrueUpRules& rules;
};

// The deviations and the change of one group, appended to `out` with the group (named by its
// tenant and SKU codes) when there is any. `c` is reused from group to group.
void judge(const Group& g, const GroupInputs& in, std::uint32_t tenant_code, std::uint32_t sku_code, Counted& c,
           ReconcileTables& out) {
  // The line that prices gaps and takes the change: the latest term start, then by id.
  const ContractLine* line = nullptr;
  std::uint32_t line_index = kNoRow;
  std::int64_t contracted = 0;
  for (std::uint32_t i = g.first_line; i != kNone; i = in.next_line[i]) {
    const ContractLine& l = in.lines[i];
    add_checked(contracted, l.quantity, [&] { return describe_line(l, i); });
    if (!line || l.term_start > line->term_start ||
        (l.term_start == line->term_start &&
         std::tie(l.contract_id, l.line_id) < std::tie(line->contract_id, line->line_id))) {
      line = &l;
      line_index = i;
    }
  }
  count(g, in.observations, in.next_unit, in.rules, c);
  if (!c.assigned) return;  // nothing to compare the contract with
  const Tolerance& tolerance = line ? line->tolerance : in.rules.default_tolerance;
  QuantitySnapshot q{c.purchased, c.assigned, c.billed, contracted, !c.billed};
  if (!q.billed) q.billed = contracted;

  const auto group_index = static_cast<std::uint32_t>(out.groups.size());
  const std::size_t rows_before = out.deviations.size() + out.proposals.size() + out.held.size();
  auto deviate = [&](DeviationKind kind, std::int64_t gap, std::int64_t base) {
    if (gap <= 0 || within(tolerance, gap, base)) return;
    DeviationRow d{group_index, line_index, kind, gap, {}, {}};
    if (line) {
      d.monthly_value = recurring_value(*line, gap, false, in.rules.rounding).amount();
      d.annual_value = recurring_value(*line, gap, true, in.rules.rounding).amount();
    }
    out.deviations.push_back(d);
  };
  deviate(DeviationKind::RevenueLeakage, *q.assigned - *q.billed, *q.billed);
  deviate(DeviationKind::RefundRisk, *q.billed - *q.assigned, *q.billed);
  if (q.purchased) {
    deviate(DeviationKind::Shelfware, *q.purchased - *q.assigned, *q.purchased);
    deviate(DeviationKind::Unlicensed, *q.assigned - *q.purchased, *q.purchased);
  }
  if (line && *q.assigned != contracted && !within(tolerance, *q.assigned - contracted, contracted)) {
    propose_change(*line, line_index, group_index, contracted, *q.assigned, in.as_of, in.rules, out);
  }
  if (out.deviations.size() + out.proposals.size() + out.held.size() == rows_before) return;
  const auto evidence_begin = static_cast<std::uint32_t>(out.evidence.size());
  out.evidence.insert(out.evidence.end(), c.evidence.begin(), c.evidence.end());
  out.groups.push_back(
      ReconcileGroup{tenant_code, sku_code, q, evidence_begin, static_cast<std::uint32_t>(out.evidence.size())});
}

// Appends the rows of a later part, its group and evidence indices moved past out's.
void append_part(ReconcileTables&& part, ReconcileTables& out) {
  const auto groups = static_cast<std::uint32_t>(out.groups.size());
  const auto evidence = static_cast<std::uint32_t>(out.evidence.size());
  for (ReconcileGroup& g : part.groups) {
    g.evidence_begin += evidence;
    g.evidence_end += evidence;
  }
  for (DeviationRow& d : part.deviations) d.group += groups;
  for (ProposalRow& p : part.proposals) p.group += groups;
  for (HeldRow& h : part.held) h.group += groups;
  out.groups.insert(out.groups.end(), part.groups.begin(), part.groups.end());
  out.evidence.insert(out.evidence.end(), part.evidence.begin(), part.evidence.end());
  out.deviations.insert(out.deviations.end(), part.deviations.begin(), part.deviations.end());
  out.proposals.insert(out.proposals.end(), part.proposals.begin(), part.proposals.end());
  out.held.insert(out.held.end(), part.held.begin(), part.held.end());
}

}  // namespace

void validate(const TrueUpRules& r) {
  if (r.nce_decrease_window_hours < 0 || r.nce_decrease_window_hours > 24 * 366 * 100) {
    throw Error(ErrorCode::INVALID_ARGUMENT,
                "rules: nce_decrease_window_hours " + std::to_string(r.nce_decrease_window_hours) +
                    " must be in 0 .. 876,000 (100 years)");
  }
  if (r.default_tolerance.units < 0 || r.default_tolerance.percent < Decimal()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, "rules: tolerance_units and tolerance_percent must be >= 0");
  }
}

ReconcileTables reconcile_tables(std::span<const ContractLine> lines, const ObservationColumns& observations,
                                 Instant as_of, const SkuMap& sku_map, const TrueUpRules& rules) {
  validate(rules);
  check_instant_range(as_of, "as_of");
  const sys_days today = std::chrono::floor<std::chrono::days>(as_of);
  if (lines.size() >= kNone || observations.size() >= kNone) {
    throw Error(ErrorCode::OUT_OF_RANGE, "a reconciliation takes fewer than 4,294,967,295 lines and observations");
  }

  Interner tenants;
  Interner skus;
  std::unordered_map<std::string, std::uint32_t> sku_by_key;  // normalised contract SKU -> id
  GroupIndex group_of;
  std::vector<Group> groups;
  groups.reserve(lines.size());
  auto group = [&](std::uint32_t tenant, std::uint32_t sku) -> Group& {
    const std::uint32_t index = group_of.find_or_add(tenant, sku, static_cast<std::uint32_t>(groups.size()));
    if (index == groups.size()) {
      groups.emplace_back();
      groups.back().tenant = tenant;
      groups.back().sku = sku;
    }
    return groups[index];
  };

  reject_duplicate_lines(lines);  // validates every line, too
  std::vector<std::uint32_t> next_line(lines.size(), kNone);
  std::uint32_t tenant = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const ContractLine& line = lines[i];
    // Exports list a tenant's lines together: skip the hash lookup while it repeats.
    if (i == 0 || line.tenant != lines[i - 1].tenant) tenant = tenants.id(line.tenant);
    const std::size_t known_skus = skus.size();
    const std::uint32_t sku = skus.id(line.sku);
    if (skus.size() > known_skus) sku_by_key.try_emplace(normalize_key(line.sku), sku);
    Group& g = group(tenant, sku);
    if (g.first_line != kNone && !(lines[g.first_line].unit_price->currency() == line.unit_price->currency())) {
      throw Error(ErrorCode::CURRENCY_MISMATCH,
                  describe_line(line, i) + ": two currencies for one tenant and SKU: " +
                      std::string(line.unit_price->currency().code()) + " here, " +
                      std::string(lines[g.first_line].unit_price->currency().code()) + " in " +
                      describe_line(lines[g.first_line], g.first_line),
                  static_cast<std::int64_t>(i));
    }
    // Inactive lines still take part in the checks above; only active ones count.
    if (is_active(line, today)) {
      const auto index = static_cast<std::uint32_t>(i);
      (g.first_line == kNone ? g.first_line : next_line[g.last_line]) = index;
      g.last_line = index;
    }
  }

  validate(observations);
  ReconcileTables out;
  out.as_of = as_of;
  // The columns' codes -> ids here: each distinct tenant and SKU is looked up once.
  std::vector<std::uint32_t> tenant_of(observations.tenant.values().size(), kNone);
  std::vector<std::uint32_t> sku_of(observations.sku.values().size(), kNone);
  std::vector<bool> sku_resolved(sku_of.size(), false);
  std::vector<std::uint32_t> next_unit(observations.units.size(), kNone);
  std::size_t next_with_units = 0;  // observations.units is in row order
  for (std::size_t i = 0; i < observations.size(); ++i) {
    const bool has_units =
        next_with_units < observations.units.size() && observations.units[next_with_units].first == i;
    const std::size_t unit_entry = has_units ? next_with_units++ : 0;
    if (observations.as_of[i] > as_of) continue;
    const std::uint32_t raw_sku = observations.sku.codes()[i];
    if (!sku_resolved[raw_sku]) {
      sku_resolved[raw_sku] = true;
      const std::string& name = observations.sku.values()[raw_sku];
      if (const std::string* target = sku_map.find(name)) {
        // A target names a contract SKU the way observations do: ignoring case and spaces.
        const auto known = sku_by_key.find(normalize_key(*target));
        sku_of[raw_sku] = known != sku_by_key.end() ? known->second : skus.id(*target);
      } else if (const auto hit = sku_by_key.find(normalize_key(name)); hit != sku_by_key.end()) {
        sku_of[raw_sku] = hit->second;
      }
    }
    if (sku_of[raw_sku] == kUnmapped) {
      out.unmapped.push_back(static_cast<std::uint32_t>(i));
      continue;
    }
    std::uint32_t& t = tenant_of[observations.tenant.codes()[i]];
    if (t == kNone) t = tenants.id(observations.tenant.values()[observations.tenant.codes()[i]]);
    SourceState& s = group(t, sku_of[raw_sku]).sources[static_cast<std::size_t>(observations.source[i])];
    const Instant seen = observations.as_of[i];
    if (seen > s.latest) s = SourceState{seen, 0, 0, 0, kNone};
    if (seen < s.latest) continue;
    add_checked(s.reported, observations.quantity[i], [&] { return describe_observation(observations, i); });
    s.count += 1;
    if (has_units) {
      next_unit[unit_entry] = s.with_units;  // prepended: counting does not depend on the order
      s.with_units = static_cast<std::uint32_t>(unit_entry);
    } else {
      s.plain += observations.quantity[i];  // <= reported, which did not overflow
    }
  }

  // Output in (tenant, SKU) order whatever the input order.
  const std::vector<std::uint32_t> tenant_rank = tenants.ranks();
  const std::vector<std::uint32_t> sku_rank = skus.ranks();
  out.tenants.resize(tenants.size());
  for (std::uint32_t id = 0; id < tenants.size(); ++id) out.tenants[tenant_rank[id]] = tenants.name(id);
  out.skus.resize(skus.size());
  for (std::uint32_t id = 0; id < skus.size(); ++id) out.skus[sku_rank[id]] = skus.name(id);
  std::vector<std::pair<std::uint64_t, std::uint32_t>> order(groups.size());
  for (std::uint32_t i = 0; i < groups.size(); ++i) {
    order[i] = {(static_cast<std::uint64_t>(tenant_rank[groups[i].tenant]) << 32) | sku_rank[groups[i].sku], i};
  }
  std::sort(order.begin(), order.end());
  // Groups are judged independently: contiguous ranges of them on every core, each into its
  // own tables, joined in order (the error of the first failing range is the first error).
  const std::size_t parts = detail::parts_for(order.size(), 50'000);
  std::vector<ReconcileTables> judged(parts);
  const GroupInputs inputs{lines, next_line, observations, next_unit, as_of, rules};
  detail::run_parts(parts, [&](std::size_t k) {
    const std::size_t begin = order.size() * k / parts;
    const std::size_t end = order.size() * (k + 1) / parts;
    ReconcileTables& part = judged[k];
    // Upper bounds (at most two deviations and one change per group; the first part takes
    // the others' rows too): virtual memory only, as untouched pages cost nothing, and it
    // spares growing the tables by copying.
    const std::size_t bound = k == 0 ? order.size() : end - begin;
    part.groups.reserve(bound);
    part.evidence.reserve(kSources * bound);
    part.deviations.reserve(2 * bound);
    part.proposals.reserve(bound);
    Counted c;
    for (std::size_t o = begin; o < end; ++o) {
      const Group& g = groups[order[o].second];
      judge(g, inputs, tenant_rank[g.tenant], sku_rank[g.sku], c, part);
    }
  });
  out.groups = std::move(judged[0].groups);
  out.evidence = std::move(judged[0].evidence);
  out.deviations = std::move(judged[0].deviations);
  out.proposals = std::move(judged[0].proposals);
  out.held = std::move(judged[0].held);
  for (std::size_t k = 1; k < parts; ++k) append_part(std::move(judged[k]), out);
  return out;
}

ReconcileResult reconcile(std::span<const ContractLine> lines, std::span<const Observation> observations,
                          Instant as_of, const SkuMap& sku_map, const TrueUpRules& rules) {
  ObservationColumns columns;
  columns.reserve(observations.size());
  for (const Observation& o : observations) columns.push_back(Observation(o));
  return to_records(reconcile_tables(lines, columns, as_of, sku_map, rules), lines, columns);
}

}  // namespace v1
}  // namespace mspcore
