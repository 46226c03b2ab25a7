// The C++ core of reconcile() alone: 10,000 tenants x 30 SKUs x 4 sources (1.2 million
// observations), the shape of bench_trueup.py, generated here so no Python is involved.
#include <mspcore/contract/trueup.hpp>

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
  ReconcileResult result;
  const double seconds = bench::best_seconds(3, [&] {
    result = reconcile(lines, observations, parse_instant("2024-06-12T00:00:00Z"));
  });
  std::printf("reconcile (C++ core, %zu lines, %zu observations): %.3f s best of 3; %zu deviations, %zu proposals; "
              "peak RSS %.0f MiB\n",
              lines.size(), observations.size(), seconds, result.deviations.size(), result.proposals.size(),
              bench::peak_rss_mib());
}
