// CVSS v3.0 / v3.1 / v4.0: every shared reference vector, hand-worked examples, error
// messages, the batch kernel, and the embedded specification tables against the shared JSON.
#include "security/cvss_detail.hpp"

#include <mspcore/core/error.hpp>
#include <mspcore/security/cvss.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <string>
#include <vector>

using namespace mspcore;
using namespace std::string_view_literals;

namespace {

std::string shared(const std::string& name) { return std::string(MSP_SHARED_DATA_DIR) + "/cvss/" + name; }

nlohmann::json read_json(const std::string& name) {
  std::ifstream in(shared(name));
  REQUIRE(in.good());
  return nlohmann::json::parse(in);
}

// "9.8" -> 98 (the reference files always have exactly one decimal).
int tenths_of(std::string text) {
  const auto trim = [](std::string& s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '(')) s.erase(s.begin());
    while (!s.empty() && (s.back() == ' ' || s.back() == ')' || s.back() == ',' || s.back() == '\r')) s.pop_back();
  };
  trim(text);
  const auto dot = text.find('.');
  REQUIRE(dot != std::string::npos);
  REQUIRE(dot + 2 == text.size());
  return std::stoi(text.substr(0, dot)) * 10 + (text[dot + 1] - '0');
}

// One reference line: "vector - (base, temporal, environmental)", "vector - (score,)" or "vector - score".
struct Line {
  std::string vector;
  std::vector<int> tenths;
};

std::vector<Line> read_vectors(const std::string& name) {
  std::ifstream in(shared(name));
  REQUIRE(in.good());
  std::vector<Line> out;
  std::string text;
  while (std::getline(in, text)) {
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.empty()) continue;
    const auto sep = text.find(" - ");
    REQUIRE(sep != std::string::npos);
    Line line{text.substr(0, sep), {}};
    std::string rest = text.substr(sep + 3);
    std::size_t start = 0;
    while (start < rest.size()) {
      const auto comma = rest.find(',', start);
      std::string item = rest.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (item.find_first_of("0123456789") != std::string::npos) line.tenths.push_back(tenths_of(item));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    out.push_back(std::move(line));
  }
  return out;
}

std::size_t check_v3_file(const std::string& name) {
  const auto lines = read_vectors(name);
  for (const Line& line : lines) {
    INFO(name << ": " << line.vector);
    REQUIRE(line.tenths.size() == 3);
    const CvssScores s = cvss_score(line.vector);
    CHECK(s.base_tenths == line.tenths[0]);
    CHECK(s.temporal_tenths == line.tenths[1]);
    CHECK(s.environmental_tenths == line.tenths[2]);
    CHECK(cvss_try_score(line.vector) == s.score_tenths);
  }
  WARN(name << ": " << lines.size() << " vectors verified (base, temporal, environmental)");
  return lines.size();
}

std::size_t check_v4_file(const std::string& name) {
  const auto lines = read_vectors(name);
  for (const Line& line : lines) {
    INFO(name << ": " << line.vector);
    REQUIRE(line.tenths.size() == 1);
    const CvssScores s = cvss_score(line.vector);
    CHECK(s.version == CvssVersion::V4_0);
    CHECK(s.score_tenths == line.tenths[0]);
    CHECK(cvss_try_score(line.vector) == line.tenths[0]);
  }
  WARN(name << ": " << lines.size() << " vectors verified");
  return lines.size();
}

std::string parse_error(std::string_view vector) {
  try {
    (void)cvss_score(vector);
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::PARSE_ERROR);
    ErrorCode code = ErrorCode::OK;
    CHECK(cvss_try_score(vector, &code) == -1);
    CHECK(code == ErrorCode::PARSE_ERROR);
    return e.what();
  }
  FAIL("accepted " << vector);
  return {};
}

}  // namespace

// ---- every shared reference vector -------------------------------------------------------------

TEST_CASE("cvss v3.0 reference vectors (Red Hat vectors_simple3.txt)", "[cvss][v3]") {
  CHECK(check_v3_file("vectors_simple3.txt") == 2592);
}

TEST_CASE("cvss v3.1 reference vectors (Red Hat vectors_simple31.txt)", "[cvss][v3]") {
  CHECK(check_v3_file("vectors_simple31.txt") == 2592);
}

TEST_CASE("cvss v3.x reference vectors (Red Hat vectors_cvsslib3.txt)", "[cvss][v3]") {
  CHECK(check_v3_file("vectors_cvsslib3.txt") == 29);
}

TEST_CASE("cvss v3.0 reference vectors (Red Hat vectors_calculator3.txt)", "[cvss][v3]") {
  CHECK(check_v3_file("vectors_calculator3.txt") == 2);
}

TEST_CASE("cvss v4.0 reference vectors (Red Hat vectors_simple4.txt)", "[cvss][v4]") {
  CHECK(check_v4_file("vectors_simple4.txt") == 1058);
}

TEST_CASE("cvss v4.0 reference vectors (Red Hat vectors_security4.txt)", "[cvss][v4]") {
  CHECK(check_v4_file("vectors_security4.txt") == 54);
}

TEST_CASE("cvss v4.0 reference vectors (Red Hat vectors_supplemental4.txt)", "[cvss][v4]") {
  CHECK(check_v4_file("vectors_supplemental4.txt") == 576);
}

TEST_CASE("cvss v4.0 reference vectors (Red Hat vectors_threat4.txt)", "[cvss][v4]") {
  CHECK(check_v4_file("vectors_threat4.txt") == 6);
}

// ---- hand-worked examples ----------------------------------------------------------------------

TEST_CASE("cvss v3.1 hand-worked examples", "[cvss][v3]") {
  // ISS = 1 - 0.44^3 = 0.914816; Impact = 6.42 x ISS = 5.87311872;
  // Exploitability = 8.22 x 0.85 x 0.77 x 0.85 x 0.85 = 3.88737032; sum 9.76048904 -> Roundup 9.8.
  const CvssScores s = cvss_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
  CHECK(s.version == CvssVersion::V3_1);
  CHECK(s.base_tenths == 98);
  CHECK(s.temporal_tenths == 98);
  CHECK(s.environmental_tenths == 98);
  CHECK(s.score_tenths == 98);
  CHECK(s.score() == 9.8);
  CHECK(s.score_string() == "9.8");
  CHECK(s.severity() == CvssSeverity::Critical);
  CHECK(to_string(s.severity()) == "Critical");
  CHECK(s.nomenclature() == "CVSS-B");
  CHECK_FALSE(s.has_threat);
  CHECK_FALSE(s.has_environmental);

  // Impact = 6.42 x 0.56 = 3.5952; Exploitability = 8.22 x 0.55 x 0.77 x 0.62 x 0.85 = 1.83458...;
  // sum 5.4297... -> 5.5 Medium.
  CHECK(cvss_score("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N").base_tenths == 55);

  // Scope changed: ISS = 1 - 0.78 x 0.78 = 0.3916; Impact = 7.52 x (0.3916 - 0.029) - 3.25 x 0.3716^15
  // = 2.72675...; Exploitability = 8.22 x 0.85 x 0.77 x 0.85 x 0.62 = 2.83525...;
  // 1.08 x sum = 6.00697... -> Roundup 6.1 Medium.
  CHECK(cvss_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N").base_tenths == 61);

  // Temporal: Roundup(9.8 x 0.94 x 0.95 x 1) = Roundup(8.7514) = 8.8, and it is the score.
  const CvssScores t = cvss_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C");
  CHECK(t.base_tenths == 98);
  CHECK(t.temporal_tenths == 88);
  CHECK(t.environmental_tenths == 88);
  CHECK(t.score_tenths == 88);
  CHECK(t.severity() == CvssSeverity::High);
  CHECK(t.nomenclature() == "CVSS-BT");

  // Environmental metrics make the environmental score the score.
  const CvssScores e = cvss_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/CR:L/MAV:L");
  CHECK(e.environmental_tenths == 81);
  CHECK(e.score_tenths == 81);
  CHECK(e.nomenclature() == "CVSS-BE");

  // X (Not Defined) defines nothing: the score stays the base score.
  const CvssScores x = cvss_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/CR:X/MAV:X");
  CHECK(x.score_tenths == 98);
  CHECK(x.nomenclature() == "CVSS-B");

  // v3.1 changed the modified impact for a changed scope ((MISS x 0.9731 - 0.02)^13):
  CHECK(cvss_score("CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H/MS:C").environmental_tenths == 99);
  CHECK(cvss_score("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H/MS:C").environmental_tenths == 100);
  CHECK(cvss_score("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H").version == CvssVersion::V3_0);

  // No impact: 0.0 whatever the exploitability, in both scopes.
  CHECK(cvss_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:N").score_tenths == 0);
  CHECK(cvss_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N").severity() == CvssSeverity::None);
}

TEST_CASE("cvss v3.x accepts metrics in any order", "[cvss][v3]") {
  const CvssScores a = cvss_score("CVSS:3.0/AV:N/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:N/E:F/RL:X");
  const CvssScores b = cvss_score("CVSS:3.0/S:U/AV:N/AC:L/PR:H/UI:N/C:L/I:L/A:N/E:F/RL:X");
  CHECK(a == b);
  CHECK(a.base_tenths == 38);
  CHECK(a.temporal_tenths == 37);
}

TEST_CASE("cvss v4.0 hand-worked examples", "[cvss][v4]") {
  // MacroVector 000200 (EQ3 0: VC:H and VI:H; EQ4 2: no subsequent impact) scores 9.3; the
  // vector is that MacroVector's highest-severity vector, so nothing is subtracted.
  const CvssScores s = cvss_score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
  CHECK(s.version == CvssVersion::V4_0);
  CHECK(s.base_tenths == 93);
  CHECK(s.score_tenths == 93);
  CHECK_FALSE(s.temporal_tenths.has_value());
  CHECK_FALSE(s.environmental_tenths.has_value());
  CHECK(s.severity() == CvssSeverity::Critical);
  CHECK(s.nomenclature() == "CVSS-B");

  // Threat: E:U moves to MacroVector 000220 (8.1).
  const CvssScores t = cvss_score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U");
  CHECK(t.score_tenths == 81);
  CHECK(t.base_tenths == 93);  // CVSS-B ignores the threat metric
  CHECK(t.nomenclature() == "CVSS-BT");
  CHECK(t.severity() == CvssSeverity::High);

  const CvssScores te =
      cvss_score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P/CR:L/IR:L/AR:L/MAV:L");
  CHECK(te.score_tenths == 60);
  CHECK(te.base_tenths == 93);
  CHECK(te.nomenclature() == "CVSS-BTE");

  const CvssScores env = cvss_score("CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSI:S");
  CHECK(env.score_tenths == 97);
  CHECK(env.nomenclature() == "CVSS-BE");

  // Supplemental metrics never change the score; no impact anywhere is 0.0.
  const CvssScores sup = cvss_score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N/S:P/U:Red");
  CHECK(sup.score_tenths == 0);
  CHECK(sup.severity() == CvssSeverity::None);
  CHECK(cvss_score("CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/S:N/AU:Y/R:I/V:C/RE:H/U:Amber")
            .score_tenths == 73);

  // Any order.
  CHECK(cvss_score("CVSS:4.0/SA:N/SI:N/SC:N/VA:H/VI:H/VC:H/UI:N/PR:N/AT:N/AC:L/AV:N/E:U").score_tenths == 81);
}

TEST_CASE("cvss severity ratings and formatting", "[cvss]") {
  CHECK(cvss_severity(0) == "None");
  CHECK(cvss_severity(1) == "Low");
  CHECK(cvss_severity(39) == "Low");
  CHECK(cvss_severity(40) == "Medium");
  CHECK(cvss_severity(69) == "Medium");
  CHECK(cvss_severity(70) == "High");
  CHECK(cvss_severity(89) == "High");
  CHECK(cvss_severity(90) == "Critical");
  CHECK(cvss_severity(100) == "Critical");
  CHECK(cvss_severity_rating(55) == CvssSeverity::Medium);
  for (int bad : {-1, 101}) {
    INFO(bad);
    try {
      (void)cvss_severity(bad);
      FAIL("accepted");
    } catch (const Error& e) {
      CHECK(e.code() == ErrorCode::OUT_OF_RANGE);
      CHECK_THAT(e.what(), Catch::Contains(cvss_format_tenths(bad)));
    }
  }
  CHECK(cvss_format_tenths(0) == "0.0");
  CHECK(cvss_format_tenths(98) == "9.8");
  CHECK(cvss_format_tenths(100) == "10.0");
  CHECK(cvss_format_tenths(-5) == "-0.5");
  CHECK(to_string(CvssVersion::V3_0) == "3.0");
  CHECK(to_string(CvssVersion::V3_1) == "3.1");
  CHECK(to_string(CvssVersion::V4_0) == "4.0");
}

// ---- malformed vectors -----------------------------------------------------------------------

TEST_CASE("cvss: malformed vectors are parse errors that name the problem", "[cvss][errors]") {
  const std::string v31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
  CHECK(parse_error("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H") ==
        "CVSS vector 'CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H': metric AV has no value 'X' "
        "(expected N, A, L, P)");
  CHECK(parse_error("") == "CVSS vector '': the vector is empty (expected e.g. 'CVSS:3.1/AV:N/AC:L/...')");
  CHECK(parse_error(v31 + "/") == "CVSS vector '" + v31 + "/': trailing '/'");
  CHECK(parse_error(v31 + "/XX:N") == "CVSS vector '" + v31 + "/XX:N': unknown metric 'XX' for CVSS v3.1");
  CHECK(parse_error(v31 + "/AV:L") == "CVSS vector '" + v31 + "/AV:L': metric AV appears more than once");
  CHECK(parse_error("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/C:H/I:H") ==
        "CVSS vector 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/C:H/I:H': missing mandatory metrics S, A");
  CHECK(parse_error("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H") ==
        "CVSS vector 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H': missing mandatory metric A");
  CHECK(parse_error("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H") ==
        "CVSS vector 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H': missing prefix 'CVSS:3.0/', 'CVSS:3.1/' or 'CVSS:4.0/'");
  CHECK(parse_error("CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H") ==
        "CVSS vector 'CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H': unsupported CVSS version 'CVSS:3.2' "
        "(expected CVSS:3.0, CVSS:3.1 or CVSS:4.0)");
  CHECK(parse_error("CVSS:3.1") == "CVSS vector 'CVSS:3.1': no metrics after the prefix 'CVSS:3.1'");
  CHECK(parse_error("CVSS:3.1/") == "CVSS vector 'CVSS:3.1/': no metrics after the prefix");
  CHECK(parse_error("CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H") ==
        "CVSS vector 'CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H': empty field at offset 14 ('//')");
  CHECK(parse_error("CVSS:3.1/AVN/AC:L") == "CVSS vector 'CVSS:3.1/AVN/AC:L': field 'AVN' is not METRIC:VALUE");
  CHECK(parse_error("CVSS:3.1/AV:N:L/AC:L") == "CVSS vector 'CVSS:3.1/AV:N:L/AC:L': field 'AV:N:L' is not METRIC:VALUE");
  CHECK(parse_error("CVSS:3.1/:N/AC:L") == "CVSS vector 'CVSS:3.1/:N/AC:L': field ':N' is not METRIC:VALUE");
  CHECK_THAT(parse_error("CVSS:3.1/AV:/AC:L"), Catch::EndsWith("metric AV has no value '' (expected N, A, L, P)"));
  // Names and values are case-sensitive; lower case is not the specification's spelling.
  CHECK_THAT(parse_error("CVSS:3.1/av:n/AC:L"), Catch::EndsWith("unknown metric 'av' for CVSS v3.1"));
  CHECK_THAT(parse_error("CVSS:3.1/AV:n/AC:L"), Catch::EndsWith("metric AV has no value 'n' (expected N, A, L, P)"));
  CHECK_THAT(parse_error("cvss:3.1/AV:N/AC:L"), Catch::EndsWith("missing prefix 'CVSS:3.0/', 'CVSS:3.1/' or 'CVSS:4.0/'"));
  CHECK_THAT(parse_error(" " + v31), Catch::Contains("missing prefix"));
  CHECK_THAT(parse_error(v31 + " "), Catch::EndsWith("metric A has no value 'H ' (expected H, L, N)"));
  // Base metrics have no X; a v4.0 metric is unknown in v3.x and the other way round.
  CHECK_THAT(parse_error("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:X"), Catch::EndsWith("metric A has no value 'X' (expected H, L, N)"));
  CHECK_THAT(parse_error(v31 + "/AT:N"), Catch::EndsWith("unknown metric 'AT' for CVSS v3.1"));
  CHECK_THAT(parse_error("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:A"),
             Catch::EndsWith("metric E has no value 'A' (expected X, U, P, F, H)"));

  const std::string v40 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
  CHECK_THAT(parse_error(v40 + "/S:C"), Catch::EndsWith("metric S has no value 'C' (expected X, N, P)"));
  CHECK_THAT(parse_error(v40 + "/U:red"), Catch::EndsWith("metric U has no value 'red' (expected X, Clear, Green, Amber, Red)"));
  CHECK_THAT(parse_error(v40 + "/MSC:S"), Catch::EndsWith("metric MSC has no value 'S' (expected X, H, L, N)"));
  CHECK_THAT(parse_error(v40 + "/SI:H"), Catch::EndsWith("metric SI appears more than once"));
  CHECK_THAT(parse_error(v40 + "/MS:C"), Catch::EndsWith("unknown metric 'MS' for CVSS v4.0"));
  CHECK_THAT(parse_error(v40 + "/ABCD:X"), Catch::EndsWith("unknown metric 'ABCD' for CVSS v4.0"));
  CHECK_THAT(parse_error("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H"),
             Catch::EndsWith("missing mandatory metrics SC, SI, SA"));
  CHECK_THAT(parse_error(v40 + "/"), Catch::EndsWith("trailing '/'"));
  CHECK_THAT(parse_error("CVSS:4.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
             Catch::EndsWith("metric S has no value 'U' (expected X, N, P)"));
  // Fields longer than any valid one, NUL and other control characters, many fields.
  CHECK_THAT(parse_error(v40 + "/U:Clearly"), Catch::EndsWith("metric U has no value 'Clearly' (expected X, Clear, Green, Amber, Red)"));
  CHECK_THAT(parse_error(v40 + "/MAVX:N"), Catch::EndsWith("unknown metric 'MAVX' for CVSS v4.0"));
  CHECK_THAT(parse_error("CVSS:3.1/A\0:H/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"sv),
             Catch::EndsWith("unknown metric 'A?' for CVSS v3.1"));
  CHECK_THAT(parse_error("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\0"sv),
             Catch::EndsWith("metric A has no value 'H?' (expected H, L, N)"));
  CHECK_THAT(parse_error("CVSS:3.1/AV:N\t/AC:L"), Catch::EndsWith("metric AV has no value 'N?' (expected N, A, L, P)"));
  std::string many = v31;
  for (int i = 0; i < 40; ++i) many += "/E:X";
  CHECK_THAT(parse_error(many), Catch::EndsWith("metric E appears more than once"));
  std::string many_unknown = v40;
  for (int i = 0; i < 40; ++i) many_unknown += "/Q" + std::to_string(i) + ":X";
  CHECK_THAT(parse_error(many_unknown), Catch::EndsWith("unknown metric 'Q0' for CVSS v4.0"));
  // A quote is never cut inside a UTF-8 character (the message must stay valid UTF-8).
  const std::string accented = std::string(79, 'A') + "\xC3\xA9";  // 79 + 2 bytes: 'é' straddles byte 80
  const std::string message = parse_error(accented);
  CHECK(message == "CVSS vector '" + std::string(79, 'A') + "...': missing prefix 'CVSS:3.0/', 'CVSS:3.1/' or 'CVSS:4.0/'");

  // Long vectors are shortened in the quote; the problem is still named.
  const std::string long_vector = v40 + "/E:A/CR:H/IR:H/AR:H/MAV:N/MAC:L/MAT:N/MPR:N/MUI:N/MVC:H/MVI:Q";
  CHECK_THAT(parse_error(long_vector), Catch::Contains("...'") && Catch::EndsWith("metric MVI has no value 'Q' (expected X, H, L, N)"));
}

// ---- batch -----------------------------------------------------------------------------------

TEST_CASE("cvss_score_many: one status per row, never throws per row", "[cvss][batch]") {
  const std::vector<std::string_view> vectors{
      "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
      "garbage",
      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U",
      "",
      "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C",
      "CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H/MS:C",
  };
  std::vector<std::int32_t> scores(vectors.size(), 12345), status(vectors.size(), 12345);
  cvss_score_many(vectors, scores, status);
  CHECK(scores == std::vector<std::int32_t>{98, -1, 81, -1, 88, 99});
  const auto ok = static_cast<std::int32_t>(ErrorCode::OK);
  const auto parse = static_cast<std::int32_t>(ErrorCode::PARSE_ERROR);
  CHECK(status == std::vector<std::int32_t>{ok, parse, ok, parse, ok, ok});

  std::vector<std::int32_t> short_column(2);
  try {
    cvss_score_many(vectors, short_column, status);
    FAIL("accepted mismatched columns");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::INVALID_ARGUMENT);
    CHECK_THAT(e.what(), Catch::Contains("6 vectors, 2 scores, 6 statuses"));
  }
  cvss_score_many({}, {}, {});  // empty is fine
}

TEST_CASE("cvss_score_many agrees with cvss_score on every reference vector", "[cvss][batch]") {
  std::vector<Line> all;
  for (const char* name : {"vectors_simple3.txt", "vectors_simple31.txt", "vectors_cvsslib3.txt", "vectors_calculator3.txt",
                           "vectors_simple4.txt", "vectors_security4.txt", "vectors_supplemental4.txt",
                           "vectors_threat4.txt"}) {
    auto lines = read_vectors(name);
    all.insert(all.end(), lines.begin(), lines.end());
  }
  std::vector<std::string_view> vectors;
  for (const Line& l : all) vectors.emplace_back(l.vector);
  std::vector<std::int32_t> scores(vectors.size()), status(vectors.size());
  cvss_score_many(vectors, scores, status);
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < vectors.size(); ++i) {
    if (status[i] != 0 || scores[i] != cvss_score(vectors[i]).score_tenths) ++mismatches;
  }
  CHECK(vectors.size() == 2592 + 2592 + 29 + 2 + 1058 + 54 + 576 + 6);
  CHECK(mismatches == 0);
}

// ---- embedded tables == shared JSON ------------------------------------------------------------

TEST_CASE("cvss: embedded v4.0 MacroVector table equals cvss_v4_macrovector_lookup.json", "[cvss][tables]") {
  const auto json = read_json("cvss_v4_macrovector_lookup.json").at("lookup");
  const auto table = detail::cvss::v4_macro_vector_scores();
  REQUIRE(table.size() == 270);
  REQUIRE(json.size() == 270);
  std::size_t i = 0;
  for (const auto& [key, value] : json.items()) {  // nlohmann::json orders keys: ascending MacroVector
    INFO(key);
    CHECK(table[i].macro_vector == key);
    CHECK(table[i].tenths == static_cast<int>(std::lround(value.get<double>() * 10)));
    ++i;
  }
  // Every MacroVector's score is its highest vector's score (FIRST cvss-resources macro-scores.txt).
  std::ifstream scores(shared("macro-scores.txt"));
  REQUIRE(scores.good());
  std::string line;
  std::size_t checked = 0;
  while (std::getline(scores, line)) {
    if (line.empty()) continue;
    const auto v0 = line.find("'CVSS:4.0/") + 1;
    const std::string vector = line.substr(v0, line.find('\'', v0) - v0);
    const auto s0 = line.find("'score': ") + 9;
    const double expected = std::stod(line.substr(s0, line.find(',', s0) - s0));
    INFO(vector);
    CHECK(cvss_score(vector).score_tenths == static_cast<int>(std::lround(expected * 10)));
    ++checked;
  }
  CHECK(checked == 270);
}

TEST_CASE("cvss: embedded v4.0 max vectors and depths equal the shared JSON", "[cvss][tables]") {
  const auto composed = read_json("cvss_v4_max_composed.json").at("maxComposed");
  const auto as_vector = [](std::span<const std::string_view> s) { return std::vector<std::string>(s.begin(), s.end()); };
  std::size_t lists = 0;
  for (int eq : {1, 2, 4, 5}) {
    const auto& levels = composed.at("eq" + std::to_string(eq));
    for (const auto& [level, list] : levels.items()) {
      INFO("eq" << eq << " level " << level);
      CHECK(as_vector(detail::cvss::v4_max_composed(eq, std::stoi(level))) == list.get<std::vector<std::string>>());
      ++lists;
    }
    CHECK(detail::cvss::v4_max_composed(eq, static_cast<int>(levels.size())).empty());
  }
  for (const auto& [eq3, by_eq6] : composed.at("eq3").items()) {
    for (int eq6 : {0, 1}) {
      INFO("eq3 " << eq3 << " eq6 " << eq6);
      const auto expected = by_eq6.contains(std::to_string(eq6))
                                ? by_eq6.at(std::to_string(eq6)).get<std::vector<std::string>>()
                                : std::vector<std::string>{};
      CHECK(as_vector(detail::cvss::v4_max_composed(3, std::stoi(eq3), eq6)) == expected);
      lists += expected.empty() ? 0 : 1;
    }
  }
  CHECK(lists == 16);  // eq1 3, eq2 2, eq3eq6 5, eq4 3, eq5 3

  const auto depth = read_json("cvss_v4_max_severity_depth.json").at("maxSeverity");
  for (int eq : {1, 2, 4, 5}) {
    for (const auto& [level, value] : depth.at("eq" + std::to_string(eq)).items()) {
      INFO("eq" << eq << " level " << level);
      CHECK(detail::cvss::v4_max_severity_depth(eq, std::stoi(level)) == value.get<int>());
    }
  }
  for (const auto& [eq3, by_eq6] : depth.at("eq3eq6").items()) {
    for (int eq6 : {0, 1}) {
      INFO("eq3 " << eq3 << " eq6 " << eq6);
      const int expected = by_eq6.contains(std::to_string(eq6)) ? by_eq6.at(std::to_string(eq6)).get<int>() : 0;
      CHECK(detail::cvss::v4_max_severity_depth(3, std::stoi(eq3), eq6) == expected);
    }
  }
}

TEST_CASE("cvss: embedded v4.0 metrics and severity levels equal the shared JSON", "[cvss][tables]") {
  const auto order = read_json("cvss_v4_metric_order.json").at("expectedMetricOrder");
  const auto defs = detail::cvss::v4_metric_defs();
  REQUIRE(defs.size() == order.size());
  // nlohmann::json sorts object keys, so compare as a map; the order of the values matters.
  std::map<std::string, std::vector<std::string>> embedded;
  for (const auto& def : defs) embedded[std::string(def.name)] = {def.values.begin(), def.values.begin() + def.count};
  for (const auto& [metric, values] : order.items()) {
    INFO(metric);
    REQUIRE(embedded.count(metric) == 1);
    CHECK(embedded[metric] == values.get<std::vector<std::string>>());
  }
  // The eleven base metrics are the mandatory ones.
  std::vector<std::string> mandatory;
  for (const auto& def : defs)
    if (def.mandatory) mandatory.emplace_back(def.name);
  CHECK(mandatory == std::vector<std::string>{"AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA"});

  const auto levels = read_json("cvss_v4_scoring_constants.json").at("levels");
  std::size_t count = 0;
  for (const auto& [metric, values] : levels.items()) {
    for (const auto& [value, level] : values.items()) {
      INFO(metric << ":" << value);
      CHECK(detail::cvss::v4_severity_level(metric, value) == static_cast<int>(std::lround(level.get<double>() * 10)));
      ++count;
    }
    CHECK(detail::cvss::v4_severity_level(metric, "Q") == -1);
  }
  CHECK(count == 46);
  CHECK(detail::cvss::v4_severity_level("S", "N") == -1);
}

TEST_CASE("cvss: embedded v3.x weights equal cvss_v31_weights.json", "[cvss][tables]") {
  const auto json = read_json("cvss_v31_weights.json");
  const auto& w = detail::cvss::v3_weights();
  const auto defs = detail::cvss::v3_metric_defs();
  const auto def = [&](std::string_view name) -> const detail::cvss::MetricDef& {
    for (const auto& d : defs)
      if (d.name == name) return d;
    FAIL("no metric " << name);
    return defs[0];
  };
  const auto hundredths = [](const nlohmann::json& v) { return static_cast<int>(std::lround(v.get<double>() * 100)); };
  // Each embedded weight array is indexed like the metric's values.
  const auto check = [&](std::string_view metric, const std::string& key, const auto& weights) {
    const auto& d = def(metric);
    REQUIRE(d.count == weights.size());
    const auto& object = json.at(key);
    CHECK(object.size() == weights.size());
    for (std::size_t i = 0; i < d.count; ++i) {
      INFO(key << " " << d.values[i]);
      CHECK(weights[i] == hundredths(object.at(std::string(d.values[i]))));
    }
  };
  check("AV", "AV", w.av);
  check("AC", "AC", w.ac);
  check("PR", "PR_scope_unchanged", w.pr_unchanged);
  check("PR", "PR_scope_changed", w.pr_changed);
  check("UI", "UI", w.ui);
  check("C", "CIA", w.cia);
  check("I", "CIA", w.cia);
  check("A", "CIA", w.cia);
  check("E", "E", w.e);
  check("RL", "RL", w.rl);
  check("RC", "RC", w.rc);
  check("CR", "CR_IR_AR", w.req);
  check("IR", "CR_IR_AR", w.req);
  check("AR", "CR_IR_AR", w.req);
  const auto& c = json.at("constants");
  CHECK(w.exploitability_coef_hundredths == hundredths(c.at("exploitability_coef")));
  CHECK(w.impact_unchanged_coef_hundredths == hundredths(c.at("impact_unchanged_coef")));
  CHECK(w.scope_changed_multiplier_hundredths == hundredths(c.at("scope_changed_multiplier")));
  CHECK(w.miss_cap_thousandths == static_cast<int>(std::lround(c.at("miss_cap").get<double>() * 1000)));
  CHECK(c.at("impact_changed").get<std::string>() == "7.52*(ISS-0.029) - 3.25*(ISS-0.02)^15");
  CHECK(c.at("modified_impact_changed_v31").get<std::string>() == "7.52*(MISS-0.029) - 3.25*(MISS*0.9731-0.02)^13");
  CHECK(w.impact_changed_coef_hundredths == 752);
  CHECK(w.impact_changed_offset_thousandths == 29);
  CHECK(w.impact_changed_power_coef_hundredths == 325);
  CHECK(w.impact_changed_power_offset_hundredths == 2);
  CHECK(w.modified_v31_factor_tenthousandths == 9731);
  // Severity bands.
  for (const auto& [name, band] : json.at("severity").items()) {
    INFO(name);
    const int lo = static_cast<int>(std::lround(band.at(0).get<double>() * 10));
    const int hi = static_cast<int>(std::lround(band.at(1).get<double>() * 10));
    CHECK(cvss_severity(lo) == name);
    CHECK(cvss_severity(hi) == name);
  }
}
