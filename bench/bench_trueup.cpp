// The C++ core of reconcile() alone, over observation columns (reconcile_tables) and over
// records in and out (reconcile): 10,000 tenants x 30 SKUs x 4 sources (1.2 million
// observations), the shape of bench_trueup.py, generated here so no Python is involved.
#include <mspcore/contract/trueup_columns.hpp>

#include "bench_util.hpp"

#include <cstdio>
#include <random>
#include <string>
#include <vector>

using namespace mspcore;

int main() {
  constexpr int kTenants = 10000;
  constexpr int kSkus = 30;
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int> quantity(5, 50);
  std::uniform_int_distribution<int> noise(-2, 2);
  const ObservationSource sources[] = {ObservationSource::Vendor, ObservationSource::License, ObservationSource::Rmm,
                                       ObservationSource::Billing};
  std::vector<ContractLine> lines;
  std::vector<Observation> observations;
  lines.reserve(kTenants * kSkus);
  observations.reserve(kTenants * kSkus * 4);
  const Instant seen = parse_instant("2024-06-01T00:00:00Z");
  for (int t = 0; t < kTenants; ++t) {
    for (int s = 0; s < kSkus; ++s) {
      ContractLine l;
      l.tenant = "T" + std::to_string(t);
      l.contract_id = "C-" + std::to_string(t);
      l.line_id = "L-" + std::to_string(s);
      l.sku = "SKU-" + std::to_string(s);
      l.quantity = quantity(rng);
      l.unit_price = Money::parse("12.50", "EUR");
      l.term_start = parse_date("2024-01-01");
      if (s % 3 == 0) {
        l.term_kind = TermKind::NceAnnual;
        l.term_end = parse_date("2025-01-01");
      }
      for (ObservationSource source : sources) {
        observations.push_back(Observation{l.tenant, l.sku, source, l.quantity + noise(rng), seen, std::nullopt});
      }
      lines.push_back(std::move(l));
    }
  }
  const Instant as_of = parse_instant("2024-06-12T00:00:00Z");
  ObservationColumns columns;
  columns.reserve(observations.size());
  for (const Observation& o : observations) columns.push_back(Observation(o));
  ReconcileTables tables;
  const double bulk = bench::best_seconds(3, [&] { tables = reconcile_tables(lines, columns, as_of); });
  std::printf("reconcile_tables (C++ core, %zu lines, %zu observation columns): %.3f s best of 3; %zu deviations, "
              "%zu proposals\n",
              lines.size(), observations.size(), bulk, tables.deviations.size(), tables.proposals.size());
  ReconcileResult result;
  const double records = bench::best_seconds(3, [&] { result = reconcile(lines, observations, as_of); });
  std::printf("reconcile (records in and out): %.3f s best of 3; peak RSS %.0f MiB\n", records, bench::peak_rss_mib());
}
