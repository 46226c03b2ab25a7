// CVSS v4.0 scoring: MacroVector lookup and interpolation (FIRST CVSS v4.0 specification,
// section 8; the algorithm of the FIRST/Red Hat reference calculator), computed exactly on
// integers: the interpolation is a rational number with denominator 2520 x n, rounded half
// up once to tenths. The specification tables below are embedded constants; tests compare
// them with the reference JSON files.
#include "security/cvss_detail.hpp"

#include <algorithm>

namespace mspcore {
inline namespace v1 {
namespace detail::cvss {
namespace {

// ---- metrics (FIRST cvss-v4-calculator metrics.js: expectedMetricOrder) ---------------------

enum V4 : std::uint8_t {
  AV, AC, AT, PR, UI, VC, VI, VA, SC, SI, SA,  // base (mandatory)
  E,                                           // threat
  CR, IR, AR,                                  // environmental: security requirements
  MAV, MAC, MAT, MPR, MUI, MVC, MVI, MVA, MSC, MSI, MSA,  // environmental: modified base
  SUP_S, AU, R, V, RE, U,                      // supplemental
};
constexpr std::size_t kModifiedOffset = MAV - AV;  // MAV..MSA mirror AV..SA

constexpr std::array<MetricDef, 32> kV4Metrics{{
    {"AV", {"N", "A", "L", "P"}, 4, true},
    {"AC", {"L", "H"}, 2, true},
    {"AT", {"N", "P"}, 2, true},
    {"PR", {"N", "L", "H"}, 3, true},
    {"UI", {"N", "P", "A"}, 3, true},
    {"VC", {"H", "L", "N"}, 3, true},
    {"VI", {"H", "L", "N"}, 3, true},
    {"VA", {"H", "L", "N"}, 3, true},
    {"SC", {"H", "L", "N"}, 3, true},
    {"SI", {"H", "L", "N"}, 3, true},
    {"SA", {"H", "L", "N"}, 3, true},
    {"E", {"X", "A", "P", "U"}, 4, false},
    {"CR", {"X", "H", "M", "L"}, 4, false},
    {"IR", {"X", "H", "M", "L"}, 4, false},
    {"AR", {"X", "H", "M", "L"}, 4, false},
    {"MAV", {"X", "N", "A", "L", "P"}, 5, false},
    {"MAC", {"X", "L", "H"}, 3, false},
    {"MAT", {"X", "N", "P"}, 3, false},
    {"MPR", {"X", "N", "L", "H"}, 4, false},
    {"MUI", {"X", "N", "P", "A"}, 4, false},
    {"MVC", {"X", "H", "L", "N"}, 4, false},
    {"MVI", {"X", "H", "L", "N"}, 4, false},
    {"MVA", {"X", "H", "L", "N"}, 4, false},
    {"MSC", {"X", "H", "L", "N"}, 4, false},
    {"MSI", {"X", "S", "H", "L", "N"}, 5, false},
    {"MSA", {"X", "S", "H", "L", "N"}, 5, false},
    {"S", {"X", "N", "P"}, 3, false},
    {"AU", {"X", "N", "Y"}, 3, false},
    {"R", {"X", "A", "U", "I"}, 4, false},
    {"V", {"X", "D", "C"}, 3, false},
    {"RE", {"X", "L", "M", "H"}, 4, false},
    {"U", {"X", "Clear", "Green", "Amber", "Red"}, 5, false},
}};
constexpr auto kV4Grammar = make_grammar(kV4Metrics);

// ---- MacroVector scores (FIRST cvss-v4-calculator cvss_lookup.js, BSD-2-Clause) -------------

constexpr std::array<MacroVectorScore, 270> kMacroVectorScores{{
    {"000000", 100}, {"000001", 99}, {"000010", 98}, {"000011", 95}, {"000020", 95}, {"000021", 92},
    {"000100", 100}, {"000101", 96}, {"000110", 93}, {"000111", 87}, {"000120", 91}, {"000121", 81},
    {"000200", 93}, {"000201", 90}, {"000210", 89}, {"000211", 80}, {"000220", 81}, {"000221", 68},
    {"001000", 98}, {"001001", 95}, {"001010", 95}, {"001011", 92}, {"001020", 90}, {"001021", 84},
    {"001100", 93}, {"001101", 92}, {"001110", 89}, {"001111", 81}, {"001120", 81}, {"001121", 65},
    {"001200", 88}, {"001201", 80}, {"001210", 78}, {"001211", 70}, {"001220", 69}, {"001221", 48},
    {"002001", 92}, {"002011", 82}, {"002021", 72}, {"002101", 79}, {"002111", 69}, {"002121", 50},
    {"002201", 69}, {"002211", 55}, {"002221", 27}, {"010000", 99}, {"010001", 97}, {"010010", 95},
    {"010011", 92}, {"010020", 92}, {"010021", 85}, {"010100", 95}, {"010101", 91}, {"010110", 90},
    {"010111", 83}, {"010120", 84}, {"010121", 71}, {"010200", 92}, {"010201", 81}, {"010210", 82},
    {"010211", 71}, {"010220", 72}, {"010221", 53}, {"011000", 95}, {"011001", 93}, {"011010", 92},
    {"011011", 85}, {"011020", 85}, {"011021", 73}, {"011100", 92}, {"011101", 82}, {"011110", 80},
    {"011111", 72}, {"011120", 70}, {"011121", 59}, {"011200", 84}, {"011201", 70}, {"011210", 71},
    {"011211", 52}, {"011220", 50}, {"011221", 30}, {"012001", 86}, {"012011", 75}, {"012021", 52},
    {"012101", 71}, {"012111", 52}, {"012121", 29}, {"012201", 63}, {"012211", 29}, {"012221", 17},
    {"100000", 98}, {"100001", 95}, {"100010", 94}, {"100011", 87}, {"100020", 91}, {"100021", 81},
    {"100100", 94}, {"100101", 89}, {"100110", 86}, {"100111", 74}, {"100120", 77}, {"100121", 64},
    {"100200", 87}, {"100201", 75}, {"100210", 74}, {"100211", 63}, {"100220", 63}, {"100221", 49},
    {"101000", 94}, {"101001", 89}, {"101010", 88}, {"101011", 77}, {"101020", 76}, {"101021", 67},
    {"101100", 86}, {"101101", 76}, {"101110", 74}, {"101111", 58}, {"101120", 59}, {"101121", 50},
    {"101200", 72}, {"101201", 57}, {"101210", 57}, {"101211", 52}, {"101220", 52}, {"101221", 25},
    {"102001", 83}, {"102011", 70}, {"102021", 54}, {"102101", 65}, {"102111", 58}, {"102121", 26},
    {"102201", 53}, {"102211", 21}, {"102221", 13}, {"110000", 95}, {"110001", 90}, {"110010", 88},
    {"110011", 76}, {"110020", 76}, {"110021", 70}, {"110100", 90}, {"110101", 77}, {"110110", 75},
    {"110111", 62}, {"110120", 61}, {"110121", 53}, {"110200", 77}, {"110201", 66}, {"110210", 68},
    {"110211", 59}, {"110220", 52}, {"110221", 30}, {"111000", 89}, {"111001", 78}, {"111010", 76},
    {"111011", 67}, {"111020", 62}, {"111021", 58}, {"111100", 74}, {"111101", 59}, {"111110", 57},
    {"111111", 57}, {"111120", 47}, {"111121", 23}, {"111200", 61}, {"111201", 52}, {"111210", 57},
    {"111211", 29}, {"111220", 24}, {"111221", 16}, {"112001", 71}, {"112011", 59}, {"112021", 30},
    {"112101", 58}, {"112111", 26}, {"112121", 15}, {"112201", 23}, {"112211", 13}, {"112221", 6},
    {"200000", 93}, {"200001", 87}, {"200010", 86}, {"200011", 72}, {"200020", 75}, {"200021", 58},
    {"200100", 86}, {"200101", 74}, {"200110", 74}, {"200111", 61}, {"200120", 56}, {"200121", 34},
    {"200200", 70}, {"200201", 54}, {"200210", 52}, {"200211", 40}, {"200220", 40}, {"200221", 22},
    {"201000", 85}, {"201001", 75}, {"201010", 74}, {"201011", 55}, {"201020", 62}, {"201021", 51},
    {"201100", 72}, {"201101", 57}, {"201110", 55}, {"201111", 41}, {"201120", 46}, {"201121", 19},
    {"201200", 53}, {"201201", 36}, {"201210", 34}, {"201211", 19}, {"201220", 19}, {"201221", 8},
    {"202001", 64}, {"202011", 51}, {"202021", 20}, {"202101", 47}, {"202111", 21}, {"202121", 11},
    {"202201", 24}, {"202211", 9}, {"202221", 4}, {"210000", 88}, {"210001", 75}, {"210010", 73},
    {"210011", 53}, {"210020", 60}, {"210021", 50}, {"210100", 73}, {"210101", 55}, {"210110", 59},
    {"210111", 40}, {"210120", 41}, {"210121", 20}, {"210200", 54}, {"210201", 43}, {"210210", 45},
    {"210211", 22}, {"210220", 20}, {"210221", 11}, {"211000", 75}, {"211001", 55}, {"211010", 58},
    {"211011", 45}, {"211020", 40}, {"211021", 21}, {"211100", 61}, {"211101", 51}, {"211110", 48},
    {"211111", 18}, {"211120", 20}, {"211121", 9}, {"211200", 46}, {"211201", 18}, {"211210", 17},
    {"211211", 7}, {"211220", 8}, {"211221", 2}, {"212001", 53}, {"212011", 24}, {"212021", 14},
    {"212101", 24}, {"212111", 12}, {"212121", 5}, {"212201", 10}, {"212211", 3}, {"212221", 1},
}};

// ---- highest-severity vectors per EQ level (max_composed.js) -------------------------------

struct MaxList {
  std::array<std::string_view, 5> vectors;
  std::size_t count;
};

constexpr std::array<MaxList, 3> kMaxEq1{{
    {{"AV:N/PR:N/UI:N/"}, 1},
    {{"AV:A/PR:N/UI:N/", "AV:N/PR:L/UI:N/", "AV:N/PR:N/UI:P/"}, 3},
    {{"AV:P/PR:N/UI:N/", "AV:A/PR:L/UI:P/"}, 2},
}};
constexpr std::array<MaxList, 2> kMaxEq2{{
    {{"AC:L/AT:N/"}, 1},
    {{"AC:H/AT:N/", "AC:L/AT:P/"}, 2},
}};
// [eq3][eq6]; eq3 = 2 with eq6 = 0 cannot occur.
constexpr std::array<std::array<MaxList, 2>, 3> kMaxEq3Eq6{{
    {{{{"VC:H/VI:H/VA:H/CR:H/IR:H/AR:H/"}, 1},
      {{"VC:H/VI:H/VA:L/CR:M/IR:M/AR:H/", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M/"}, 2}}},
    {{{{"VC:L/VI:H/VA:H/CR:H/IR:H/AR:H/", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H/"}, 2},
      {{"VC:L/VI:H/VA:L/CR:H/IR:M/AR:H/", "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M/", "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M/",
        "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H/", "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M/"},
       5}}},
    {{{{}, 0}, {{"VC:L/VI:L/VA:L/CR:H/IR:H/AR:H/"}, 1}}},
}};
constexpr std::array<MaxList, 3> kMaxEq4{{
    {{"SC:H/SI:S/SA:S/"}, 1},
    {{"SC:H/SI:H/SA:H/"}, 1},
    {{"SC:L/SI:L/SA:L/"}, 1},
}};
constexpr std::array<MaxList, 3> kMaxEq5{{
    {{"E:A/"}, 1},
    {{"E:P/"}, 1},
    {{"E:U/"}, 1},
}};

// ---- max severity depth per EQ level, in 0.1 steps (max_severity.js) ------------------------

constexpr std::array<int, 3> kDepthEq1{1, 4, 5};
constexpr std::array<int, 2> kDepthEq2{1, 2};
constexpr std::array<std::array<int, 2>, 3> kDepthEq3Eq6{{{7, 6}, {8, 8}, {0, 10}}};
constexpr std::array<int, 3> kDepthEq4{6, 5, 4};
constexpr std::array<int, 3> kDepthEq5{1, 1, 1};

// ---- severity levels within a MacroVector, in tenths (cvss_score.js) ------------------------

struct LevelRow {
  std::string_view metric;
  std::string_view values;  // one character per value
  std::array<int, 4> tenths;
};
constexpr std::array<LevelRow, 15> kLevels{{
    {"AV", "NALP", {0, 1, 2, 3}},
    {"PR", "NLH", {0, 1, 2}},
    {"UI", "NPA", {0, 1, 2}},
    {"AC", "LH", {0, 1}},
    {"AT", "NP", {0, 1}},
    {"VC", "HLN", {0, 1, 2}},
    {"VI", "HLN", {0, 1, 2}},
    {"VA", "HLN", {0, 1, 2}},
    {"SC", "HLN", {1, 2, 3}},  // SC has no Safety level: H starts at 0.1
    {"SI", "SHLN", {0, 1, 2, 3}},
    {"SA", "SHLN", {0, 1, 2, 3}},
    {"CR", "HML", {0, 1, 2}},
    {"IR", "HML", {0, 1, 2}},
    {"AR", "HML", {0, 1, 2}},
    {"E", "APU", {0, 1, 2}},
}};

constexpr int level_of(std::string_view metric, std::string_view value) {
  for (const LevelRow& row : kLevels) {
    if (row.metric != metric) continue;
    if (value.size() != 1) return -1;
    const std::size_t at = row.values.find(value[0]);
    return at == std::string_view::npos ? -1 : row.tenths[at];
  }
  return -1;
}

// ---- derived at compile time ------------------------------------------------------------------

// Level of every (metric, value index) of kV4Metrics as the scoring reads it: a modified
// metric's X is -1 (use the base metric), E:X reads as A, CR/IR/AR:X as H.
consteval std::array<std::array<std::int8_t, 5>, 32> make_levels() {
  std::array<std::array<std::int8_t, 5>, 32> out{};
  for (std::size_t m = 0; m < kV4Metrics.size(); ++m) {
    const MetricDef& def = kV4Metrics[m];
    std::string_view quantity = def.name;
    if (m >= MAV && m <= MSA) quantity.remove_prefix(1);
    for (std::size_t v = 0; v < def.count; ++v) {
      std::string_view value = def.values[v];
      if (value == "X" && m == E) value = "A";
      if (value == "X" && (m == CR || m == IR || m == AR)) value = "H";
      out[m][v] = static_cast<std::int8_t>(level_of(quantity, value));
    }
  }
  return out;
}
constexpr auto kLevel = make_levels();

constexpr std::size_t macro_index(int e1, int e2, int e3, int e4, int e5, int e6) {
  return static_cast<std::size_t>(((((e1 * 2 + e2) * 3 + e3) * 3 + e4) * 3 + e5) * 2 + e6);
}

consteval std::array<std::int8_t, 324> make_lookup() {
  std::array<std::int8_t, 324> out{};
  out.fill(-1);
  for (const MacroVectorScore& row : kMacroVectorScores) {
    const auto d = [&](std::size_t i) { return row.macro_vector[i] - '0'; };
    out[macro_index(d(0), d(1), d(2), d(3), d(4), d(5))] = static_cast<std::int8_t>(row.tenths);
  }
  return out;
}
constexpr auto kLookup = make_lookup();

/// Score of a MacroVector in tenths, or -1 if it does not exist (a level past the last).
constexpr int lookup(int e1, int e2, int e3, int e4, int e5, int e6) {
  if (e1 > 2 || e2 > 1 || e3 > 2 || e4 > 2 || e5 > 2 || e6 > 1) return -1;
  return kLookup[macro_index(e1, e2, e3, e4, e5, e6)];
}

/// A max vector as the levels of its K metrics.
template <std::size_t K>
struct MaxLevels {
  std::array<std::array<std::int8_t, K>, 5> levels{};
  std::size_t count = 0;
};

template <std::size_t K>
consteval MaxLevels<K> parse_max(const MaxList& list, const std::array<std::string_view, K>& metrics) {
  MaxLevels<K> out;
  out.count = list.count;
  for (std::size_t i = 0; i < list.count; ++i) {
    const std::string_view v = list.vectors[i];
    for (std::size_t k = 0; k < K; ++k) {
      // "AV:N/PR:N/UI:N/": find "<metric>:" at the start of a field.
      const std::string_view name = metrics[k];
      std::size_t pos = 0;
      while (v.substr(pos, name.size()) != name || v[pos + name.size()] != ':') pos = v.find('/', pos) + 1;
      const std::size_t begin = pos + name.size() + 1;
      out.levels[i][k] = static_cast<std::int8_t>(level_of(metrics[k], v.substr(begin, v.find('/', begin) - begin)));
    }
  }
  return out;
}

constexpr std::array<std::string_view, 3> kEq1Metrics{"AV", "PR", "UI"};
constexpr std::array<std::string_view, 2> kEq2Metrics{"AC", "AT"};
constexpr std::array<std::string_view, 6> kEq3Eq6Metrics{"VC", "VI", "VA", "CR", "IR", "AR"};
constexpr std::array<std::string_view, 3> kEq4Metrics{"SC", "SI", "SA"};

template <std::size_t N, std::size_t K>
consteval std::array<MaxLevels<K>, N> parse_all(const std::array<MaxList, N>& lists, const std::array<std::string_view, K>& metrics) {
  std::array<MaxLevels<K>, N> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = parse_max(lists[i], metrics);
  return out;
}
constexpr auto kMaxLevelsEq1 = parse_all(kMaxEq1, kEq1Metrics);
constexpr auto kMaxLevelsEq2 = parse_all(kMaxEq2, kEq2Metrics);
constexpr std::array<std::array<MaxLevels<6>, 2>, 3> kMaxLevelsEq3Eq6{{
    parse_all(kMaxEq3Eq6[0], kEq3Eq6Metrics),
    parse_all(kMaxEq3Eq6[1], kEq3Eq6Metrics),
    parse_all(kMaxEq3Eq6[2], kEq3Eq6Metrics),
}};
constexpr auto kMaxLevelsEq4 = parse_all(kMaxEq4, kEq4Metrics);

// ---- scoring ------------------------------------------------------------------------------------

/// Index of the first max vector that the levels `cur` do not exceed in severity
/// (every metric's level >= the max vector's), or -1.
template <std::size_t K>
inline int first_dominating(const MaxLevels<K>& maxes, const std::array<std::int8_t, K>& cur) noexcept {
  for (std::size_t i = 0; i < maxes.count; ++i) {
    bool ok = true;
    for (std::size_t k = 0; k < K; ++k) ok &= cur[k] >= maxes.levels[i][k];
    if (ok) return static_cast<int>(i);
  }
  return -1;
}

template <std::size_t K>
inline int distance(const MaxLevels<K>& maxes, int index, const std::array<std::int8_t, K>& cur) noexcept {
  int d = 0;
  for (std::size_t k = 0; k < K; ++k) d += cur[k] - maxes.levels[static_cast<std::size_t>(index)][k];
  return d;
}

constexpr std::int64_t kDenominator = 2520;  // lcm of every max severity depth (1..10)

int score(const ParsedVector& p, bool base_only) noexcept {
  // Effective levels: modified metric if given (not X), else the base metric.
  std::array<std::int8_t, 11> b{};
  for (std::size_t m = AV; m <= SA; ++m) {
    const std::uint8_t mod = base_only ? 0 : p.get(m + kModifiedOffset);
    b[m] = mod != 0 ? kLevel[m + kModifiedOffset][mod] : kLevel[m][p.value[m]];
  }
  const int e = base_only ? 0 : kLevel[E][p.get(E)];
  const int cr = base_only ? 0 : kLevel[CR][p.get(CR)];
  const int ir = base_only ? 0 : kLevel[IR][p.get(IR)];
  const int ar = base_only ? 0 : kLevel[AR][p.get(AR)];
  const int av = b[AV], ac = b[AC], at = b[AT], pr = b[PR], ui = b[UI];
  const int vc = b[VC], vi = b[VI], va = b[VA], sc = b[SC], si = b[SI], sa = b[SA];

  // No impact on the vulnerable or any subsequent system: 0.0.
  if (vc == 2 && vi == 2 && va == 2 && sc == 3 && si == 3 && sa == 3) return 0;

  // Levels: AV N=0 .. P=3; PR, UI N=0; AC L=0; AT N=0; VC/VI/VA H=0; SI/SA S=0, H=1; SC H=1.
  const int eq1 = (av == 0 && pr == 0 && ui == 0) ? 0 : ((av == 0 || pr == 0 || ui == 0) && av != 3) ? 1 : 2;
  const int eq2 = (ac == 0 && at == 0) ? 0 : 1;
  const int eq3 = (vc == 0 && vi == 0) ? 0 : (vc == 0 || vi == 0 || va == 0) ? 1 : 2;
  const int eq4 = (si == 0 || sa == 0) ? 0 : (sc == 1 || si == 1 || sa == 1) ? 1 : 2;
  const int eq5 = e;
  const int eq6 = ((cr == 0 && vc == 0) || (ir == 0 && vi == 0) || (ar == 0 && va == 0)) ? 0 : 1;

  const int value = lookup(eq1, eq2, eq3, eq4, eq5, eq6);

  // Scores of the next lower MacroVector along each EQ (-1: there is none).
  const int lower1 = lookup(eq1 + 1, eq2, eq3, eq4, eq5, eq6);
  const int lower2 = lookup(eq1, eq2 + 1, eq3, eq4, eq5, eq6);
  int lower36 = -1;
  if (eq3 == 0 && eq6 == 0) {
    lower36 = std::max(lookup(eq1, eq2, eq3, eq4, eq5, eq6 + 1), lookup(eq1, eq2, eq3 + 1, eq4, eq5, eq6));
  } else if (eq3 == 1 && eq6 == 0) {
    lower36 = lookup(eq1, eq2, eq3, eq4, eq5, eq6 + 1);
  } else if (eq6 == 1 && eq3 <= 1) {
    lower36 = lookup(eq1, eq2, eq3 + 1, eq4, eq5, eq6);
  } else {
    lower36 = lookup(eq1, eq2, eq3 + 1, eq4, eq5, eq6 + 1);
  }
  const int lower4 = lookup(eq1, eq2, eq3, eq4 + 1, eq5, eq6);
  const int lower5 = lookup(eq1, eq2, eq3, eq4, eq5 + 1, eq6);

  // Severity distance from the first max vector of the MacroVector that is at least as
  // severe in every metric (the reference takes the last candidate if none is).
  const std::array<std::int8_t, 3> c1{b[AV], b[PR], b[UI]};
  const std::array<std::int8_t, 2> c2{b[AC], b[AT]};
  const std::array<std::int8_t, 6> c36{b[VC], b[VI], b[VA], static_cast<std::int8_t>(cr), static_cast<std::int8_t>(ir),
                                       static_cast<std::int8_t>(ar)};
  const std::array<std::int8_t, 3> c4{b[SC], b[SI], b[SA]};
  const auto& m1 = kMaxLevelsEq1[static_cast<std::size_t>(eq1)];
  const auto& m2 = kMaxLevelsEq2[static_cast<std::size_t>(eq2)];
  const auto& m36 = kMaxLevelsEq3Eq6[static_cast<std::size_t>(eq3)][static_cast<std::size_t>(eq6)];
  const auto& m4 = kMaxLevelsEq4[static_cast<std::size_t>(eq4)];
  int i1 = first_dominating(m1, c1), i2 = first_dominating(m2, c2), i36 = first_dominating(m36, c36),
      i4 = first_dominating(m4, c4);
  if (i1 < 0 || i2 < 0 || i36 < 0 || i4 < 0) {
    i1 = static_cast<int>(m1.count) - 1;
    i2 = static_cast<int>(m2.count) - 1;
    i36 = static_cast<int>(m36.count) - 1;
    i4 = static_cast<int>(m4.count) - 1;
  }

  // Mean of the proportional distances of the EQs that have a lower MacroVector, exactly:
  // sum over EQs of available x distance / depth, as a multiple of 1/2520.
  std::int64_t sum = 0;
  int n = 0;
  const auto add = [&](int lower, int dist, int depth) {
    if (lower < 0 || value - lower < 0) return;
    ++n;
    sum += std::int64_t{value - lower} * dist * (kDenominator / depth);
  };
  add(lower1, distance(m1, i1, c1), kDepthEq1[static_cast<std::size_t>(eq1)]);
  add(lower2, distance(m2, i2, c2), kDepthEq2[static_cast<std::size_t>(eq2)]);
  add(lower36, distance(m36, i36, c36), kDepthEq3Eq6[static_cast<std::size_t>(eq3)][static_cast<std::size_t>(eq6)]);
  add(lower4, distance(m4, i4, c4), kDepthEq4[static_cast<std::size_t>(eq4)]);
  add(lower5, 0, kDepthEq5[static_cast<std::size_t>(eq5)]);  // EQ5 has no distance within a level

  if (n == 0) return std::clamp(value, 0, 100);
  // score = value - sum / (2520 n), clamped to [0, 10], rounded half up to tenths.
  const std::int64_t den = kDenominator * n;
  const std::int64_t num = std::clamp<std::int64_t>(value * den - sum, 0, 100 * den);
  return static_cast<int>((2 * num + den) / (2 * den));
}

}  // namespace

std::span<const MetricDef> v4_metric_defs() noexcept { return kV4Metrics; }

bool parse_v4(std::string_view vector, ParsedVector& out, Failure& fail) noexcept {
  out.version = CvssVersion::V4_0;
  return parse_fields(vector, 9, kV4Grammar, out, fail);
}

int score_v4_tenths(const ParsedVector& parsed, bool base_only) noexcept { return score(parsed, base_only); }

void v4_groups(const ParsedVector& parsed, bool& threat, bool& environmental) noexcept {
  threat = parsed.get(E) != 0;
  environmental = false;
  for (std::size_t m = CR; m <= MSA; ++m) environmental |= parsed.get(m) != 0;
}

std::span<const MacroVectorScore> v4_macro_vector_scores() noexcept { return kMacroVectorScores; }

std::span<const std::string_view> v4_max_composed(int eq, int level, int eq6) noexcept {
  const auto span_of = [](const MaxList& list) { return std::span<const std::string_view>(list.vectors.data(), list.count); };
  if (level < 0 || eq6 < 0 || eq6 > 1) return {};
  const auto l = static_cast<std::size_t>(level);
  switch (eq) {
    case 1: return l < kMaxEq1.size() ? span_of(kMaxEq1[l]) : std::span<const std::string_view>{};
    case 2: return l < kMaxEq2.size() ? span_of(kMaxEq2[l]) : std::span<const std::string_view>{};
    case 3: return l < kMaxEq3Eq6.size() ? span_of(kMaxEq3Eq6[l][static_cast<std::size_t>(eq6)]) : std::span<const std::string_view>{};
    case 4: return l < kMaxEq4.size() ? span_of(kMaxEq4[l]) : std::span<const std::string_view>{};
    case 5: return l < kMaxEq5.size() ? span_of(kMaxEq5[l]) : std::span<const std::string_view>{};
    default: return {};
  }
}

int v4_max_severity_depth(int eq, int level, int eq6) noexcept {
  if (level < 0 || eq6 < 0 || eq6 > 1) return 0;
  const auto l = static_cast<std::size_t>(level);
  switch (eq) {
    case 1: return l < kDepthEq1.size() ? kDepthEq1[l] : 0;
    case 2: return l < kDepthEq2.size() ? kDepthEq2[l] : 0;
    case 3: return l < kDepthEq3Eq6.size() ? kDepthEq3Eq6[l][static_cast<std::size_t>(eq6)] : 0;
    case 4: return l < kDepthEq4.size() ? kDepthEq4[l] : 0;
    case 5: return l < kDepthEq5.size() ? kDepthEq5[l] : 0;
    default: return 0;
  }
}

int v4_severity_level(std::string_view metric, std::string_view value) noexcept { return level_of(metric, value); }

}  // namespace detail::cvss
}  // namespace v1
}  // namespace mspcore
