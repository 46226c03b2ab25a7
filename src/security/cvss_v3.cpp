// CVSS v3.0 / v3.1 scoring on integers (FIRST CVSS v3.1 specification, section 7 and
// Appendix A). Every weight is an integer in hundredths; every exact product stays exact in
// int64; only the power terms of the scope-changed impact, (ISC - 0.02)^15 and
// (ISC x 0.9731 - 0.02)^13, are approximated, in 128-bit fixed point with 18 decimals at
// compile time, far below the 0.00001 step that Roundup looks at.
#include "security/cvss_detail.hpp"

#include <algorithm>

namespace mspcore {
inline namespace v1 {
namespace detail::cvss {
namespace {

// ---- metrics --------------------------------------------------------------------------------

enum V3 : std::uint8_t { AV, AC, PR, UI, S, C, I, A, E, RL, RC, CR, IR, AR, MAV, MAC, MPR, MUI, MS, MC, MI, MA };

// Values in the order of the v3.1 specification's Table 15.
constexpr std::array<MetricDef, 22> kV3Metrics{{
    {"AV", {"N", "A", "L", "P"}, 4, true},
    {"AC", {"L", "H"}, 2, true},
    {"PR", {"N", "L", "H"}, 3, true},
    {"UI", {"N", "R"}, 2, true},
    {"S", {"U", "C"}, 2, true},
    {"C", {"H", "L", "N"}, 3, true},
    {"I", {"H", "L", "N"}, 3, true},
    {"A", {"H", "L", "N"}, 3, true},
    {"E", {"X", "U", "P", "F", "H"}, 5, false},
    {"RL", {"X", "O", "T", "W", "U"}, 5, false},
    {"RC", {"X", "U", "R", "C"}, 4, false},
    {"CR", {"X", "L", "M", "H"}, 4, false},
    {"IR", {"X", "L", "M", "H"}, 4, false},
    {"AR", {"X", "L", "M", "H"}, 4, false},
    {"MAV", {"X", "N", "A", "L", "P"}, 5, false},
    {"MAC", {"X", "L", "H"}, 3, false},
    {"MPR", {"X", "N", "L", "H"}, 4, false},
    {"MUI", {"X", "N", "R"}, 3, false},
    {"MS", {"X", "U", "C"}, 3, false},
    {"MC", {"X", "N", "L", "H"}, 4, false},
    {"MI", {"X", "N", "L", "H"}, 4, false},
    {"MA", {"X", "N", "L", "H"}, 4, false},
}};
constexpr auto kV3Grammar = make_grammar(kV3Metrics);

// ---- weights (FIRST CVSS v3.1 specification, section 7.4) ------------------------------------

constexpr V3Weights kWeights{
    {85, 62, 55, 20},      // AV: N A L P
    {77, 44},              // AC: L H
    {85, 62, 27},          // PR, scope unchanged: N L H
    {85, 68, 50},          // PR, scope changed: N L H
    {85, 62},              // UI: N R
    {56, 22, 0},           // C, I, A: H L N
    {100, 91, 94, 97, 100},  // E: X U P F H
    {100, 95, 96, 97, 100},  // RL: X O T W U
    {100, 92, 96, 100},      // RC: X U R C
    {100, 50, 100, 150},     // CR, IR, AR: X L M H
    822, 642, 752, 29, 325, 2, 9731, 108, 915,
};

// ---- impact sub-scores, precomputed --------------------------------------------------------
//
// An impact weight times its requirement takes one of 7 values (in 1e-4):
// class 0 = N (0), 1..3 = H x (H, M, L) = .84 .56 .28, 4..6 = L x (H, M, L) = .33 .22 .11.
// The base impact is the same with requirement M (1.0), so one table serves both.
constexpr std::array<std::int64_t, 7> kProduct4{
    0,
    kWeights.cia[0] * kWeights.req[3], kWeights.cia[0] * kWeights.req[2], kWeights.cia[0] * kWeights.req[1],
    kWeights.cia[1] * kWeights.req[3], kWeights.cia[1] * kWeights.req[2], kWeights.cia[1] * kWeights.req[1]};
static_assert(kProduct4[1] == 8400 && kProduct4[6] == 1100);

constexpr int product_class(int impact /*0 H, 1 L, 2 N*/, int requirement /*0 H, 1 M, 2 L*/) {
  return impact == 2 ? 0 : 1 + impact * 3 + requirement;
}

// Canonical impact (0 H, 1 L, 2 N) of C/I/A value indices (H L N) and of MC/MI/MA (X N L H).
constexpr std::array<std::uint8_t, 3> kBaseImpact{0, 1, 2};
constexpr std::array<std::uint8_t, 4> kModifiedImpact{0xFF /* X: unused */, 2, 1, 0};
// Canonical requirement (0 H, 1 M, 2 L) of CR/IR/AR value indices (X L M H).
constexpr std::array<std::uint8_t, 4> kRequirement{1, 2, 1, 0};

using i128 = __int128;

constexpr i128 div_round(i128 n, i128 d) {  // d > 0; halves away from zero
  return n >= 0 ? (n + d / 2) / d : -((-n + d / 2) / d);
}

// x^n in fixed point with 18 decimals; x in 1e-18, |x| < 1e18.
constexpr i128 fixed_pow(i128 x, int n) {
  constexpr i128 kOne = 1'000'000'000'000'000'000;
  i128 r = x;
  for (int k = 1; k < n; ++k) r = div_round(r * x, kOne);
  return r;
}

enum Formula { kUnchanged, kChanged15, kChanged13, kFormulas };

// Impact sub-score in 1e-15 for ISC/MISS = miss12 * 1e-12 (already capped at 0.915).
constexpr std::int64_t impact15(std::int64_t miss12, Formula f) {
  const V3Weights& w = kWeights;
  if (f == kUnchanged) return w.impact_unchanged_coef_hundredths * miss12 * 10;  // 6.42 x MISS
  // 7.52 x (MISS - 0.029)
  const i128 linear = i128{w.impact_changed_coef_hundredths} *
                      (miss12 - std::int64_t{w.impact_changed_offset_thousandths} * 1'000'000'000) * 10;
  const std::int64_t offset12 = std::int64_t{w.impact_changed_power_offset_hundredths} * 10'000'000'000;  // 0.02
  i128 power = 0;
  if (f == kChanged15) {
    power = fixed_pow(i128{miss12 - offset12} * 1'000'000, 15);  // (MISS - 0.02)^15
  } else {
    // (MISS x 0.9731 - 0.02)^13, the base in 1e-16 before scaling to 1e-18
    power = fixed_pow((i128{miss12} * w.modified_v31_factor_tenthousandths - i128{offset12} * 10'000) * 100, 13);
  }
  return static_cast<std::int64_t>(linear - div_round(w.impact_changed_power_coef_hundredths * power, 100'000));  // - 3.25 x power
}

struct ImpactTable {
  std::array<std::array<std::int64_t, 343>, kFormulas> value{};
};

consteval ImpactTable make_impact_table() {
  ImpactTable t;
  for (int a = 0; a < 7; ++a)
    for (int b = 0; b < 7; ++b)
      for (int c = 0; c < 7; ++c) {
        const std::int64_t rest = (10'000 - kProduct4[static_cast<std::size_t>(a)]) *
                                  (10'000 - kProduct4[static_cast<std::size_t>(b)]) *
                                  (10'000 - kProduct4[static_cast<std::size_t>(c)]);
        std::int64_t miss12 = 1'000'000'000'000 - rest;
        const std::int64_t cap12 = std::int64_t{kWeights.miss_cap_thousandths} * 1'000'000'000;
        if (miss12 > cap12) miss12 = cap12;  // Minimum(..., 0.915)
        for (int f = 0; f < kFormulas; ++f)
          t.value[static_cast<std::size_t>(f)][static_cast<std::size_t>((a * 7 + b) * 7 + c)] =
              impact15(miss12, static_cast<Formula>(f));
      }
  return t;
}
constexpr ImpactTable kImpact = make_impact_table();

// ---- Roundup (v3.1 Appendix A) --------------------------------------------------------------

/// Roundup of value x 10^-p (value >= 0) in tenths, where `per_step` = 10^(p-5): as in
/// Appendix A, round to an integer number of 0.00001 (half up), then take the smallest
/// number of tenths that is not below it (int_input % 10000 == 0 ? int_input / 10000 :
/// floor(int_input / 10000) + 1, which is a ceiling division).
constexpr int roundup(std::int64_t value, std::int64_t per_step) {
  const std::int64_t int_input = (value + per_step / 2) / per_step;
  return static_cast<int>((int_input + 9'999) / 10'000);
}

/// Score (tenths) from impact and exploitability in 1e-15: Roundup(Minimum(sum, 10)) for an
/// unchanged scope, Roundup(Minimum(1.08 x sum, 10)) for a changed one (both in 1e-17).
constexpr int sub_score(std::int64_t impact, std::int64_t exploitability, bool changed) {
  if (impact <= 0) return 0;
  const std::int64_t scaled = (impact + exploitability) * (changed ? kWeights.scope_changed_multiplier_hundredths : 100);
  return roundup(std::min<std::int64_t>(scaled, 1'000'000'000'000'000'000), 1'000'000'000'000);
}

/// 8.22 x AV x AC x PR x UI in 1e-15 (exact), by [scope changed][AV][AC][PR][UI].
consteval std::array<std::int64_t, 96> make_exploitability() {
  std::array<std::int64_t, 96> out{};
  const V3Weights& w = kWeights;
  for (std::size_t s = 0; s < 2; ++s)
    for (std::size_t av = 0; av < 4; ++av)
      for (std::size_t ac = 0; ac < 2; ++ac)
        for (std::size_t pr = 0; pr < 3; ++pr)
          for (std::size_t ui = 0; ui < 2; ++ui)
            out[(((s * 4 + av) * 2 + ac) * 3 + pr) * 2 + ui] =
                std::int64_t{w.exploitability_coef_hundredths} * w.av[av] * w.ac[ac] * (s == 1 ? w.pr_changed[pr] : w.pr_unchanged[pr]) * w.ui[ui] *
                100'000;
  return out;
}
constexpr auto kExploitability = make_exploitability();

constexpr std::int64_t exploitability15(unsigned changed, unsigned av, unsigned ac, unsigned pr, unsigned ui) {
  return kExploitability[(((changed * 4 + av) * 2 + ac) * 3 + pr) * 2 + ui];
}

// Base index of a modified metric whose values are "X" + the base values in the same order.
inline unsigned modified(const ParsedVector& p, V3 m, V3 base) noexcept {
  const unsigned v = p.get(m);
  return v == 0 ? p.value[base] : v - 1;
}

inline int base_score(const ParsedVector& p) noexcept {
  const unsigned changed = p.value[S];  // U 0, C 1
  const std::size_t impact_index = static_cast<std::size_t>(
      (product_class(kBaseImpact[p.value[C]], 1) * 7 + product_class(kBaseImpact[p.value[I]], 1)) * 7 +
      product_class(kBaseImpact[p.value[A]], 1));
  const std::int64_t impact = kImpact.value[changed != 0 ? kChanged15 : kUnchanged][impact_index];
  return sub_score(impact, exploitability15(changed, p.value[AV], p.value[AC], p.value[PR], p.value[UI]), changed != 0);
}

/// E x RL x RC in 1e-6 (exact).
inline std::int64_t temporal_factor(const ParsedVector& p) noexcept {
  const V3Weights& w = kWeights;
  return std::int64_t{w.e[p.get(E)]} * w.rl[p.get(RL)] * w.rc[p.get(RC)];
}

/// Roundup(score x E x RL x RC): the product is exact in 1e-7.
inline int temporal_score(int score, std::int64_t factor) noexcept { return roundup(score * factor, 100); }

inline int environmental_score(const ParsedVector& p, std::int64_t factor) noexcept {
  const unsigned mchanged = modified(p, MS, S);
  const auto impact_class = [&](V3 mod, V3 base_metric, V3 req) {
    const unsigned mv = p.get(mod);
    const int impact_level = mv == 0 ? kBaseImpact[p.value[base_metric]] : kModifiedImpact[mv];
    return product_class(impact_level, kRequirement[p.get(req)]);
  };
  const auto miss_index =
      static_cast<std::size_t>((impact_class(MC, C, CR) * 7 + impact_class(MI, I, IR)) * 7 + impact_class(MA, A, AR));
  const Formula formula = mchanged == 0 ? kUnchanged : p.version == CvssVersion::V3_1 ? kChanged13 : kChanged15;
  const std::int64_t mimpact = kImpact.value[formula][miss_index];
  const int modified_score = sub_score(
      mimpact, exploitability15(mchanged, modified(p, MAV, AV), modified(p, MAC, AC), modified(p, MPR, PR), modified(p, MUI, UI)),
      mchanged != 0);
  return temporal_score(modified_score, factor);
}

// Some metric in [first, last] has a value other than X (index 0). No early exit: no branch.
inline bool defines(const ParsedVector& p, int first, int last) noexcept {
  unsigned any = 0;
  for (int m = first; m <= last; ++m) any |= p.get(static_cast<std::size_t>(m));
  return any != 0;
}

}  // namespace

const V3Weights& v3_weights() noexcept { return kWeights; }

std::span<const MetricDef> v3_metric_defs() noexcept { return kV3Metrics; }

bool parse_v3(std::string_view vector, ParsedVector& out, Failure& fail) noexcept {
  out.version = vector[7] == '0' ? CvssVersion::V3_0 : CvssVersion::V3_1;
  return parse_fields(vector, 9, kV3Grammar, out, fail);
}

void score_v3(const ParsedVector& parsed, CvssScores& out) noexcept {
  const std::int64_t factor = temporal_factor(parsed);
  out.version = parsed.version;
  out.base_tenths = base_score(parsed);
  out.temporal_tenths = temporal_score(out.base_tenths, factor);
  out.environmental_tenths = environmental_score(parsed, factor);
  out.has_threat = defines(parsed, E, RC);
  out.has_environmental = defines(parsed, CR, MA);
  out.score_tenths = out.has_environmental ? *out.environmental_tenths
                     : out.has_threat      ? *out.temporal_tenths
                                           : out.base_tenths;
}

int score_v3_tenths(const ParsedVector& parsed) noexcept {
  if (defines(parsed, CR, MA)) return environmental_score(parsed, temporal_factor(parsed));
  const int base = base_score(parsed);
  return defines(parsed, E, RC) ? temporal_score(base, temporal_factor(parsed)) : base;
}

}  // namespace detail::cvss
}  // namespace v1
}  // namespace mspcore
