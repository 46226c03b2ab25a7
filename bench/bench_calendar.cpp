// business_seconds_between on 1,000,000 random pairs over 3 years, Berlin office hours with a
// lunch break and North Rhine-Westphalia holidays, one core. Prints pairs per second.
// Usage: bench_calendar [pairs]
#include "bench_util.hpp"

#include <mspcore/calendar/business_calendar.hpp>

#include <cstdio>
#include <cstdlib>
#include <random>

using namespace mspcore;

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
  const auto cal = BusinessCalendar::from_json(R"({"tz": "Europe/Berlin", "holiday_rules": ["DE-NW"], "week": {
      "mon": [["08:00", "12:00"], ["13:00", "17:00"]], "tue": [["08:00", "12:00"], ["13:00", "17:00"]],
      "wed": [["08:00", "12:00"], ["13:00", "17:00"]], "thu": [["08:00", "12:00"], ["13:00", "17:00"]],
      "fri": [["08:00", "12:00"], ["13:00", "17:00"]]}})");
  const std::int64_t lo = parse_instant("2023-01-01T00:00:00Z").time_since_epoch().count();
  const std::int64_t hi = parse_instant("2026-01-01T00:00:00Z").time_since_epoch().count();
  std::mt19937_64 rng(42);
  std::uniform_int_distribution<std::int64_t> pick(lo, hi - 1);
  std::vector<std::int64_t> a(n), b(n), out(n);
  std::vector<std::int32_t> status(n);
  for (std::size_t i = 0; i < n; ++i) {
    a[i] = pick(rng);
    b[i] = pick(rng);
    if (b[i] < a[i]) std::swap(a[i], b[i]);
  }
  cal->business_seconds_between_many(a, b, out, status);  // compiles the three years once
  const double t = bench::best_seconds(5, [&] { cal->business_seconds_between_many(a, b, out, status); });
  long long checksum = 0;
  for (std::int64_t v : out) checksum += v;
  std::printf("{\"pairs\": %zu, \"seconds\": %.6f, \"pairs_per_second\": %.0f, \"checksum\": %lld, "
              "\"compiled_bytes_per_year\": %zu}\n",
              n, t, static_cast<double>(n) / t, checksum, cal->compiled_bytes() / 3);
  return 0;
}
