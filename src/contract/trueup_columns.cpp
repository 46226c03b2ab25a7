// Observation columns in, compact result tables out, and the tables as records.
#include <mspcore/contract/trueup_columns.hpp>

#include <algorithm>
#include <utility>

namespace mspcore {
inline namespace v1 {

std::uint32_t TextColumn::push_back(std::string_view value) {
  // Rows of one tenant (or SKU) usually come together: a repeat needs no lookup.
  if (!codes_.empty() && values_[codes_.back()] == value) {
    codes_.push_back(codes_.back());
    return codes_.back();
  }
  const auto [it, fresh] = index_.try_emplace(std::string(value), static_cast<std::uint32_t>(values_.size()));
  if (fresh) values_.emplace_back(value);
  codes_.push_back(it->second);
  return it->second;
}

void ObservationColumns::reserve(std::size_t rows) {
  tenant.reserve(rows);
  sku.reserve(rows);
  source.reserve(rows);
  quantity.reserve(rows);
  as_of.reserve(rows);
}

void ObservationColumns::push_back(Observation&& o) {
  if (o.units) units.emplace_back(size(), std::move(*o.units));
  tenant.push_back(o.tenant);
  sku.push_back(o.sku);
  source.push_back(o.source);
  quantity.push_back(o.quantity);
  as_of.push_back(o.as_of);
}

Observation ObservationColumns::row(std::size_t i) const {
  Observation o{std::string(tenant[i]), std::string(sku[i]), source[i], quantity[i], as_of[i], std::nullopt};
  const auto it = std::lower_bound(units.begin(), units.end(), i,
                                   [](const auto& entry, std::size_t row) { return entry.first < row; });
  if (it != units.end() && it->first == i) o.units = it->second;
  return o;
}

ReconcileResult to_records(const ReconcileTables& t, std::span<const ContractLine> lines,
                           const ObservationColumns& observations) {
  ReconcileResult r;
  r.as_of = t.as_of;
  auto evidence = [&](std::uint32_t group) {
    const std::span<const SourceEvidence> e = t.evidence_of(t.groups[group]);
    return std::vector<SourceEvidence>(e.begin(), e.end());
  };
  r.deviations.reserve(t.deviations.size());
  for (const DeviationRow& d : t.deviations) {
    const ReconcileGroup& g = t.groups[d.group];
    Deviation out{t.tenants[g.tenant], t.skus[g.sku], d.kind, d.gap, g.quantities, {}, {}, {}, {}, evidence(d.group)};
    if (d.line != kNoRow) {
      const ContractLine& l = lines[d.line];
      out.contract_id = l.contract_id;
      out.line_id = l.line_id;
      out.monthly_value = Money(d.monthly_value, l.unit_price->currency());
      out.annual_value = Money(d.annual_value, l.unit_price->currency());
    }
    r.deviations.push_back(std::move(out));
  }
  r.proposals.reserve(t.proposals.size());
  for (const ProposalRow& p : t.proposals) {
    const ContractLine& l = lines[p.line];
    Proposal out;
    out.tenant = l.tenant;
    out.contract_id = l.contract_id;
    out.line_id = l.line_id;
    out.sku = l.sku;
    out.action = p.action;
    out.delta_quantity = p.delta_quantity;
    out.quantity_before = l.quantity;
    out.quantity_after = p.quantity_after;
    out.effective_date = p.effective_date;
    out.deferred_until = p.deferred_until;
    out.prorated_to = p.prorated_to;
    out.invoice_date = p.invoice_date;
    out.amount = Money(p.amount, l.unit_price->currency());
    out.rule = std::string(p.rule);
    out.limited_by_commitment = p.limited_by_commitment;
    out.evidence = evidence(p.group);
    r.proposals.push_back(std::move(out));
  }
  for (const HeldRow& h : t.held) {
    const ContractLine& l = lines[h.line];
    r.held.push_back(HeldChange{l.tenant, l.contract_id, l.line_id, l.sku, h.wanted_delta, std::string(h.reason)});
  }
  for (const std::uint32_t i : t.unmapped) {
    r.unmapped.push_back(UnmappedObservation{i, std::string(observations.tenant[i]), std::string(observations.sku[i]),
                                             observations.source[i], observations.quantity[i], observations.as_of[i]});
  }
  return r;
}

}  // namespace v1
}  // namespace mspcore
