// The KPI partials, asset KPIs and trends of the C ABI: the same numbers as the C++ functions
// they wrap, values worked out by hand, and the errors (unknown KPI, NULL, struct_size, window).
#include <mspcore.h>
#include <mspcore/kpi/asset_kpi.hpp>
#include <mspcore/kpi/kpi_dictionary.hpp>
#include <mspcore/kpi/ticket_kpi.hpp>
#include <mspcore/kpi/trend.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

using namespace mspcore;

namespace {

const double kNaN = std::nan("");

bool same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

/// Four tickets in Berlin quarters (Unix seconds worked out from the ISO times):
///   0: group 0, created 2025-01-05 10:00Z, resolved +24 h, category network      -> 2025-Q1
///   1: group 0, created 2025-03-31 23:30Z (01:30 on 1 April in Berlin), open      -> 2025-Q2
///   2: group 1, created 2025-04-02 08:00Z, resolved +6 h, NPS 9 (a promoter)      -> 2025-Q2
///   3: group 0, created 2025-02-10 00:00Z (2025-01-01 + 40 days), resolved +12 h,
///      category email                                                            -> 2025-Q1
struct Tickets {
  std::vector<std::int64_t> created{1736071200, 1743463800, 1743580800, 1739145600};
  std::vector<std::int64_t> resolved{1736157600, MSP_NO_INSTANT, 1743602400, 1739188800};
  std::vector<std::int32_t> group{0, 0, 1, 0};
  std::vector<std::int8_t> nps{-1, -1, 9, -1};
  std::vector<std::int32_t> category{0, -1, -1, 1};
  const char* category_names[2] = {"network", "email"};
  std::vector<std::string> names{"network", "email"};

  /// Rows [begin, end) as the C struct.
  msp_ticket_kpi_columns c(std::size_t begin, std::size_t end) const {
    msp_ticket_kpi_columns in = MSP_TICKET_KPI_COLUMNS_INIT;
    in.n = end - begin;
    in.created = created.data() + begin;
    in.resolved = resolved.data() + begin;
    in.group = group.data() + begin;
    in.nps = nps.data() + begin;
    in.category = category.data() + begin;
    in.category_names = category_names;
    in.n_category_names = 2;
    return in;
  }
  TicketKpiColumns cpp() const {
    return {created, {}, resolved, group, {}, {}, {}, category, names, {}, {}, nps, {}, {}};
  }
};

const PeriodScheme kQuarters(PeriodKind::Quarter, TimeZone::locate("Europe/Berlin"));
constexpr std::int32_t kQ1 = 2025 * 12 + 0, kQ2 = 2025 * 12 + 3;  // period ids: first month's ordinal

struct Row {
  std::int32_t group = 0, period = 0;
  std::string bytes;
};

/// Every row of a partials handle, read through the C functions (bytes by size query first).
std::vector<Row> read_rows(const msp_kpi_partials* p) {
  size_t n = 0;
  REQUIRE(msp_kpi_partials_count(p, &n, nullptr) == MSP_STATUS_OK);
  std::vector<Row> rows(n);
  for (size_t i = 0; i < n; ++i) {
    REQUIRE(msp_kpi_partials_row(p, i, &rows[i].group, &rows[i].period, nullptr) == MSP_STATUS_OK);
    size_t required = 0;
    REQUIRE(msp_kpi_partials_bytes(p, i, nullptr, 0, &required, nullptr) == MSP_STATUS_OK);
    rows[i].bytes.resize(required);
    REQUIRE(msp_kpi_partials_bytes(p, i, reinterpret_cast<unsigned char*>(rows[i].bytes.data()), required, &required,
                                   nullptr) == MSP_STATUS_OK);
  }
  return rows;
}

std::vector<Row> c_partials(const msp_ticket_kpi_columns& in) {
  msp_kpi_partials* p = nullptr;
  REQUIRE(msp_ticket_kpi_partials(&in, 2, "quarter", "Europe/Berlin", 1, nullptr, &p, nullptr) == MSP_STATUS_OK);
  std::vector<Row> rows = read_rows(p);
  msp_kpi_partials_free(p);
  return rows;
}

/// One numeric KPI of a frame.
std::vector<double> values(const msp_kpi_frame* f, const char* kpi, size_t cells) {
  std::vector<double> out(cells);
  msp_error err{};
  INFO(kpi);
  REQUIRE(msp_kpi_frame_values(f, kpi, out.data(), cells, &err) == MSP_STATUS_OK);
  return out;
}

/// The frame of partial rows, every row given (no merging beforehand).
msp_status frame_of(const std::vector<Row>& rows, const char* const* kpis, size_t n_kpis, const double* endpoints,
                    msp_kpi_frame** out, msp_error* err) {
  std::vector<std::int32_t> group, period;
  std::vector<const unsigned char*> bytes;
  std::vector<size_t> sizes;
  for (const Row& r : rows) {
    group.push_back(r.group);
    period.push_back(r.period);
    bytes.push_back(reinterpret_cast<const unsigned char*>(r.bytes.data()));
    sizes.push_back(r.bytes.size());
  }
  return msp_ticket_kpi_frame_from_partials(group.data(), period.data(), bytes.data(), sizes.data(), rows.size(), 2,
                                            "quarter", "Europe/Berlin", 1, kpis, n_kpis, endpoints, out, err);
}

}  // namespace

TEST_CASE("C ABI: ticket KPI partials are the C++ partial rows, one per group and period with tickets", "[capi][kpi]") {
  const Tickets t;
  const std::vector<Row> rows = c_partials(t.c(0, 4));
  // Group 0 has Q1 (tickets 0, 3) and Q2 (ticket 1); group 1 only Q2 (ticket 2): no empty Q1 row.
  REQUIRE(rows.size() == 3);
  CHECK((rows[0].group == 0 && rows[0].period == kQ1));
  CHECK((rows[1].group == 0 && rows[1].period == kQ2));
  CHECK((rows[2].group == 1 && rows[2].period == kQ2));
  const TicketKpiPartialRows cpp = ticket_kpi_partial_rows(accumulate_ticket_kpis(t.cpp(), 2, kQuarters, nullptr), kQuarters);
  REQUIRE(cpp.partials.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(rows[i].group == cpp.group[i]);
    CHECK(rows[i].period == cpp.period[i]);
    CHECK(rows[i].bytes == cpp.partials[i]);
  }
}

TEST_CASE("C ABI: partials of two partitions merge into the partial of the whole", "[capi][kpi]") {
  const Tickets t;
  const std::vector<Row> whole = c_partials(t.c(0, 4));
  const std::vector<Row> a = c_partials(t.c(0, 2));  // tickets 0, 1: group 0 Q1 and Q2
  const std::vector<Row> b = c_partials(t.c(2, 4));  // tickets 2, 3: group 0 Q1 (row 0), group 1 Q2
  REQUIRE((a.size() == 2 && b.size() == 2));
  REQUIRE((a[0].group == 0 && a[0].period == kQ1 && b[0].group == 0 && b[0].period == kQ1));
  const unsigned char* parts[2] = {reinterpret_cast<const unsigned char*>(a[0].bytes.data()),
                                   reinterpret_cast<const unsigned char*>(b[0].bytes.data())};
  const size_t sizes[2] = {a[0].bytes.size(), b[0].bytes.size()};
  msp_error err{};
  size_t required = 0;
  REQUIRE(msp_ticket_kpi_merge_partials(parts, sizes, 2, nullptr, 0, &required, &err) == MSP_STATUS_OK);
  std::string merged(required, '\0');
  auto* buf = reinterpret_cast<unsigned char*>(merged.data());
  // The byte-buffer protocol: one byte short is BUFFER_TOO_SMALL and reports the size again.
  size_t again = 0;
  CHECK(msp_ticket_kpi_merge_partials(parts, sizes, 2, buf, required - 1, &again, &err) == MSP_STATUS_BUFFER_TOO_SMALL);
  CHECK(again == required);
  CHECK(msp_ticket_kpi_merge_partials(parts, sizes, 2, nullptr, 3, &again, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(std::string(err.message) == "buf is NULL but buf_size is 3");
  REQUIRE(msp_ticket_kpi_merge_partials(parts, sizes, 2, buf, required, &again, &err) == MSP_STATUS_OK);
  // network (from a) then email (from b): the category order of the whole, so the bytes are equal.
  CHECK(merged == whole[0].bytes);
  const std::string_view views[2] = {a[0].bytes, b[0].bytes};
  CHECK(merged == merge_ticket_kpi_partials(views));

  // Bytes that are not a partial: PARSE_ERROR naming partial[1], with row 1.
  const unsigned char junk[3] = {'T', 'X', 1};
  parts[1] = junk;
  const size_t junk_sizes[2] = {sizes[0], 3};
  CHECK(msp_ticket_kpi_merge_partials(parts, junk_sizes, 2, nullptr, 0, &required, &err) == MSP_STATUS_PARSE_ERROR);
  CHECK(err.row == 1);
  CHECK(std::string(err.message).find("partial[1]") != std::string::npos);
  parts[1] = nullptr;
  CHECK(msp_ticket_kpi_merge_partials(parts, sizes, 2, nullptr, 0, &required, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(std::string(err.message) == "partials[1] must not be NULL");
  // No partials: the empty partial (what merging nothing gives in C++ too).
  CHECK(msp_ticket_kpi_merge_partials(nullptr, nullptr, 0, nullptr, 0, &required, &err) == MSP_STATUS_OK);
  CHECK(required == merge_ticket_kpi_partials({}).size());
}

TEST_CASE("C ABI: the frame from partials equals the frame of the tickets", "[capi][kpi]") {
  const Tickets t;
  // Partitions' rows given unmerged: rows of the same group and period merge in the call.
  std::vector<Row> rows = c_partials(t.c(0, 2));
  for (Row& r : c_partials(t.c(2, 4))) rows.push_back(std::move(r));
  const char* kpis[6] = {"created", "closed", "backlog", "resolution_hours_mean", "nps", "top_categories"};
  msp_kpi_frame* from_partials = nullptr;
  msp_kpi_frame* direct = nullptr;
  msp_error err{};
  REQUIRE(frame_of(rows, kpis, 6, nullptr, &from_partials, &err) == MSP_STATUS_OK);
  const msp_ticket_kpi_columns in = t.c(0, 4);
  REQUIRE(msp_ticket_kpi_frame(&in, 2, "quarter", "Europe/Berlin", 1, nullptr, kpis, 6, nullptr, &direct, &err) ==
          MSP_STATUS_OK);
  int32_t periods = 0;
  REQUIRE(msp_kpi_frame_periods(from_partials, &periods, &err) == MSP_STATUS_OK);
  CHECK(periods == 2);
  char label[16];
  size_t required = 0;
  REQUIRE(msp_kpi_frame_period_label(from_partials, 0, label, sizeof label, &required, &err) == MSP_STATUS_OK);
  CHECK(std::string(label) == "2025-Q1");
  // Cells: group 0 Q1, group 0 Q2, group 1 Q1, group 1 Q2.
  const std::vector<std::vector<double>> expected{
      {2, 1, 0, 1},           // created: tickets 0 and 3; 1; none; 2
      {2, 0, 0, 1},           // closed
      {0, 1, 0, 0},           // backlog at period end: ticket 1 stays open
      {18, kNaN, kNaN, 6},    // resolution hours: (24 + 12) / 2; nothing resolved; 6
      {kNaN, kNaN, kNaN, 100} // NPS: one promoter of one response
  };
  for (std::size_t k = 0; k < expected.size(); ++k) {
    const std::vector<double> got = values(from_partials, kpis[k], 4);
    const std::vector<double> want = values(direct, kpis[k], 4);
    for (std::size_t i = 0; i < 4; ++i) {
      INFO(kpis[k] << " cell " << i);
      CHECK(same(got[i], expected[k][i]));
      CHECK(same(got[i], want[i]));
    }
  }
  REQUIRE(msp_kpi_frame_text(from_partials, "top_categories", 0, label, 0, &required, &err) ==
          MSP_STATUS_BUFFER_TOO_SMALL);
  std::string text(required, '\0');
  REQUIRE(msp_kpi_frame_text(from_partials, "top_categories", 0, text.data(), required, &required, &err) ==
          MSP_STATUS_OK);
  CHECK(std::string(text.c_str()) == "email (1), network (1)");  // a tie: by name
  msp_kpi_frame_free(from_partials);
  msp_kpi_frame_free(direct);
}

TEST_CASE("C ABI: the frame from partials selects KPIs as C++ and Python do, and names bad rows", "[capi][kpi]") {
  const Tickets t;
  const std::vector<Row> rows = c_partials(t.c(0, 4));
  msp_kpi_frame* f = nullptr;
  msp_error err{};
  double cells[4];
  // No list: every ticket KPI, but those needing endpoints only with endpoints.
  REQUIRE(frame_of(rows, nullptr, 0, nullptr, &f, &err) == MSP_STATUS_OK);
  CHECK(msp_kpi_frame_values(f, "created", cells, 4, &err) == MSP_STATUS_OK);
  CHECK(msp_kpi_frame_values(f, "tickets_per_endpoint", cells, 4, &err) == MSP_STATUS_NOT_FOUND);
  msp_kpi_frame_free(f);
  const double endpoints[2] = {4, kNaN};
  REQUIRE(frame_of(rows, nullptr, 0, endpoints, &f, &err) == MSP_STATUS_OK);
  REQUIRE(msp_kpi_frame_values(f, "tickets_per_endpoint", cells, 4, &err) == MSP_STATUS_OK);
  CHECK(cells[0] == 0.5);  // 2 tickets created / 4 endpoints
  CHECK(std::isnan(cells[2]));
  msp_kpi_frame_free(f);

  const std::vector<std::string> inputs = [] {
    std::vector<std::string> v = kpi_inputs("ticket");
    std::erase(v, "endpoints");
    return v;
  }();
  CHECK(select_kpis("ticket", std::nullopt, inputs).size() > 10);

  f = reinterpret_cast<msp_kpi_frame*>(1);  // reset by the call
  const char* unknown[1] = {"nope"};
  CHECK(frame_of(rows, unknown, 1, nullptr, &f, &err) == MSP_STATUS_NOT_FOUND);
  CHECK(std::string(err.message) == "unknown ticket KPI 'nope' (see kpi_dictionary())");
  CHECK(f == nullptr);
  const char* needs[1] = {"tickets_per_endpoint"};
  CHECK(frame_of(rows, needs, 1, nullptr, &f, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(std::string(err.message) == "KPI 'tickets_per_endpoint' needs endpoints");

  std::vector<Row> bad = rows;
  bad[2].bytes = "TK";
  CHECK(frame_of(bad, nullptr, 0, nullptr, &f, &err) == MSP_STATUS_PARSE_ERROR);
  CHECK(err.row == 2);
  bad = rows;
  bad[1].group = 5;
  CHECK(frame_of(bad, nullptr, 0, nullptr, &f, &err) == MSP_STATUS_OUT_OF_RANGE);
  CHECK(err.row == 1);
  CHECK(std::string(err.message) == "partial[1]: group 5 is outside 0..1");
  CHECK(msp_ticket_kpi_frame_from_partials(nullptr, nullptr, nullptr, nullptr, 1, 2, "quarter", nullptr, 1, nullptr, 0,
                                           nullptr, &f, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(msp_ticket_kpi_frame_from_partials(nullptr, nullptr, nullptr, nullptr, 0, 2, "quarter", nullptr, 1, nullptr, 0,
                                           nullptr, nullptr, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(std::string(err.message) == "out must not be NULL");
}

TEST_CASE("C ABI: partials handle errors: NULL, struct_size, row outside", "[capi][kpi]") {
  const Tickets t;
  msp_ticket_kpi_columns in = t.c(0, 4);
  msp_kpi_partials* p = nullptr;
  msp_error err{};
  CHECK(msp_ticket_kpi_partials(nullptr, 2, "quarter", nullptr, 1, nullptr, &p, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(std::string(err.message) == "tickets must not be NULL");
  in.struct_size = 8;
  CHECK(msp_ticket_kpi_partials(&in, 2, "quarter", nullptr, 1, nullptr, &p, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(std::string(err.message).find("msp_ticket_kpi_columns.struct_size 8 is not a size this library knows") == 0);
  CHECK(p == nullptr);
  in = t.c(0, 4);
  CHECK(msp_ticket_kpi_partials(&in, 2, "week", nullptr, 1, nullptr, &p, &err) == MSP_STATUS_INVALID_ARGUMENT);
  REQUIRE(msp_ticket_kpi_partials(&in, 2, "quarter", nullptr, 1, nullptr, &p, &err) == MSP_STATUS_OK);
  std::int32_t g = 0, period = 0;
  CHECK(msp_kpi_partials_row(p, 3, &g, &period, &err) == MSP_STATUS_OUT_OF_RANGE);
  CHECK(std::string(err.message) == "row 3 is outside the 3 rows of the partials");
  CHECK(msp_kpi_partials_bytes(p, 3, nullptr, 0, nullptr, &err) == MSP_STATUS_OUT_OF_RANGE);
  CHECK(msp_kpi_partials_bytes(p, 0, nullptr, 0, nullptr, &err) == MSP_STATUS_INVALID_ARGUMENT);  // query needs required
  CHECK(msp_kpi_partials_row(p, 0, nullptr, &period, &err) == MSP_STATUS_INVALID_ARGUMENT);
  size_t n = 0;
  CHECK(msp_kpi_partials_count(nullptr, &n, &err) == MSP_STATUS_INVALID_ARGUMENT);
  msp_kpi_partials_free(p);
  msp_kpi_partials_free(nullptr);  // a no-op
}

namespace {

std::int32_t day(int y, unsigned m, unsigned d) {
  using namespace std::chrono;
  return static_cast<std::int32_t>(sys_days{year{y} / month{m} / d}.time_since_epoch().count());
}

}  // namespace

TEST_CASE("C ABI: asset KPIs as of a date, equal to C++ and worked by hand", "[capi][kpi]") {
  const std::int32_t as_of = day(2025, 6, 30);
  // Group 0: a managed asset bought 2022-07-01 (2 whole years old), warranty to 2025-08-01
  // (covered, ends within 90 days), OS end of life 2025-10-14 (not yet); an unmanaged asset bought
  // 2019-01-01 (over 5 years), warranty ended 2024-01-01, OS end of life on as_of itself (past);
  // an asset bought after as_of (not in the inventory: counts nowhere). Group 1: one managed
  // asset with no dates.
  const std::vector<std::int32_t> group{0, 0, 0, 1};
  const std::vector<std::int8_t> managed{1, 0, -1, 1};
  const std::vector<std::int32_t> purchased{day(2022, 7, 1), day(2019, 1, 1), day(2025, 7, 15), MSP_NO_DAY};
  const std::vector<std::int32_t> warranty{day(2025, 8, 1), day(2024, 1, 1), MSP_NO_DAY, MSP_NO_DAY};
  const std::vector<std::int32_t> eol{day(2025, 10, 14), as_of, MSP_NO_DAY, MSP_NO_DAY};
  msp_asset_kpi_columns in = MSP_ASSET_KPI_COLUMNS_INIT;
  CHECK((in.struct_size == 7 * sizeof(void*) && in.n == 0 && in.group == nullptr && in.os_eol == nullptr));
  in.n = 4;
  in.group = group.data();
  in.managed = managed.data();
  in.purchased = purchased.data();
  in.warranty_end = warranty.data();
  in.os_eol = eol.data();
  msp_kpi_frame* f = nullptr;
  msp_error err{};
  REQUIRE(msp_asset_kpi_frame(&in, 2, as_of, nullptr, 0, &f, &err) == MSP_STATUS_OK);  // every asset KPI
  int32_t periods = 0;
  REQUIRE(msp_kpi_frame_periods(f, &periods, &err) == MSP_STATUS_OK);
  CHECK(periods == 1);
  char label[16];
  size_t required = 0;
  REQUIRE(msp_kpi_frame_period_label(f, 0, label, sizeof label, &required, &err) == MSP_STATUS_OK);
  CHECK(std::string(label) == "2025-06-30");
  // Ages 1095 days (2022-07-01 .. 2025-06-30: 3 x 365 + 2024's leap day - 1) and 2372 days
  // (2019-01-01 .. 2025-01-01 is 6 x 365 + 2 leap days = 2192, + 180 days to 30 June).
  const double median_years = (1095.0 + 2372.0) / 2 / 365.25;
  const std::vector<std::pair<const char*, std::vector<double>>> expected{
      {"assets", {2, 1}},
      {"managed_pct", {50, 100}},
      {"age_years_median", {median_years, kNaN}},
      {"age_under_1y_pct", {0, kNaN}},
      {"age_1_3y_pct", {50, kNaN}},
      {"age_3_5y_pct", {0, kNaN}},
      {"age_over_5y_pct", {50, kNaN}},
      {"warranty_covered_pct", {50, kNaN}},
      {"warranty_expired_pct", {50, kNaN}},
      {"warranty_expiring_90d_pct", {50, kNaN}},
      {"os_past_eol", {1, 0}},
      {"os_past_eol_pct", {50, kNaN}},
  };
  std::vector<std::string> ids;
  for (const auto& [id, v] : expected) ids.emplace_back(id);
  const std::vector<KpiColumn> cpp = asset_kpis({group, managed, purchased, warranty, eol}, 2, as_of, ids);
  for (std::size_t k = 0; k < expected.size(); ++k) {
    const auto& [id, want] = expected[k];
    const std::vector<double> got = values(f, id, 2);
    for (std::size_t g = 0; g < 2; ++g) {
      INFO(id << " group " << g);
      if (std::string(id) == "age_years_median" && g == 0) {  // 4.746... years
        CHECK(got[g] == Approx(want[g]).epsilon(1e-12));
      } else {
        CHECK(same(got[g], want[g]));
      }
      CHECK(same(got[g], cpp[k].integer ? static_cast<double>(cpp[k].counts[g]) : cpp[k].values[g]));
    }
  }
  msp_kpi_frame_free(f);
}

TEST_CASE("C ABI: asset KPI errors name the KPI, column, row and struct", "[capi][kpi]") {
  const std::vector<std::int32_t> group{0, 3};
  msp_asset_kpi_columns in = MSP_ASSET_KPI_COLUMNS_INIT;
  in.n = 1;
  in.group = group.data();
  msp_kpi_frame* f = nullptr;
  msp_error err{};
  const std::int32_t as_of = day(2025, 6, 30);
  // Only groups given: the one asset KPI needing nothing else.
  REQUIRE(msp_asset_kpi_frame(&in, 1, as_of, nullptr, 0, &f, &err) == MSP_STATUS_OK);
  double cells[1];
  CHECK(msp_kpi_frame_values(f, "assets", cells, 1, &err) == MSP_STATUS_OK);
  CHECK(cells[0] == 1);
  CHECK(msp_kpi_frame_values(f, "managed_pct", cells, 1, &err) == MSP_STATUS_NOT_FOUND);
  msp_kpi_frame_free(f);
  f = nullptr;
  const char* ticket[1] = {"created"};
  CHECK(msp_asset_kpi_frame(&in, 1, as_of, ticket, 1, &f, &err) == MSP_STATUS_NOT_FOUND);
  CHECK(std::string(err.message) == "unknown asset KPI 'created' (see kpi_dictionary())");
  const char* needs[1] = {"managed_pct"};
  CHECK(msp_asset_kpi_frame(&in, 1, as_of, needs, 1, &f, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(std::string(err.message) == "KPI 'managed_pct' needs managed");
  in.n = 2;
  CHECK(msp_asset_kpi_frame(&in, 2, as_of, nullptr, 0, &f, &err) == MSP_STATUS_OUT_OF_RANGE);
  CHECK(err.row == 1);
  CHECK(std::string(err.message) == "group[1] is 3, outside 0..1");
  CHECK(msp_asset_kpi_frame(&in, 4, MSP_NO_DAY, nullptr, 0, &f, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(std::string(err.message) == "as_of is missing");
  in.group = nullptr;
  CHECK(msp_asset_kpi_frame(&in, 4, as_of, nullptr, 0, &f, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(std::string(err.message) == "group must not be NULL");
  in.struct_size = 0;  // filled without its initialiser
  CHECK(msp_asset_kpi_frame(&in, 4, as_of, nullptr, 0, &f, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(std::string(err.message) == "msp_asset_kpi_columns.struct_size 0 is not a size this library knows (expected " +
                                        std::to_string(sizeof(msp_asset_kpi_columns)) + ")");
  CHECK(msp_asset_kpi_frame(nullptr, 4, as_of, nullptr, 0, &f, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(std::string(err.message) == "assets must not be NULL");
  CHECK(f == nullptr);
}

TEST_CASE("C ABI: KPI trend equals C++ kpi_trend and the hand-worked series", "[capi][kpi]") {
  // Group 0: 10, 12, null, 14, 30.  Group 1: 5, 5, 5, 5, 5 (the C++ test's series).
  const std::vector<double> v{10, 12, kNaN, 14, 30, 5, 5, 5, 5, 5};
  std::vector<double> delta(10), slope(10), mean(10);
  std::vector<std::int8_t> unusual(10);
  msp_error err{};
  REQUIRE(msp_kpi_trend(v.data(), 2, 5, 3, delta.data(), slope.data(), mean.data(), unusual.data(), &err) ==
          MSP_STATUS_OK);
  const KpiTrend cpp = kpi_trend(v, 2, 5, 3);
  for (std::size_t i = 0; i < 10; ++i) {
    INFO("cell " << i);
    CHECK(same(delta[i], cpp.delta[i]));
    CHECK(same(slope[i], cpp.slope[i]));
    CHECK(same(mean[i], cpp.moving_average[i]));
    CHECK(unusual[i] == cpp.unusual[i]);
  }
  CHECK(delta[1] == 2.0);
  CHECK(std::isnan(delta[3]));  // the previous period is null
  CHECK(delta[4] == 16.0);
  CHECK(slope[4] == Approx(16.0));  // window 3 at period 4: (3, 14), (4, 30)
  CHECK(mean[4] == Approx(22.0));
  CHECK(unusual[2] == -1);  // a null value has no verdict
  CHECK(unusual[5] == 0);
  CHECK(std::isnan(slope[5]));  // one point in the window
  // Outputs not wanted may be NULL.
  std::vector<std::int8_t> only(10, 7);
  REQUIRE(msp_kpi_trend(v.data(), 2, 5, 3, nullptr, nullptr, nullptr, only.data(), &err) == MSP_STATUS_OK);
  CHECK(only == unusual);
  // Errors: window below 2, NULL values, negative sizes.
  CHECK(msp_kpi_trend(v.data(), 2, 5, 1, nullptr, nullptr, nullptr, nullptr, &err) == MSP_STATUS_OUT_OF_RANGE);
  CHECK(std::string(err.message) == "kpi_trend: window must be at least 2, got 1");
  CHECK(msp_kpi_trend(nullptr, 2, 5, 3, nullptr, nullptr, nullptr, nullptr, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(std::string(err.message) == "values must not be NULL");
  CHECK(msp_kpi_trend(v.data(), -1, 5, 3, nullptr, nullptr, nullptr, nullptr, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(msp_kpi_trend(nullptr, 0, 0, 2, nullptr, nullptr, nullptr, nullptr, &err) == MSP_STATUS_OK);  // no series
}
