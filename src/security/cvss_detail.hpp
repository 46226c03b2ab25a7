// Private to the CVSS implementation (and its tests): the metric tables, the hand-written
// allocation-free parser shared by v3.x and v4.0, and the embedded specification tables.
#pragma once

#include <mspcore/security/cvss.hpp>

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>

namespace mspcore {
inline namespace v1 {
namespace detail::cvss {

// ---- metric definitions ------------------------------------------------------------------

/// One metric of a vector string: its abbreviation and allowed values in specification order.
/// For every non-mandatory metric, value 0 is "X" (Not Defined).
struct MetricDef {
  std::string_view name;
  std::array<std::string_view, 5> values;
  std::uint8_t count;
  bool mandatory;
};

inline constexpr std::size_t kMaxMetrics = 32;

/// The metrics of a vector as value indices into MetricDef::values. A metric the vector
/// leaves out reads as 0, which is "X" for every metric that may be left out.
struct ParsedVector {
  CvssVersion version = CvssVersion::V3_1;
  std::array<std::uint8_t, kMaxMetrics> value{};
  /// Value index of metric `i`.
  std::uint8_t get(std::size_t i) const noexcept { return value[i]; }
};

/// What is wrong with a vector; enough to write the message later without having
/// allocated anything on the way.
enum class Problem : std::uint8_t {
  None,
  Empty,
  Prefix,
  TrailingSlash,
  EmptyField,
  NotMetricValue,
  UnknownMetric,
  DuplicateMetric,
  BadValue,
  MissingMandatory,
};

struct Failure {
  Problem problem = Problem::None;
  std::size_t begin = 0;      ///< offset of the offending field (or value) in the vector
  std::size_t size = 0;       ///< its length
  std::int8_t metric = -1;    ///< metric index for DuplicateMetric / BadValue
  std::uint64_t missing = 0;  ///< bit i set: mandatory metric i is missing
};

/// A metric name of 1 to 3 characters packed with its length (0 if empty or longer).
constexpr std::uint32_t pack_name(std::string_view s) noexcept {
  if (s.empty() || s.size() > 3) return 0;
  std::uint32_t key = static_cast<std::uint32_t>(s.size()) << 24;
  for (std::size_t i = 0; i < s.size(); ++i) key |= static_cast<std::uint32_t>(static_cast<unsigned char>(s[i])) << (8 * i);
  return key;
}

/// A collision-free multiplicative hash from packed metric names to metric indices,
/// found at compile time: one multiply, one shift, one compare per lookup.
struct MetricIndex {
  static constexpr int kBits = 7;
  std::array<std::uint32_t, 1u << kBits> keys{};
  std::array<std::int8_t, 1u << kBits> index{};
  std::uint32_t multiplier = 0;

  constexpr unsigned slot(std::uint32_t key) const noexcept { return (key * multiplier) >> (32 - kBits); }
  constexpr int find(std::uint32_t key) const noexcept {
    const unsigned s = slot(key);
    return key != 0 && keys[s] == key ? index[s] : -1;
  }
};

template <std::size_t N>
consteval MetricIndex make_metric_index(const std::array<MetricDef, N>& defs) {
  MetricIndex out;
  for (std::uint32_t m = 0x9E3779B1u;; m += 2) {
    out = MetricIndex{};
    out.multiplier = m;
    bool ok = true;
    for (std::size_t i = 0; i < N && ok; ++i) {
      const std::uint32_t key = pack_name(defs[i].name);
      const unsigned s = out.slot(key);
      if (out.keys[s] != 0) ok = false;
      out.keys[s] = key;
      out.index[s] = static_cast<std::int8_t>(i);
    }
    if (ok) return out;
  }
}

/// A value of up to 7 characters packed with its length; longer values all pack to ~0 - 1,
/// which no metric value has (and never ~0, the marker of an unused slot).
constexpr std::uint64_t pack_value(std::string_view s) noexcept {
  if (s.size() > 7) return ~std::uint64_t{0} - 1;
  std::uint64_t key = static_cast<std::uint64_t>(s.size()) << 56;
  for (std::size_t i = 0; i < s.size(); ++i) key |= static_cast<std::uint64_t>(static_cast<unsigned char>(s[i])) << (8 * i);
  return key;
}

/// A whole field "NAME:VALUE" (at most 7 characters) packed with its length.
constexpr std::uint64_t pack_field(std::string_view name, std::string_view value) noexcept {
  const std::size_t len = name.size() + 1 + value.size();
  std::uint64_t key = static_cast<std::uint64_t>(len) << 56;
  std::size_t at = 0;
  const auto put = [&](char c) { key |= static_cast<std::uint64_t>(static_cast<unsigned char>(c)) << (8 * at++); };
  for (char c : name) put(c);
  put(':');
  for (char c : value) put(c);
  return key;
}

/// A collision-free multiplicative hash of every valid field ("AV:N", "U:Amber") to its
/// metric and value index, found at compile time: valid fields cost one multiply and one
/// compare. Anything else misses and is diagnosed field by field.
struct FieldIndex {
  static constexpr int kBits = 10;
  std::array<std::uint64_t, 1u << kBits> keys{};
  std::array<std::uint8_t, 1u << kBits> metric{};
  std::array<std::uint8_t, 1u << kBits> value{};
  std::uint64_t multiplier = 0;

  constexpr unsigned slot(std::uint64_t key) const noexcept { return static_cast<unsigned>((key * multiplier) >> (64 - kBits)); }
};

template <std::size_t N>
consteval FieldIndex make_field_index(const std::array<MetricDef, N>& defs) {
  FieldIndex out;
  std::array<std::uint32_t, 1u << FieldIndex::kBits> stamp{};  // try number that used a slot
  std::uint32_t attempt = 0;
  for (std::uint64_t m = 0x9E3779B97F4A7C15ull;; m += 2) {
    ++attempt;
    out.multiplier = m;
    bool ok = true;
    for (std::size_t i = 0; i < N && ok; ++i) {
      for (std::size_t v = 0; v < defs[i].count && ok; ++v) {
        if (defs[i].name.size() + 1 + defs[i].values[v].size() > 7) throw "a valid field must fit one word";
        const unsigned s = out.slot(pack_field(defs[i].name, defs[i].values[v]));
        ok = stamp[s] != attempt;
        stamp[s] = attempt;
      }
    }
    if (!ok) continue;
    for (std::size_t i = 0; i < N; ++i) {
      for (std::size_t v = 0; v < defs[i].count; ++v) {
        const std::uint64_t key = pack_field(defs[i].name, defs[i].values[v]);
        const unsigned s = out.slot(key);
        out.keys[s] = key;
        out.metric[s] = static_cast<std::uint8_t>(i);
        out.value[s] = static_cast<std::uint8_t>(v);
      }
    }
    return out;
  }
}

/// Everything the parser needs about the metrics of one version, built at compile time.
template <std::size_t N>
struct Grammar {
  std::array<MetricDef, N> defs{};
  MetricIndex index{};
  FieldIndex fields{};
  std::array<std::array<std::uint64_t, 5>, N> value_keys{};  ///< pack_value() of each value; ~0 if unused
  std::uint64_t mandatory = 0;                               ///< bit i: metric i is mandatory
};

template <std::size_t N>
consteval Grammar<N> make_grammar(const std::array<MetricDef, N>& defs) {
  static_assert(N <= kMaxMetrics);
  Grammar<N> g;
  g.defs = defs;
  g.index = make_metric_index(defs);
  g.fields = make_field_index(defs);
  for (std::size_t i = 0; i < N; ++i) {
    for (std::size_t v = 0; v < 5; ++v) g.value_keys[i][v] = v < defs[i].count ? pack_value(defs[i].values[v]) : ~std::uint64_t{0};
    if (defs[i].mandatory) g.mandatory |= std::uint64_t{1} << i;
  }
  return g;
}

/// One field "NAME:VALUE" located and packed.
struct FieldScan {
  std::size_t colon;     ///< offset of the ':' (== end if there is none)
  std::size_t end;       ///< offset of the '/' after the field, or the vector's size
  std::uint32_t name;    ///< pack_name() of the name, 0 if it has no 1..3 characters
  std::uint64_t value;   ///< pack_value() of the value
  bool extra_colon;      ///< a second ':' in the field
};

/// The field at `pos`, character by character (only for fields the hash did not know).
inline FieldScan scan_field(const char* data, std::size_t size, std::size_t pos) noexcept {
  FieldScan f{pos, pos, 0, 0, false};
  std::size_t i = pos;
  while (i < size && data[i] != ':' && data[i] != '/') ++i;
  f.colon = i;
  if (i < size && data[i] == ':') {
    for (++i; i < size && data[i] != '/'; ++i) f.extra_colon |= data[i] == ':';
  }
  f.end = i;
  f.name = pack_name(std::string_view(data + pos, f.colon - pos));
  if (f.colon < f.end) f.value = pack_value(std::string_view(data + f.colon + 1, f.end - f.colon - 1));
  return f;
}

constexpr std::uint64_t kOnes = 0x0101010101010101ull;

/// High bit set in exactly the bytes of `word` that equal `c`.
constexpr std::uint64_t bytes_equal(std::uint64_t word, char c) noexcept {
  constexpr std::uint64_t kLows = 0x7F7F7F7F7F7F7F7Full;
  const std::uint64_t x = word ^ (kOnes * static_cast<unsigned char>(c));
  return ~(((x & kLows) + kLows) | x | kLows);
}

/// Eight bytes as a little-endian word.
inline std::uint64_t load_word(const char* p) noexcept {
  std::uint64_t w = 0;
  std::memcpy(&w, p, 8);
  if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);
  return w;
}

/// The (up to) eight characters at `at` as a little-endian word, bytes past the end read as 0.
/// Needs size >= 8 (the caller has checked a 9-character prefix): near the end it loads the
/// last eight bytes and shifts, without a branch.
inline std::uint64_t load8(const char* data, std::size_t size, std::size_t at) noexcept {
  const std::size_t avail = size - at;
  const bool full = avail >= 8;
  const std::uint64_t w = load_word(full ? data + at : data + size - 8);
  return full ? w : w >> (8 * (8 - avail));
}

/// Bit i set for every byte i of `high_bits` (bytes with only their top bit set, or zero).
constexpr std::uint64_t compress_bytes(std::uint64_t high_bits) noexcept {
  return ((high_bits >> 7) * 0x0102040810204080ull) >> 56;
}

/// Bit i set where data[block + i] == '/', for the 64 characters from `block` (< size).
inline std::uint64_t slash_mask(const char* data, std::size_t size, std::size_t block) noexcept {
  std::uint64_t mask = 0;
  if (block + 64 <= size) {
    for (std::size_t j = 0; j < 8; ++j) mask |= compress_bytes(bytes_equal(load_word(data + block + 8 * j), '/')) << (8 * j);
  } else {
    for (std::size_t at = block; at < size; at += 8)
      mask |= compress_bytes(bytes_equal(load8(data, size, at), '/')) << (at - block);
  }
  return mask;
}

/// Parse the fields after the prefix ("CVSS:3.1/", so `vector.size() >= 9`) of `vector`
/// into `out`. The caller has checked the prefix and the trailing-'/' rule. No allocation,
/// no exceptions.
///
/// The '/' are found 64 characters at a time (a bit mask built from eight words); each field
/// is then one 8-byte word, and a valid one is a single hash probe. Nothing depends on the
/// previous field but the bit mask, so the CPU overlaps the fields.
template <std::size_t N>
bool parse_fields(std::string_view vector, std::size_t pos, const Grammar<N>& grammar, ParsedVector& out,
                  Failure& fail) noexcept {
  const char* const data = vector.data();
  const std::size_t size = vector.size();
  out.value.fill(0);
  std::uint64_t seen = 0;
  const auto mark = [&](Problem p, std::size_t b, std::size_t e, int metric = -1) {
    fail.problem = p;
    fail.begin = b;
    fail.size = e - b;
    fail.metric = static_cast<std::int8_t>(metric);
    return false;
  };
  std::size_t block = pos;
  std::uint64_t mask = slash_mask(data, size, block);
  while (pos < size) {
    // The end of this field: the next '/' (the masks only ever hold '/' at or after pos).
    while (mask == 0 && block + 64 < size) {
      block += 64;
      mask = slash_mask(data, size, block);
    }
    const std::size_t end = mask != 0 ? block + static_cast<std::size_t>(std::countr_zero(mask)) : size;
    mask &= mask - 1;

    // Fast path: a valid field is one hash probe.
    const std::size_t len = end - pos;
    if (len - 1 < 7) {
      const std::uint64_t key = (load8(data, size, pos) & ((std::uint64_t{1} << (8 * len)) - 1)) |
                                static_cast<std::uint64_t>(len) << 56;
      const unsigned s = grammar.fields.slot(key);
      if (grammar.fields.keys[s] == key) {
        const std::size_t mi = grammar.fields.metric[s];
        const std::uint64_t bit = std::uint64_t{1} << mi;
        if ((seen & bit) != 0) return mark(Problem::DuplicateMetric, pos, end, static_cast<int>(mi));
        seen |= bit;
        out.value[mi] = grammar.fields.value[s];
        pos = end + 1;
        continue;
      }
    }
    // Not a valid field: say exactly why.
    const FieldScan f = scan_field(data, end, pos);
    if (end == pos) return mark(Problem::EmptyField, pos, pos);
    if (f.colon == pos || f.colon >= end || f.extra_colon) return mark(Problem::NotMetricValue, pos, end);
    const int m = grammar.index.find(f.name);
    if (m < 0) return mark(Problem::UnknownMetric, pos, f.colon);
    const auto mi = static_cast<std::size_t>(m);
    const std::uint64_t bit = std::uint64_t{1} << mi;
    if ((seen & bit) != 0) return mark(Problem::DuplicateMetric, pos, end, m);
    const auto& keys = grammar.value_keys[mi];
    int v = -1;
    for (int j = 4; j >= 0; --j) v = keys[static_cast<std::size_t>(j)] == f.value ? j : v;
    if (v < 0) return mark(Problem::BadValue, f.colon + 1, end, m);
    seen |= bit;  // not reached: the hash knows every valid field
    out.value[mi] = static_cast<std::uint8_t>(v);
    pos = end + 1;
  }
  if ((seen & grammar.mandatory) != grammar.mandatory) {
    fail.problem = Problem::MissingMandatory;
    fail.missing = grammar.mandatory & ~seen;
    return false;
  }
  return true;
}

// ---- version-specific parts (cvss_v3.cpp, cvss_v4.cpp) ------------------------------------

/// Metric table of a version, in specification order.
std::span<const MetricDef> v3_metric_defs() noexcept;
std::span<const MetricDef> v4_metric_defs() noexcept;
inline std::span<const MetricDef> metric_defs(CvssVersion version) noexcept {
  return version == CvssVersion::V4_0 ? v4_metric_defs() : v3_metric_defs();
}

/// Parse a vector whose prefix (9 characters) names v3.0 or v3.1.
bool parse_v3(std::string_view vector, ParsedVector& out, Failure& fail) noexcept;
/// Parse a vector whose prefix names v4.0.
bool parse_v4(std::string_view vector, ParsedVector& out, Failure& fail) noexcept;

/// All v3.x scores of a parsed vector.
void score_v3(const ParsedVector& parsed, CvssScores& out) noexcept;
/// Only the score to use (CvssScores::score_tenths) of a parsed v3.x vector.
int score_v3_tenths(const ParsedVector& parsed) noexcept;

/// v4.0 score of a parsed vector; with `base_only`, of its base metrics alone (CVSS-B).
int score_v4_tenths(const ParsedVector& parsed, bool base_only) noexcept;
/// v4.0 threat (E) and environmental metric flags.
void v4_groups(const ParsedVector& parsed, bool& threat, bool& environmental) noexcept;

// ---- embedded specification tables (exposed so that tests compare them with the
// ---- reference JSON files) ----------------------------------------------------------------

/// CVSS v3.x weights in hundredths, indexed like the metric's values in metric_defs().
struct V3Weights {
  std::array<int, 4> av;            // N A L P
  std::array<int, 2> ac;            // L H
  std::array<int, 3> pr_unchanged;  // N L H
  std::array<int, 3> pr_changed;    // N L H
  std::array<int, 2> ui;            // N R
  std::array<int, 3> cia;           // H L N
  std::array<int, 5> e;             // X U P F H
  std::array<int, 5> rl;            // X O T W U
  std::array<int, 4> rc;            // X U R C
  std::array<int, 4> req;           // X L M H
  // Constants of the formulas: 8.22, 6.42, 7.52, 0.029, 3.25, 0.02, 0.9731, 1.08, 0.915
  int exploitability_coef_hundredths;
  int impact_unchanged_coef_hundredths;
  int impact_changed_coef_hundredths;
  int impact_changed_offset_thousandths;
  int impact_changed_power_coef_hundredths;
  int impact_changed_power_offset_hundredths;
  int modified_v31_factor_tenthousandths;
  int scope_changed_multiplier_hundredths;
  int miss_cap_thousandths;
};
const V3Weights& v3_weights() noexcept;

/// One row of the CVSS v4.0 MacroVector table: EQ1..EQ6 digits and the score in tenths.
struct MacroVectorScore {
  std::string_view macro_vector;
  int tenths;
};
/// The 270 rows in ascending MacroVector order.
std::span<const MacroVectorScore> v4_macro_vector_scores() noexcept;

/// Highest-severity partial vectors of an EQ level ("AV:N/PR:N/UI:N/"): eq 1, 2, 4, 5 by
/// level; eq 3 by (eq3 level, eq6 level) with `eq6` (ignored for other eqs). Empty if none.
std::span<const std::string_view> v4_max_composed(int eq, int level, int eq6 = 0) noexcept;

/// Max severity depth of an EQ level (eq 1, 2, 4, 5; eq 3 means eq3eq6 with `eq6`); 0 if none.
int v4_max_severity_depth(int eq, int level, int eq6 = 0) noexcept;

/// Severity level in tenths of a v4.0 metric value ("AV", "N") used for the distance
/// within a MacroVector; -1 if the metric has no levels or the value is unknown.
int v4_severity_level(std::string_view metric, std::string_view value) noexcept;

}  // namespace detail::cvss
}  // namespace v1
}  // namespace mspcore
