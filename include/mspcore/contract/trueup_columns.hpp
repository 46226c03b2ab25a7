/// @file trueup_columns.hpp
/// @brief True-up in bulk: observations as columns in, compact result tables out.
///
/// The records of trueup.hpp carry their own strings and evidence; at hundreds of thousands
/// of records that is most of the time and memory of a reconciliation. Here text is stored
/// once per distinct value and rows refer to it by code, results refer to the lines given
/// by index and share one evidence list per tenant and SKU. reconcile() of trueup.hpp is
/// this one plus to_records(); both give the same answer.
#pragma once

#include <mspcore/contract/trueup.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// Text as a code per row into its distinct values, in order of first appearance.
class TextColumn {
 public:
  /// Appends a row; returns its code.
  std::uint32_t push_back(std::string_view value);
  std::size_t size() const noexcept { return codes_.size(); }
  std::string_view operator[](std::size_t row) const { return values_[codes_[row]]; }
  const std::vector<std::string>& values() const noexcept { return values_; }
  const std::vector<std::uint32_t>& codes() const noexcept { return codes_; }
  void reserve(std::size_t rows) { codes_.reserve(rows); }

 private:
  std::vector<std::string> values_;
  std::vector<std::uint32_t> codes_;
  std::unordered_map<std::string, std::uint32_t> index_;
};

/// Observations as columns (the fields of Observation). Rows with unit detail are few; they
/// are kept apart, in row order.
struct ObservationColumns {
  TextColumn tenant;
  TextColumn sku;
  std::vector<ObservationSource> source;
  std::vector<std::int64_t> quantity;
  std::vector<Instant> as_of;
  std::vector<std::pair<std::size_t, std::vector<BillableUnit>>> units;  ///< (row, units), rows ascending

  std::size_t size() const noexcept { return quantity.size(); }
  void reserve(std::size_t rows);
  /// Appends an observation (its units are moved).
  void push_back(Observation&& o);
  /// Row i as a record.
  Observation row(std::size_t i) const;
};

/// An index that refers to nothing (a deviation without a contract line).
inline constexpr std::uint32_t kNoRow = UINT32_MAX;

/// The tenants and SKUs results refer to, with what the sources said of each.
struct ReconcileGroup {
  std::uint32_t tenant = 0;  ///< code into ReconcileTables::tenants
  std::uint32_t sku = 0;     ///< code into ReconcileTables::skus
  QuantitySnapshot quantities;
  std::uint32_t evidence_begin = 0;  ///< its evidence: ReconcileTables::evidence[begin, end)
  std::uint32_t evidence_end = 0;
};

/// Deviation of trueup.hpp by reference: its tenant, SKU, quantities and evidence are its
/// group's, its contract and line ids those of `line`.
struct DeviationRow {
  std::uint32_t group = 0;
  std::uint32_t line = kNoRow;  ///< index into the lines given; kNoRow: no line prices the gap
  DeviationKind kind = DeviationKind::RevenueLeakage;
  std::int64_t gap = 0;
  Decimal monthly_value;  ///< in the line's currency; meaningful only with a line
  Decimal annual_value;
};

/// Proposal of trueup.hpp by reference (quantity_before is the line's quantity).
struct ProposalRow {
  std::uint32_t group = 0;
  std::uint32_t line = 0;
  ProposalAction action = ProposalAction::TrueUp;
  bool limited_by_commitment = false;
  std::int64_t delta_quantity = 0;
  std::int64_t quantity_after = 0;
  std::chrono::sys_days effective_date{};
  std::optional<std::chrono::sys_days> deferred_until;
  std::chrono::sys_days prorated_to{};
  std::chrono::sys_days invoice_date{};
  Decimal amount;        ///< in the line's currency, signed
  std::string_view rule;  ///< a static name, e.g. "true_down.nce_deferred_to_renewal"
};

/// HeldChange of trueup.hpp by reference.
struct HeldRow {
  std::uint32_t group = 0;
  std::uint32_t line = 0;
  std::int64_t wanted_delta = 0;
  std::string_view reason;  ///< a static name: "commitment_minimum" or "true_down_never"
};

/// A reconciliation's result as compact tables, sorted as ReconcileResult is. Rows refer to
/// the lines and observations given, which must outlive the tables' use.
struct ReconcileTables {
  Instant as_of{};
  std::vector<std::string> tenants;  ///< sorted; ReconcileGroup::tenant indexes it
  std::vector<std::string> skus;     ///< sorted
  std::vector<ReconcileGroup> groups;
  std::vector<SourceEvidence> evidence;
  std::vector<DeviationRow> deviations;
  std::vector<ProposalRow> proposals;
  std::vector<HeldRow> held;
  std::vector<std::uint32_t> unmapped;  ///< rows of the observations whose SKU nothing maps

  std::span<const SourceEvidence> evidence_of(const ReconcileGroup& g) const {
    return std::span<const SourceEvidence>(evidence).subspan(g.evidence_begin, g.evidence_end - g.evidence_begin);
  }
};

/// reconcile() of trueup.hpp over observation columns, with the same rules and errors.
ReconcileTables reconcile_tables(std::span<const ContractLine> lines, const ObservationColumns& observations,
                                 Instant as_of, const SkuMap& sku_map = {}, const TrueUpRules& rules = {});

/// The tables as records (what reconcile() returns).
ReconcileResult to_records(const ReconcileTables& tables, std::span<const ContractLine> lines,
                           const ObservationColumns& observations);

/// fingerprint_inputs() of trueup.hpp over observation columns: the same fingerprints.
InputFingerprints fingerprint_inputs(std::span<const ContractLine> lines, const ObservationColumns& observations,
                                     const SkuMap& sku_map, const TrueUpRules& rules);

}  // namespace v1
}  // namespace mspcore
