// C++ side of the KPI benchmark (issue #6): accumulate + finalize of 10,000,000 generated
// tickets, quarterly per tenant in Europe/Berlin, on 1 thread and on every core, with the time
// of each stage. bench_kpi.py compares the Python call with pandas and DuckDB.
#include <mspcore/kpi/kpi_dictionary.hpp>
#include <mspcore/kpi/ticket_kpi.hpp>
#include <mspcore/sla/sla_engine.hpp>

#include <cmath>
#include <cstdio>
#include <random>
#include <thread>

#include "bench_util.hpp"

using namespace mspcore;

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::stoul(argv[1]) : 10'000'000;
  const int tenants = 5000;
  std::mt19937_64 rng(20240606);
  std::lognormal_distribution<double> weight(0.0, 1.2);
  std::vector<double> weights(tenants);
  for (double& w : weights) w = weight(rng);
  std::discrete_distribution<std::int32_t> tenant(weights.begin(), weights.end());
  std::uniform_int_distribution<std::int64_t> when(unix_seconds(parse_instant("2023-01-01T00:00:00Z")),
                                                   unix_seconds(parse_instant("2025-01-01T00:00:00Z")));
  std::lognormal_distribution<double> took(10.0, 1.5);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<std::int64_t> created(n), response(n), resolved(n);
  std::vector<std::int32_t> group(n);
  std::vector<std::int8_t> reopened(n), csat(n), nps(n), fcr(n);
  for (std::size_t i = 0; i < n; ++i) {
    group[i] = tenant(rng);
    created[i] = when(rng);
    response[i] = u(rng) < 0.95 ? created[i] + static_cast<std::int64_t>(took(rng) / 20) : kNoInstant;
    resolved[i] = u(rng) < 0.9 ? created[i] + static_cast<std::int64_t>(took(rng)) : kNoInstant;
    reopened[i] = u(rng) < 0.05;
    csat[i] = static_cast<std::int8_t>(u(rng) < 0.3 ? (u(rng) < 0.9) : -1);
    nps[i] = static_cast<std::int8_t>(u(rng) < 0.2 ? static_cast<int>(u(rng) * 11) : -1);
    fcr[i] = static_cast<std::int8_t>(u(rng) < 0.4);
  }
  const TicketKpiColumns columns{created, response, resolved, group, reopened, {}, {}, {}, {}, fcr, csat, nps, {}, {}};
  std::vector<std::string> kpis;
  for (const KpiDefinition& k : kpi_dictionary()) {
    if (k.subject == "ticket" && k.requires_.find("policy") == std::string_view::npos &&
        k.requires_.find("endpoints") == std::string_view::npos && k.id != "top_categories") {
      kpis.emplace_back(k.id);
    }
  }
  const PeriodScheme quarters(PeriodKind::Quarter, TimeZone::locate("Europe/Berlin"));
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  std::printf("%zu tickets, %d tenants, quarterly in Europe/Berlin, %zu KPIs\n", n, tenants, kpis.size());
  for (unsigned threads : {1u, cores}) {
    TicketKpiGrid grid;
    const double accumulate = bench::best_seconds(3, [&] { grid = accumulate_ticket_kpis(columns, tenants, quarters, nullptr, threads); });
    std::vector<KpiColumn> out;
    const double finalize = bench::best_seconds(3, [&] { out = finalize_ticket_kpis(grid, quarters, kpis, {}); });
    std::printf("threads %u: accumulate %.3f s, finalize %.3f s, total %.3f s (%.0f ns per ticket); %d cells\n", threads,
                accumulate, finalize, accumulate + finalize, (accumulate + finalize) * 1e9 / n,
                grid.groups * grid.periods);
  }
  std::printf("peak RSS %.0f MiB\n", bench::peak_rss_mib());
}
