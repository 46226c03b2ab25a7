// CVSS scoring speed, C++ only: 1,000,000 v3.1 and 1,000,000 v4.0 vectors generated
// deterministically from random metric values (splitmix64, seed 42), scored with the columnar
// kernel cvss_score_many() and with cvss_score() per vector. Prints vectors per second.
// Compare with Python and the PyPI `cvss` package: bench/bench_cvss.py.
#include "bench_util.hpp"

#include <mspcore/security/cvss.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct Rng {  // splitmix64: the same sequence on every platform
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
};

struct Metric {
  const char* name;
  std::vector<const char*> values;
  bool mandatory;
};

const std::vector<Metric> kV31{
    {"AV", {"N", "A", "L", "P"}, true},       {"AC", {"L", "H"}, true},           {"PR", {"N", "L", "H"}, true},
    {"UI", {"N", "R"}, true},                 {"S", {"U", "C"}, true},            {"C", {"H", "L", "N"}, true},
    {"I", {"H", "L", "N"}, true},             {"A", {"H", "L", "N"}, true},       {"E", {"X", "U", "P", "F", "H"}, false},
    {"RL", {"X", "O", "T", "W", "U"}, false}, {"RC", {"X", "U", "R", "C"}, false}, {"CR", {"X", "L", "M", "H"}, false},
    {"IR", {"X", "L", "M", "H"}, false},      {"AR", {"X", "L", "M", "H"}, false}, {"MAV", {"X", "N", "A", "L", "P"}, false},
    {"MAC", {"X", "L", "H"}, false},          {"MPR", {"X", "N", "L", "H"}, false}, {"MUI", {"X", "N", "R"}, false},
    {"MS", {"X", "U", "C"}, false},           {"MC", {"X", "N", "L", "H"}, false}, {"MI", {"X", "N", "L", "H"}, false},
    {"MA", {"X", "N", "L", "H"}, false},
};

const std::vector<Metric> kV40{
    {"AV", {"N", "A", "L", "P"}, true},      {"AC", {"L", "H"}, true},
    {"AT", {"N", "P"}, true},                {"PR", {"N", "L", "H"}, true},
    {"UI", {"N", "P", "A"}, true},           {"VC", {"H", "L", "N"}, true},
    {"VI", {"H", "L", "N"}, true},           {"VA", {"H", "L", "N"}, true},
    {"SC", {"H", "L", "N"}, true},           {"SI", {"H", "L", "N"}, true},
    {"SA", {"H", "L", "N"}, true},           {"E", {"X", "A", "P", "U"}, false},
    {"CR", {"X", "H", "M", "L"}, false},     {"IR", {"X", "H", "M", "L"}, false},
    {"AR", {"X", "H", "M", "L"}, false},     {"MAV", {"X", "N", "A", "L", "P"}, false},
    {"MAC", {"X", "L", "H"}, false},         {"MAT", {"X", "N", "P"}, false},
    {"MPR", {"X", "N", "L", "H"}, false},    {"MUI", {"X", "N", "P", "A"}, false},
    {"MVC", {"X", "H", "L", "N"}, false},    {"MVI", {"X", "H", "L", "N"}, false},
    {"MVA", {"X", "H", "L", "N"}, false},    {"MSC", {"X", "H", "L", "N"}, false},
    {"MSI", {"X", "S", "H", "L", "N"}, false}, {"MSA", {"X", "S", "H", "L", "N"}, false},
    {"S", {"X", "N", "P"}, false},           {"AU", {"X", "N", "Y"}, false},
    {"R", {"X", "A", "U", "I"}, false},      {"V", {"X", "D", "C"}, false},
    {"RE", {"X", "L", "M", "H"}, false},     {"U", {"X", "Clear", "Green", "Amber", "Red"}, false},
};

// Mandatory metrics always; each optional metric with probability 1/2.
std::vector<std::string> generate(const char* prefix, const std::vector<Metric>& metrics, std::size_t n, Rng& rng) {
  std::vector<std::string> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::string v = prefix;
    for (const Metric& m : metrics) {
      if (!m.mandatory && rng.below(2) == 0) continue;
      v += '/';
      v += m.name;
      v += ':';
      v += m.values[rng.below(m.values.size())];
    }
    out.push_back(std::move(v));
  }
  return out;
}

void run_version(const char* label, const std::vector<std::string>& vectors) {
  const std::vector<std::string_view> views(vectors.begin(), vectors.end());
  std::vector<std::int32_t> scores(views.size()), status(views.size());
  const double batch = bench::best_seconds(3, [&] { mspcore::cvss_score_many(views, scores, status); });
  long long checksum = 0;
  for (std::size_t i = 0; i < views.size(); ++i) {
    if (status[i] != 0) {
      std::fprintf(stderr, "row %zu failed: %s\n", i, vectors[i].c_str());
      std::exit(1);
    }
    checksum += scores[i];
  }
  long long single_sum = 0;
  const double single = bench::best_seconds(3, [&] {
    single_sum = 0;
    for (std::string_view v : views) single_sum += mspcore::cvss_score(v).score_tenths;
  });
  if (single_sum != checksum) {
    std::fprintf(stderr, "cvss_score and cvss_score_many disagree\n");
    std::exit(1);
  }
  const double n = static_cast<double>(views.size());
  std::printf("%-5s %9zu vectors  cvss_score_many %7.3f s = %6.2f M vectors/s (%5.0f ns/vector)\n", label, views.size(),
              batch, n / batch / 1e6, batch / n * 1e9);
  std::printf("%-5s %9s          cvss_score      %7.3f s = %6.2f M vectors/s (%5.0f ns/vector)  mean score %.3f\n", "",
              "", single, n / single / 1e6, single / n * 1e9, static_cast<double>(checksum) / n / 10.0);
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? static_cast<std::size_t>(std::strtoull(argv[1], nullptr, 10)) : 1'000'000;
  Rng rng{42};
  const auto v31 = generate("CVSS:3.1", kV31, n, rng);
  const auto v40 = generate("CVSS:4.0", kV40, n, rng);
  std::printf("CVSS scoring, C++ (best of 3 runs; example: %s)\n", v40.front().c_str());
  run_version("v3.1", v31);
  run_version("v4.0", v40);
  return 0;
}
