// C++ side of bench/bench_money.py: sums and divisions on the amounts the script generated.
// Usage: bench_money <cents.int64> <divisions>   -> one JSON line with times and results.
#include "bench_util.hpp"

#include <mspcore/money/money.hpp>

#include <cstdio>
#include <cstdlib>

using namespace mspcore;

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s <cents.int64> <divisions>\n", argv[0]);
    return 2;
  }
  const std::vector<std::int64_t> cents = bench::read_raw<std::int64_t>(argv[1]);
  const std::size_t n_div = std::min<std::size_t>(std::strtoull(argv[2], nullptr, 10), cents.size());
  const Currency eur = Currency::from_code("EUR");

  std::vector<Money> values;
  values.reserve(cents.size());
  for (std::int64_t c : cents) values.push_back(Money::from_minor_units(c, eur));

  Money total = Money::zero(eur);
  const double t_objects = bench::best_seconds(3, [&] { total = sum(values, eur); });
  Money column_total = Money::zero(eur);
  const double t_column = bench::best_seconds(5, [&] { column_total = sum_minor_units(cents, eur); });

  // Divisor of row i is 1 + i % 97, the same in the Python script.
  Money checksum = Money::zero(eur);
  const double t_div = bench::best_seconds(3, [&] {
    Money acc = Money::zero(eur);
    for (std::size_t i = 0; i < n_div; ++i) {
      acc += divide(values[i], Decimal(static_cast<std::int64_t>(1 + i % 97)), RoundingMode::HalfEven);
    }
    checksum = acc;
  });

  std::printf("{\"n\": %zu, \"sum_objects_s\": %.6f, \"sum_column_s\": %.6f, \"total\": \"%s\", "
              "\"column_total\": \"%s\", \"divisions\": %zu, \"divide_s\": %.6f, \"divide_checksum\": \"%s\", "
              "\"peak_rss_mib\": %.1f}\n",
              cents.size(), t_objects, t_column, total.amount().to_string().c_str(),
              column_total.amount().to_string().c_str(), n_div, t_div, checksum.amount().to_string().c_str(),
              bench::peak_rss_mib());
  return total == column_total ? 0 : 1;
}
