// Worked true-up examples; every expected value is computed by hand in the comment beside it.
#include <mspcore/contract/trueup.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace mspcore;
using mspcore::test::code_of;
using std::chrono::sys_days;

namespace {

sys_days day(const char* text) { return parse_date(text); }
// A date means its midnight UTC.
Instant at(const char* text) {
  const std::string t(text);
  return t.size() == 10 ? Instant(parse_date(t)) : parse_instant(t);
}

ContractLine line(std::int64_t quantity, const char* price, const char* term_start) {
  ContractLine l;
  l.tenant = "acme";
  l.contract_id = "C-1";
  l.line_id = "L-1";
  l.sku = "M365-BP";
  l.quantity = quantity;
  l.unit_price = Money::parse(price, "EUR");
  l.term_start = day(term_start);
  return l;
}

Observation seen(ObservationSource source, std::int64_t quantity, const char* as_of, const char* sku = "M365-BP") {
  Observation o;
  o.tenant = "acme";
  o.sku = sku;
  o.source = source;
  o.quantity = quantity;
  o.as_of = at(as_of);
  return o;
}

Observation seen_units(ObservationSource source, std::vector<BillableUnit> units, const char* as_of) {
  Observation o = seen(source, static_cast<std::int64_t>(units.size()), as_of);
  o.units = std::move(units);
  return o;
}

ReconcileResult run(const std::vector<ContractLine>& lines, const std::vector<Observation>& obs, const char* as_of,
                    const SkuMap& map = {}, const TrueUpRules& rules = {}) {
  return reconcile(lines, obs, at(as_of), map, rules);
}

}  // namespace

TEST_CASE("true-up: annual NCE increase mid-term is prorated to the term end", "[contract][trueup]") {
  ContractLine l = line(10, "120.00", "2024-01-01");
  l.term_end = day("2025-01-01");
  l.term_kind = TermKind::NceAnnual;
  l.billing_period = BillingPeriod::Annual;
  const auto r = run({l}, {seen(ObservationSource::License, 12, "2024-07-01")}, "2024-07-01T09:00:00Z");
  REQUIRE(r.proposals.size() == 1);
  const Proposal& p = r.proposals[0];
  CHECK(p.action == ProposalAction::TrueUp);
  CHECK(p.delta_quantity == 2);
  CHECK(p.quantity_before == 10);
  CHECK(p.quantity_after == 12);
  CHECK(p.effective_date == day("2024-07-01"));
  CHECK_FALSE(p.deferred_until);
  CHECK(p.prorated_to == day("2025-01-01"));
  // 120.00 x 2 x 184/366 (Jul 1 .. Jan 1 of leap 2024) = 44160/366 = 120.655.. -> 120.66
  CHECK(p.amount == Money::parse("120.66", "EUR"));
  CHECK(p.rule == "true_up.prorated_to_term_end");
  REQUIRE(p.evidence.size() == 1);
  CHECK(p.evidence[0].source == ObservationSource::License);
  CHECK(p.evidence[0].counted == 12);
  CHECK(p.evidence[0].as_of == at("2024-07-01T00:00:00Z"));
}

TEST_CASE("true-up: annual NCE billed monthly sums the partial month and the whole months", "[contract][trueup]") {
  ContractLine l = line(10, "10.00", "2024-01-01");
  l.term_end = day("2025-01-01");
  l.term_kind = TermKind::NceAnnual;
  const auto r = run({l}, {seen(ObservationSource::Rmm, 12, "2024-07-15")}, "2024-07-15T08:00:00Z");
  REQUIRE(r.proposals.size() == 1);
  // 10.00 x 2 x (17/31 + 5) = 3440/31 = 110.967.. -> 110.97, rounded once
  CHECK(r.proposals[0].amount == Money::parse("110.97", "EUR"));
  CHECK(r.proposals[0].prorated_to == day("2025-01-01"));
}

TEST_CASE("true-up: NCE decrease on day 6 applies, on day 8 waits for the renewal", "[contract][trueup]") {
  ContractLine l = line(10, "20.00", "2024-03-01");
  l.term_end = day("2025-03-01");
  l.term_kind = TermKind::NceAnnual;

  SECTION("day 6: within 168 hours of the term start") {
    const auto r = run({l}, {seen(ObservationSource::License, 8, "2024-03-06")}, "2024-03-06T12:00:00Z");
    REQUIRE(r.proposals.size() == 1);
    const Proposal& p = r.proposals[0];
    CHECK(p.action == ProposalAction::TrueDown);
    CHECK(p.delta_quantity == 2);
    CHECK(p.effective_date == day("2024-03-06"));
    CHECK_FALSE(p.deferred_until);
    CHECK(p.rule == "true_down.nce_cancellation_window");
    CHECK(p.prorated_to == day("2025-03-01"));
    // -(20.00 x 2 x (26/31 + 11)) = -14680/31 = -473.548.. -> -473.55
    CHECK(p.amount == Money::parse("-473.55", "EUR"));
  }
  SECTION("day 8: 180 hours after the start, deferred to the renewal") {
    const auto r = run({l}, {seen(ObservationSource::License, 8, "2024-03-08")}, "2024-03-08T12:00:00Z");
    REQUIRE(r.proposals.size() == 1);
    const Proposal& p = r.proposals[0];
    CHECK(p.effective_date == day("2025-03-01"));
    REQUIRE(p.deferred_until);
    CHECK(*p.deferred_until == day("2025-03-01"));
    CHECK(p.rule == "true_down.nce_deferred_to_renewal");
    CHECK(p.prorated_to == day("2026-03-01"));
    CHECK(p.amount == Money::parse("-480.00", "EUR"));  // 20.00 x 2 x 12 months of the next term
  }
  SECTION("exactly 168 hours is no longer within the window") {
    const auto r = run({l}, {seen(ObservationSource::License, 8, "2024-03-08")}, "2024-03-08T00:00:00Z");
    REQUIRE(r.proposals.size() == 1);
    CHECK(r.proposals[0].rule == "true_down.nce_deferred_to_renewal");
  }
  SECTION("after a renewal the window opens again") {
    const auto r = run({l}, {seen(ObservationSource::License, 8, "2025-03-03")}, "2025-03-03T00:00:00Z");
    REQUIRE(r.proposals.size() == 1);
    CHECK(r.proposals[0].rule == "true_down.nce_cancellation_window");
    CHECK(r.proposals[0].effective_date == day("2025-03-03"));
    CHECK(r.proposals[0].prorated_to == day("2026-03-01"));
  }
}

TEST_CASE("true-up: decreases stop at the commitment minimum", "[contract][trueup]") {
  ContractLine l = line(10, "15.00", "2024-01-01");
  l.commitment_minimum = 8;
  const auto r = run({l}, {seen(ObservationSource::License, 5, "2024-05-10")}, "2024-05-10T10:00:00Z");
  REQUIRE(r.proposals.size() == 1);
  const Proposal& p = r.proposals[0];
  CHECK(p.delta_quantity == 2);
  CHECK(p.quantity_after == 8);
  CHECK(p.limited_by_commitment);
  CHECK(p.rule == "true_down.immediate");
  CHECK(p.prorated_to == day("2024-06-01"));
  CHECK(p.amount == Money::parse("-21.29", "EUR"));  // -(15.00 x 2 x 22/31) = -21.290..

  l.quantity = 8;
  const auto at_floor = run({l}, {seen(ObservationSource::License, 5, "2024-05-10")}, "2024-05-10T10:00:00Z");
  CHECK(at_floor.proposals.empty());
  REQUIRE(at_floor.held.size() == 1);
  CHECK(at_floor.held[0].reason == "commitment_minimum");
  CHECK(at_floor.held[0].wanted_delta == -3);
  // The refund risk stays visible even though no proposal can act on it.
  REQUIRE(at_floor.deviations.size() == 1);
  CHECK(at_floor.deviations[0].kind == DeviationKind::RefundRisk);
  CHECK(at_floor.deviations[0].gap == 3);
}

TEST_CASE("true-up: true-down policies set the effective date", "[contract][trueup]") {
  ContractLine l = line(10, "15.00", "2024-01-01");
  const std::vector<Observation> obs{seen(ObservationSource::License, 7, "2024-05-10")};
  SECTION("next_period") {
    l.true_down = TrueDownPolicy::NextPeriod;
    const auto r = run({l}, obs, "2024-05-10T10:00:00Z");
    REQUIRE(r.proposals.size() == 1);
    CHECK(r.proposals[0].effective_date == day("2024-06-01"));
    CHECK(r.proposals[0].deferred_until == day("2024-06-01"));
    CHECK(r.proposals[0].prorated_to == day("2024-07-01"));
    CHECK(r.proposals[0].amount == Money::parse("-45.00", "EUR"));  // a whole month of 3 units
  }
  SECTION("at_renewal on a fixed term") {
    l.term_kind = TermKind::Fixed;
    l.term_end = day("2025-01-01");
    l.true_down = TrueDownPolicy::AtRenewal;
    const auto r = run({l}, obs, "2024-05-10T10:00:00Z");
    REQUIRE(r.proposals.size() == 1);
    CHECK(r.proposals[0].effective_date == day("2025-01-01"));
    CHECK(r.proposals[0].rule == "true_down.at_renewal");
  }
  SECTION("never holds the change") {
    l.true_down = TrueDownPolicy::Never;
    const auto r = run({l}, obs, "2024-05-10T10:00:00Z");
    CHECK(r.proposals.empty());
    REQUIRE(r.held.size() == 1);
    CHECK(r.held[0].reason == "true_down_never");
  }
  SECTION("arrears invoices at the end of the period") {
    l.billing_mode = BillingMode::Arrears;
    const auto r = run({l}, obs, "2024-05-10T10:00:00Z");
    REQUIRE(r.proposals.size() == 1);
    CHECK(r.proposals[0].effective_date == day("2024-05-10"));
    CHECK(r.proposals[0].invoice_date == day("2024-06-01"));
  }
}

TEST_CASE("true-up: tolerance suppresses noise", "[contract][trueup]") {
  ContractLine l = line(100, "5.00", "2024-01-01");
  SECTION("absolute units") {
    l.tolerance.units = 1;
    const auto r = run({l}, {seen(ObservationSource::License, 101, "2024-05-10")}, "2024-05-10T00:00:00Z");
    CHECK(r.proposals.empty());
    CHECK(r.deviations.empty());
    const auto beyond = run({l}, {seen(ObservationSource::License, 102, "2024-05-10")}, "2024-05-10T00:00:00Z");
    CHECK(beyond.proposals.size() == 1);
  }
  SECTION("percent of the contract quantity") {
    l.tolerance.percent = Decimal::parse("5");
    const auto r = run({l}, {seen(ObservationSource::License, 105, "2024-05-10")}, "2024-05-10T00:00:00Z");
    CHECK(r.proposals.empty());  // 5 <= 5 % of 100
    const auto beyond = run({l}, {seen(ObservationSource::License, 106, "2024-05-10")}, "2024-05-10T00:00:00Z");
    REQUIRE(beyond.proposals.size() == 1);
    CHECK(beyond.proposals[0].delta_quantity == 6);
  }
}

TEST_CASE("true-up: a person is counted once across the directory and the RMM", "[contract][trueup]") {
  const ContractLine l = line(2, "10.00", "2024-01-01");
  const std::vector<Observation> obs{
      seen_units(ObservationSource::License,
                 {{"alice@acme.example"}, {"bob@acme.example"}, {"carol@acme.example"}, {"svc-backup@acme.example"}},
                 "2024-05-01"),
      seen_units(ObservationSource::Rmm,
                 {{" Alice@ACME.example "},
                  {"dave@acme.example"},
                  {"carol@acme.example", false, true},
                  {"eve@acme.example", false, false, true},
                  {"frontdesk@acme.example", true},
                  {"svc-backup@acme.example", false, false, false, true}},
                 "2024-05-02")};
  const auto r = run({l}, obs, "2024-05-10T00:00:00Z");
  // Billable: alice (once, whatever the case), bob, dave. Carol is a kiosk user in the RMM,
  // eve pays herself, frontdesk is shared, svc-backup is a service account.
  REQUIRE(r.proposals.size() == 1);
  CHECK(r.proposals[0].delta_quantity == 1);  // 3 assigned - 2 contracted
  REQUIRE(r.proposals[0].evidence.size() == 2);
  CHECK(r.proposals[0].evidence[0].reported == 4);
  CHECK(r.proposals[0].evidence[0].counted == 2);  // alice, bob (carol and svc-backup excluded)
  CHECK(r.proposals[0].evidence[1].reported == 6);
  CHECK(r.proposals[0].evidence[1].counted == 2);  // alice, dave

  TrueUpRules keep_all;
  keep_all.exclude_kiosk = keep_all.exclude_self_paid = keep_all.exclude_shared = false;
  keep_all.exclude_service_accounts = false;
  const auto all = run({l}, obs, "2024-05-10T00:00:00Z", {}, keep_all);
  REQUIRE(all.proposals.size() == 1);
  CHECK(all.proposals[0].delta_quantity == 5);  // alice bob carol svc-backup dave eve frontdesk = 7
}

TEST_CASE("true-up: three-way deviations with their money value", "[contract][trueup]") {
  const ContractLine l = line(12, "10.00", "2024-01-01");
  const auto r = run({l},
                     {seen(ObservationSource::Vendor, 20, "2024-05-01"), seen(ObservationSource::License, 15, "2024-05-01"),
                      seen(ObservationSource::Rmm, 14, "2024-05-01")},
                     "2024-05-10T00:00:00Z");
  REQUIRE(r.deviations.size() == 2);
  const Deviation& leak = r.deviations[0];
  CHECK(leak.kind == DeviationKind::RevenueLeakage);
  CHECK(leak.gap == 3);  // assigned max(15, 14) - billed 12 (the contract)
  CHECK(leak.quantities.billed_from_contract);
  CHECK(*leak.monthly_value == Money::parse("30.00", "EUR"));
  CHECK(*leak.annual_value == Money::parse("360.00", "EUR"));
  const Deviation& shelf = r.deviations[1];
  CHECK(shelf.kind == DeviationKind::Shelfware);
  CHECK(shelf.gap == 5);  // purchased 20 - assigned 15
  CHECK(*shelf.annual_value == Money::parse("600.00", "EUR"));
}

TEST_CASE("true-up: billing observations are the billed quantity", "[contract][trueup]") {
  ContractLine l = line(12, "10.00", "2024-01-01");
  l.billing_period = BillingPeriod::Quarterly;
  const auto r = run({l},
                     {seen(ObservationSource::Billing, 11, "2024-05-01"), seen(ObservationSource::License, 12, "2024-05-01"),
                      seen(ObservationSource::Vendor, 10, "2024-05-01")},
                     "2024-05-10T00:00:00Z");
  // The contract matches the usage (no proposal) but the invoice bills one unit too few,
  // and one unit is used without a vendor licence.
  CHECK(r.proposals.empty());
  REQUIRE(r.deviations.size() == 2);
  CHECK(r.deviations[0].kind == DeviationKind::RevenueLeakage);
  CHECK_FALSE(r.deviations[0].quantities.billed_from_contract);
  CHECK(*r.deviations[0].monthly_value == Money::parse("3.33", "EUR"));  // 10.00 per quarter / 3
  CHECK(*r.deviations[0].annual_value == Money::parse("40.00", "EUR"));
  CHECK(r.deviations[1].kind == DeviationKind::Unlicensed);
  CHECK(r.deviations[1].gap == 2);
}

TEST_CASE("true-up: the latest observation per source wins; later ones are ignored", "[contract][trueup]") {
  const ContractLine l = line(10, "10.00", "2024-01-01");
  const auto r = run({l},
                     {seen(ObservationSource::License, 30, "2024-04-01"), seen(ObservationSource::License, 6, "2024-05-01"),
                      seen(ObservationSource::License, 5, "2024-05-01", "m365-bp"),
                      seen(ObservationSource::License, 99, "2024-06-01")},
                     "2024-05-10T00:00:00Z");
  REQUIRE(r.proposals.size() == 1);
  CHECK(r.proposals[0].action == ProposalAction::TrueUp);
  CHECK(r.proposals[0].delta_quantity == 1);  // 6 + 5 at the latest as_of; 99 is after the run
  CHECK(r.proposals[0].evidence[0].observations == 2);
}

TEST_CASE("true-up: SKU map and unmapped observations", "[contract][trueup]") {
  const ContractLine l = line(10, "10.00", "2024-01-01");
  SkuMap map;
  map.add("Microsoft 365 Business Premium", "M365-BP");
  const auto r = run({l},
                     {seen(ObservationSource::Vendor, 10, "2024-05-01", "microsoft 365 business premium"),
                      seen(ObservationSource::License, 10, "2024-05-01"),
                      seen(ObservationSource::Rmm, 4, "2024-05-01", "Contoso Widget")},
                     "2024-05-10T00:00:00Z", map);
  CHECK(r.deviations.empty());
  CHECK(r.proposals.empty());
  REQUIRE(r.unmapped.size() == 1);
  CHECK(r.unmapped[0].index == 2);
  CHECK(r.unmapped[0].sku == "Contoso Widget");
  CHECK(r.unmapped[0].quantity == 4);

  CHECK(code_of([&] { map.add("microsoft 365 business premium ", "OTHER"); }) == ErrorCode::INVALID_ARGUMENT);
}

TEST_CASE("true-up: usage without a contract line is leakage without a price", "[contract][trueup]") {
  const ContractLine l = line(10, "10.00", "2024-01-01");
  Observation other = seen(ObservationSource::License, 3, "2024-05-01", "M365-BP");
  other.tenant = "globex";
  const auto r = run({l}, {other}, "2024-05-10T00:00:00Z");
  REQUIRE(r.deviations.size() == 1);
  CHECK(r.deviations[0].tenant == "globex");
  CHECK(r.deviations[0].kind == DeviationKind::RevenueLeakage);
  CHECK(r.deviations[0].gap == 3);
  CHECK(r.deviations[0].line_id.empty());
  CHECK_FALSE(r.deviations[0].monthly_value);
  CHECK(r.proposals.empty());
}

TEST_CASE("true-up: no assigned source means no judgement, not zero usage", "[contract][trueup]") {
  const ContractLine l = line(10, "10.00", "2024-01-01");
  const auto r = run({l}, {seen(ObservationSource::Vendor, 10, "2024-05-01")}, "2024-05-10T00:00:00Z");
  CHECK(r.deviations.empty());
  CHECK(r.proposals.empty());
}

TEST_CASE("true-up: bad input names the record", "[contract][trueup]") {
  std::string message;
  ContractLine bad = line(-2, "10.00", "2024-01-01");
  bad.line_id = "L-7";
  CHECK(code_of([&] { run({line(1, "10.00", "2024-01-01"), bad}, {}, "2024-05-10T00:00:00Z"); }, &message) ==
        ErrorCode::INVALID_ARGUMENT);
  CHECK_THAT(message, Catch::Contains("contracts[1]") && Catch::Contains("'L-7'") &&
                          Catch::Contains("quantity -2 must be >= 0"));

  ContractLine twice = line(1, "10.00", "2024-01-01");
  CHECK(code_of([&] { run({twice, twice}, {}, "2024-05-10T00:00:00Z"); }, &message) == ErrorCode::INVALID_ARGUMENT);
  CHECK_THAT(message, Catch::Contains("duplicate line id 'L-1'"));

  ContractLine backwards = line(1, "10.00", "2024-06-01");
  backwards.term_end = day("2024-01-01");
  CHECK(code_of([&] { run({backwards}, {}, "2024-05-10T00:00:00Z"); }, &message) == ErrorCode::INVALID_ARGUMENT);
  CHECK_THAT(message, Catch::Contains("term_end 2024-01-01 must be after term_start 2024-06-01"));

  ContractLine dollars = line(1, "10.00", "2024-01-01");
  dollars.line_id = "L-2";
  dollars.unit_price = Money::parse("10.00", "USD");
  CHECK(code_of([&] { run({line(1, "10.00", "2024-01-01"), dollars}, {}, "2024-05-10T00:00:00Z"); }, &message) ==
        ErrorCode::CURRENCY_MISMATCH);
  CHECK_THAT(message, Catch::Contains("two currencies"));

  ContractLine nce = line(1, "10.00", "2024-01-01");
  nce.term_kind = TermKind::NceAnnual;
  CHECK(code_of([&] { run({nce}, {}, "2024-05-10T00:00:00Z"); }, &message) == ErrorCode::INVALID_ARGUMENT);
  CHECK_THAT(message, Catch::Contains("term_end is required"));

  Observation negative = seen(ObservationSource::Rmm, -1, "2024-05-01");
  CHECK(code_of([&] { run({}, {negative}, "2024-05-10T00:00:00Z"); }, &message) == ErrorCode::INVALID_ARGUMENT);
  CHECK_THAT(message, Catch::Contains("observations[0]") && Catch::Contains("source rmm") &&
                          Catch::Contains("quantity -1"));
}

TEST_CASE("true-up: results do not depend on input order", "[contract][trueup]") {
  std::vector<ContractLine> lines;
  std::vector<Observation> obs;
  for (int t = 0; t < 5; ++t) {
    for (int s = 0; s < 4; ++s) {
      ContractLine l = line(10 + s, "7.50", "2024-01-01");
      l.tenant = "t" + std::to_string(t);
      l.sku = "S" + std::to_string(s);
      l.line_id = "L-" + l.sku;
      lines.push_back(l);
      Observation o = seen(ObservationSource::License, 10 + t, "2024-05-01", l.sku.c_str());
      o.tenant = l.tenant;
      obs.push_back(o);
    }
  }
  const auto a = run(lines, obs, "2024-05-10T00:00:00Z");
  std::reverse(lines.begin(), lines.end());
  std::reverse(obs.begin(), obs.end());
  const auto b = run(lines, obs, "2024-05-10T00:00:00Z");
  REQUIRE(a.proposals.size() == b.proposals.size());
  REQUIRE(a.proposals.size() == 16);  // 20 pairs minus the 4 where 10 + t == 10 + s
  for (std::size_t i = 0; i < a.proposals.size(); ++i) {
    CHECK(a.proposals[i].tenant == b.proposals[i].tenant);
    CHECK(a.proposals[i].sku == b.proposals[i].sku);
    CHECK(a.proposals[i].amount == b.proposals[i].amount);
  }
  CHECK(a.proposals.front().tenant == "t0");
  CHECK(a.proposals.front().sku == "S1");
}

TEST_CASE("true-up: 30/360 billing periods anchored at a month end", "[contract][trueup]") {
  ContractLine l = line(10, "30.00", "2024-01-31");
  l.proration = ProrationConvention::Thirty360;
  const auto r = run({l}, {seen(ObservationSource::License, 11, "2024-02-10")}, "2024-02-10T00:00:00Z");
  REQUIRE(r.proposals.size() == 1);
  // The period Jan 31 .. Feb 29 (clamped) counts 30 days; Feb 10 .. Feb 29 counts 19.
  CHECK(r.proposals[0].prorated_to == day("2024-02-29"));
  CHECK(r.proposals[0].amount == Money::parse("19.00", "EUR"));  // 30.00 x 1 x 19/30
}

TEST_CASE("true-up: SKU map targets match contract SKUs ignoring case", "[contract][trueup]") {
  SkuMap map;
  map.add("Vendor BP", "m365-bp");
  const auto r = run({line(10, "10.00", "2024-01-01")},
                     {seen(ObservationSource::Vendor, 10, "2024-05-01", "Vendor BP"),
                      seen(ObservationSource::License, 10, "2024-05-01")},
                     "2024-05-10T00:00:00Z", map);
  CHECK(r.deviations.empty());
  CHECK(r.unmapped.empty());
}

TEST_CASE("true-up: quantities that overflow int64 are errors, never a wrap", "[contract][trueup]") {
  const std::int64_t huge = std::int64_t{1} << 62;
  std::string message;
  CHECK(code_of([&] {
          run({line(10, "10.00", "2024-01-01")},
              {seen(ObservationSource::License, huge, "2024-05-01"), seen(ObservationSource::License, huge, "2024-05-01")},
              "2024-05-10T00:00:00Z");
        }, &message) == ErrorCode::ARITHMETIC_OVERFLOW);
  CHECK_THAT(message, Catch::Contains("observations[1]"));
}

TEST_CASE("true-up: a decrease limited by another line is not a commitment limit", "[contract][trueup]") {
  ContractLine first = line(5, "10.00", "2024-01-01");
  ContractLine second = line(5, "10.00", "2024-02-01");
  second.line_id = "L-2";
  const auto r = run({first, second}, {seen(ObservationSource::License, 2, "2024-05-01")}, "2024-05-10T00:00:00Z");
  REQUIRE(r.proposals.size() == 1);
  CHECK(r.proposals[0].line_id == "L-2");  // the latest term start takes the change
  CHECK(r.proposals[0].delta_quantity == 5);
  CHECK_FALSE(r.proposals[0].limited_by_commitment);
}

TEST_CASE("true-up: a line built without a price is refused, not priced at 0", "[contract][trueup]") {
  ContractLine l = line(10, "1.00", "2024-01-01");
  l.unit_price.reset();  // as a default-built ContractLine has it
  std::string message;
  CHECK(code_of([&] { run({l}, {}, "2024-05-10"); }, &message) == ErrorCode::INVALID_ARGUMENT);
  CHECK(message == "contracts[0] (tenant 'acme' contract 'C-1' line 'L-1'): unit_price is missing");
  CHECK_FALSE(ContractLine{}.unit_price.has_value());
}
