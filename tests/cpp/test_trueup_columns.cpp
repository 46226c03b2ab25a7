// True-up in bulk (trueup_columns.hpp): the columns keep each distinct text once, and the
// compact tables say what reconcile()'s records say. Values are worked out in the comments.
#include <mspcore/contract/trueup_columns.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <cstdio>

using namespace mspcore;
using mspcore::test::code_of;

namespace {

ContractLine line(const char* tenant, const char* sku, std::int64_t quantity) {
  ContractLine l;
  l.tenant = tenant;
  l.contract_id = std::string("C-") + tenant;
  l.line_id = "L-1";
  l.sku = sku;
  l.quantity = quantity;
  l.unit_price = Money::parse("10.00", "EUR");
  l.term_start = parse_date("2024-01-01");
  return l;
}

Observation seen(const char* tenant, const char* sku, ObservationSource source, std::int64_t quantity) {
  return Observation{tenant, sku, source, quantity, parse_instant("2024-05-01T00:00:00Z"), std::nullopt};
}

}  // namespace

TEST_CASE("true-up columns: text is stored once per distinct value, in order of appearance", "[contract][trueup]") {
  TextColumn c;
  CHECK(c.push_back("beta") == 0);
  CHECK(c.push_back("beta") == 0);  // a repeat of the previous row
  CHECK(c.push_back("alpha") == 1);
  CHECK(c.push_back("beta") == 0);  // a value seen before, not the previous row
  CHECK(c.values() == std::vector<std::string>{"beta", "alpha"});
  CHECK(c.codes() == std::vector<std::uint32_t>{0, 0, 1, 0});
  CHECK(c[2] == "alpha");
}

TEST_CASE("true-up columns: rows with unit detail come back as they went in", "[contract][trueup]") {
  ObservationColumns o;
  o.push_back(seen("acme", "M365", ObservationSource::Vendor, 3));
  Observation with_units = seen("acme", "M365", ObservationSource::License, 2);
  with_units.units = std::vector<BillableUnit>{{"a@acme.example"}, {"b@acme.example", true}};
  o.push_back(std::move(with_units));
  REQUIRE(o.size() == 2);
  REQUIRE(o.units.size() == 1);
  CHECK(o.units[0].first == 1);
  CHECK_FALSE(o.row(0).units.has_value());
  const Observation back = o.row(1);
  REQUIRE(back.units.has_value());
  CHECK(back.units->at(1).identity == "b@acme.example");
  CHECK(back.units->at(1).shared);
  CHECK(back.source == ObservationSource::License);
}

TEST_CASE("true-up columns: the tables refer to groups and lines and agree with the records",
          "[contract][trueup]") {
  // zeta's line is listed first, but results are sorted by tenant: acme, then zeta.
  const std::vector<ContractLine> lines{line("zeta", "M365", 5), line("acme", "M365", 10)};
  const std::vector<Observation> obs{
      seen("zeta", "M365", ObservationSource::License, 7),   // 7 assigned vs 5 billed: leakage 2
      seen("acme", "M365", ObservationSource::Vendor, 12),   // purchased 12
      seen("acme", "M365", ObservationSource::License, 10),  // assigned 10 = contract: no change
      seen("acme", "Unknown", ObservationSource::Rmm, 1)};   // no line, no map: unmapped
  ObservationColumns columns;
  for (const Observation& o : obs) columns.push_back(Observation(o));
  const Instant as_of = parse_instant("2024-05-10T00:00:00Z");
  const ReconcileTables t = reconcile_tables(lines, columns, as_of);

  CHECK(t.tenants == std::vector<std::string>{"acme", "zeta"});
  REQUIRE(t.deviations.size() == 2);
  // acme: shelfware 12 - 10 = 2, priced by line 1 (20.00 a month).
  const DeviationRow& shelf = t.deviations[0];
  CHECK(shelf.kind == DeviationKind::Shelfware);
  CHECK(shelf.gap == 2);
  CHECK(shelf.line == 1);
  CHECK(shelf.monthly_value == Decimal::parse("20.00"));
  CHECK(t.tenants[t.groups[shelf.group].tenant] == "acme");
  CHECK(t.evidence_of(t.groups[shelf.group]).size() == 2);  // vendor and license
  // zeta: leakage 2 (7 assigned, billed from the contract's 5), and a true-up of line 0.
  const DeviationRow& leak = t.deviations[1];
  CHECK(leak.kind == DeviationKind::RevenueLeakage);
  CHECK(leak.gap == 2);
  CHECK(leak.line == 0);
  CHECK(t.groups[leak.group].quantities.billed_from_contract);
  REQUIRE(t.proposals.size() == 1);
  CHECK(t.proposals[0].line == 0);
  CHECK(t.proposals[0].quantity_after == 7);
  CHECK(t.unmapped == std::vector<std::uint32_t>{3});

  const ReconcileResult records = to_records(t, lines, columns);
  const ReconcileResult direct = reconcile(lines, obs, as_of);
  REQUIRE(records.deviations.size() == direct.deviations.size());
  for (std::size_t i = 0; i < direct.deviations.size(); ++i) {
    CHECK(records.deviations[i].tenant == direct.deviations[i].tenant);
    CHECK(records.deviations[i].line_id == direct.deviations[i].line_id);
    CHECK(*records.deviations[i].annual_value == *direct.deviations[i].annual_value);
    CHECK(records.deviations[i].evidence.size() == direct.deviations[i].evidence.size());
  }
  REQUIRE(records.proposals.size() == 1);
  CHECK(records.proposals[0].tenant == "zeta");
  CHECK(records.proposals[0].amount == direct.proposals[0].amount);
  REQUIRE(records.unmapped.size() == 1);
  CHECK(records.unmapped[0].sku == "Unknown");
  CHECK(fingerprint_inputs(lines, columns, {}, {}).observations ==
        fingerprint_inputs(lines, obs, {}, {}).observations);
}

TEST_CASE("true-up columns: bad rows are named by their row, the first one first", "[contract][trueup]") {
  const std::vector<ContractLine> lines{line("acme", "M365", 1)};
  ObservationColumns columns;
  columns.push_back(seen("acme", "M365", ObservationSource::License, 1));
  columns.push_back(seen("acme", "M365", ObservationSource::License, -4));
  columns.push_back(seen("", "M365", ObservationSource::License, 1));
  try {
    reconcile_tables(lines, columns, parse_instant("2024-05-10T00:00:00Z"));
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::INVALID_ARGUMENT);
    CHECK(e.row() == 1);  // row 1 (negative) comes before row 2 (no tenant)
    CHECK(std::string(e.what()).find("quantity -4 must be >= 0") != std::string::npos);
  }
}

TEST_CASE("true-up columns: groups judged on several cores join in order", "[contract][trueup]") {
  // 120,000 tenants (more than one range of 50,000 groups), one line of 10 each; the licence
  // tool reports 10 + t % 3, so tenants with t % 3 = 1 or 2 leak 1 or 2 units and get a
  // true-up of that many; t % 3 = 0 matches the contract and has no row at all.
  constexpr int kTenants = 120'000;
  std::vector<ContractLine> lines;
  ObservationColumns columns;
  lines.reserve(kTenants);
  for (int t = 0; t < kTenants; ++t) {
    char name[16];
    std::snprintf(name, sizeof name, "T%06d", t);  // zero-padded: sorted names are input order
    lines.push_back(line(name, "M365", 10));
    columns.push_back(seen(name, "M365", ObservationSource::License, 10 + t % 3));
  }
  const ReconcileTables tables = reconcile_tables(lines, columns, parse_instant("2024-05-10T00:00:00Z"));
  REQUIRE(tables.deviations.size() == 80'000);
  REQUIRE(tables.proposals.size() == 80'000);
  REQUIRE(tables.groups.size() == 80'000);
  std::size_t next = 0;
  for (int t = 0; t < kTenants; ++t) {
    if (t % 3 == 0) continue;
    const DeviationRow& d = tables.deviations[next];
    const ProposalRow& p = tables.proposals[next];
    const ReconcileGroup& g = tables.groups[d.group];
    REQUIRE(d.group == next);
    REQUIRE(p.group == next);
    REQUIRE(d.line == static_cast<std::uint32_t>(t));
    REQUIRE(d.gap == t % 3);
    REQUIRE(p.delta_quantity == t % 3);
    REQUIRE(g.tenant == static_cast<std::uint32_t>(t));  // the tenant's rank
    const auto evidence = tables.evidence_of(g);
    REQUIRE(evidence.size() == 1);
    REQUIRE(evidence[0].reported == 10 + t % 3);
    ++next;
  }
}
