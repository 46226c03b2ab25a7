// The RACI matrix: validation, routing and owner violations through the C++ API, with the
// answers worked out by hand from the matrix below (the golden cases in tests/golden/raci/
// carry the same cases through the C ABI and Python).
#include <mspcore/comanaged/raci.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace mspcore;
using mspcore::test::error_text_of;

namespace {

RaciCell cell(const char* tenant, const char* lane, const char* party, const char* raci) {
  return RaciCell{tenant, lane, party, raci};
}

// Parties msp, client_it, vendor_acme; lanes end_user, network, servers, cloud; acme with a
// mixed matrix, beta run by msp except servers (client_it).
RaciMatrix two_tenants() {
  RaciMatrix m;
  m.parties = {{"msp", RaciPartyKind::Msp}, {"client_it", RaciPartyKind::ClientIt}, {"vendor_acme", RaciPartyKind::Vendor}};
  m.lanes = {"end_user", "network", "servers", "cloud"};
  m.cells = {cell("acme", "end_user", "client_it", "RA"), cell("acme", "end_user", "msp", "I"),
             cell("acme", "network", "vendor_acme", "R"), cell("acme", "network", "msp", "R"),
             cell("acme", "network", "client_it", "A"),   cell("acme", "servers", "msp", "RA"),
             cell("acme", "servers", "client_it", "C"),   cell("acme", "cloud", "msp", "R"),
             cell("acme", "cloud", "vendor_acme", "RA"),  cell("beta", "end_user", "msp", "RA"),
             cell("beta", "network", "msp", "RA"),        cell("beta", "servers", "client_it", "RA"),
             cell("beta", "cloud", "msp", "RA")};
  return m;
}

RaciTicket ticket(const char* tenant, const char* id, const char* category, const char* lane = "",
                  const char* owner = "") {
  return RaciTicket{tenant, id, category, lane, owner};
}

}  // namespace

TEST_CASE("raci: names of the enumerations read back", "[raci]") {
  CHECK(to_string(parse_raci_party_kind("client_it")) == "client_it");
  CHECK(to_string(RaciProblemKind::MultipleAccountable) == "multiple_accountable");
  CHECK(parse_raci_route_status("no_queue") == RaciRouteStatus::NoQueue);
  CHECK(to_string(RaciLaneSource::Default) == "default");
  CHECK(parse_raci_violation_kind("owner_not_responsible") == RaciViolationKind::OwnerNotResponsible);
  CHECK(error_text_of([] { parse_raci_party_kind("MSP"); }) ==
        "INVALID_ARGUMENT: unknown party kind 'MSP' (known: msp, client_it, vendor)");
}

TEST_CASE("raci: a valid matrix has no problems", "[raci]") {
  CHECK(raci_validate(two_tenants()).empty());
  RaciMatrix m = two_tenants();
  m.lanes.clear();  // the six default lanes: acme's and beta's cells now miss backup and security
  const auto problems = raci_validate(m);
  REQUIRE(problems.size() == 8);  // 2 tenants x 2 lanes x (no A, no R)
  CHECK(problems[0].message == "tenant 'acme' lane 'backup': no party is accountable (A); exactly one must be");
  CHECK(problems[7].message == "tenant 'beta' lane 'security': no party is responsible (R); at least one must be");
}

TEST_CASE("raci: two A in a lane name the second A's cell", "[raci]") {
  RaciMatrix m = two_tenants();
  m.cells[6].raci = "CA";  // acme servers: msp RA (cell 5) and now client_it A too
  const auto problems = raci_validate(m);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].kind == RaciProblemKind::MultipleAccountable);
  CHECK(problems[0].tenant == "acme");
  CHECK(problems[0].lane == "servers");
  CHECK(problems[0].party == "client_it");
  CHECK(problems[0].cell == 6u);
  CHECK(problems[0].message ==
        "cells[6] (tenant 'acme' lane 'servers' party 'client_it'): a second A ('msp' is accountable at cells[5]); "
        "exactly one party is accountable");
}

TEST_CASE("raci: no A and no R name the tenant and lane", "[raci]") {
  RaciMatrix m = two_tenants();
  m.cells[4].raci = "C";  // acme network: vendor_acme R, msp R, client_it now C: no A
  m.cells[11].raci = "A";  // beta servers: client_it A only: no R
  const auto problems = raci_validate(m);
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].kind == RaciProblemKind::NoAccountable);
  CHECK(problems[0].message == "tenant 'acme' lane 'network': no party is accountable (A); exactly one must be");
  CHECK(problems[0].party.empty());
  CHECK(!problems[0].cell);
  CHECK(problems[1].kind == RaciProblemKind::NoResponsible);
  CHECK(problems[1].message == "tenant 'beta' lane 'servers': no party is responsible (R); at least one must be");
}

TEST_CASE("raci: an unknown party is named with its cell, and its letters do not count", "[raci]") {
  RaciMatrix m = two_tenants();
  m.cells[8].party = "vendor_acm";  // acme cloud: the RA now belongs to nobody known; msp R remains
  const auto problems = raci_validate(m);
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].kind == RaciProblemKind::UnknownParty);
  CHECK(problems[0].message == "cells[8] (tenant 'acme' lane 'cloud' party 'vendor_acm'): party 'vendor_acm' is "
                               "not in the parties list (known: msp, client_it, vendor_acme)");
  CHECK(problems[1].message == "tenant 'acme' lane 'cloud': no party is accountable (A); exactly one must be");
}

TEST_CASE("raci: the matrix document through the JSON carrier", "[raci]") {
  const RaciMatrix m = raci_matrix_from_json(
      R"({"parties":[{"id":"msp","kind":"msp"}],"cells":[{"tenant":"t","lane":"network","party":"msp","raci":"RA"}]})");
  CHECK(m.lanes.size() == 6);  // the defaults
  CHECK(m.cells[0].raci == "RA");
  CHECK(error_text_of([] { raci_matrix_from_json(R"({"parties":[{"id":"msp","kind":"mssp"}]})"); }) ==
        "INVALID_ARGUMENT: parties[0] (party 'msp').kind: unknown party kind 'mssp' (known: msp, client_it, vendor)");
  CHECK(error_text_of([] { raci_matrix_from_json(R"({"lanes":[]})"); }) ==
        "INVALID_ARGUMENT: matrix.lanes is empty (leave it out for the default lanes)");
  CHECK(error_text_of([] { raci_matrix_from_json(R"({"lanes":["a",3]})"); }) ==
        "INVALID_ARGUMENT: lanes[1]: expected a string, got 3");
  CHECK(error_text_of([] { raci_matrix_from_json(R"({"cells":[{"tenant":"t","lane":"l","party":"p"}]})"); }) ==
        "INVALID_ARGUMENT: cells[0] (tenant 't' lane 'l' party 'p'): raci is missing");
  CHECK(error_text_of([] { raci_matrix_from_json(R"({"cell":[]})"); }) ==
        "INVALID_ARGUMENT: matrix: unknown key 'cell' (known: parties, lanes, cells)");
  CHECK(error_text_of([] { raci_matrix_from_json(R"({"cells":["x"]})"); }) ==
        "INVALID_ARGUMENT: cells[0]: expected an object, got \"x\"");
}

TEST_CASE("raci: the Responsible party of a lane (tie rule)", "[raci]") {
  const RaciMatrix m = two_tenants();
  // network: vendor_acme R (cell 2) before msp R (cell 3), neither A: msp, first in the parties list.
  CHECK(raci_responsible(m, "acme", "network") == "msp");
  // cloud: msp R and vendor_acme RA: the R that is also A, though msp comes first.
  CHECK(raci_responsible(m, "acme", "cloud") == "vendor_acme");
  CHECK(raci_responsible(m, "beta", "servers") == "client_it");
  CHECK(raci_responsible(m, "gamma", "servers").empty());
}

TEST_CASE("raci: the lane of a ticket: tenant rule, exact, longest prefix, default", "[raci]") {
  RaciRouting r;
  r.rules = {{"network*", "network", ""}, {"network/vpn", "cloud", ""}, {"net*", "servers", ""},
             {"network/*", "end_user", "beta"}};
  const auto lane = [&](const char* tenant, const char* category) {
    const RaciLane l = raci_lane_of(ticket(tenant, "T", category), r);
    return l.lane + "/" + std::string(to_string(l.source)) + "/" + (l.rule ? std::to_string(*l.rule) : "-");
  };
  CHECK(lane("acme", "network/vpn") == "cloud/rule/1");      // exact beats both prefixes
  CHECK(lane("acme", "network/wifi") == "network/rule/0");   // 'network' (7) beats 'net' (3)
  CHECK(lane("acme", "netapp") == "servers/rule/2");
  CHECK(lane("beta", "network/vpn") == "end_user/rule/3");   // the tenant's own prefix beats a general exact rule
  CHECK(lane("acme", "coffee") == "/none/-");
  r.default_lane = "end_user";
  CHECK(lane("acme", "coffee") == "end_user/default/-");
  CHECK(lane("acme", "") == "end_user/default/-");
  CHECK(raci_lane_of(ticket("acme", "T", "network/vpn", "servers"), r).source == RaciLaneSource::Ticket);
}

TEST_CASE("raci: routing to the Responsible party's queue", "[raci]") {
  RaciRouting r;
  r.rules = {{"network*", "network", ""}, {"printer", "end_user", ""}};
  r.queues = {{"msp", "MSP-L1", ""}, {"client_it", "ACME-IT", "acme"}, {"msp", "BETA-NOC", "beta"}};
  const std::vector<RaciTicket> tickets = {ticket("acme", "1", "network/wifi"), ticket("beta", "2", "network/wifi"),
                                           ticket("beta", "3", "printer", "servers"), ticket("acme", "4", "printer"),
                                           ticket("gamma", "5", "printer"), ticket("acme", "6", "", "voip")};
  const auto routes = raci_route(tickets, two_tenants(), r);
  REQUIRE(routes.size() == 6);
  CHECK(routes[0].party == "msp");
  CHECK(routes[0].queue == "MSP-L1");           // msp's general queue
  CHECK(routes[1].queue == "BETA-NOC");         // beta's own queue of msp beats the general one
  CHECK(routes[2].status == RaciRouteStatus::NoQueue);  // client_it has a queue only at acme
  CHECK(routes[2].party == "client_it");
  CHECK(routes[3].queue == "ACME-IT");
  CHECK(routes[4].status == RaciRouteStatus::NoMatrix);
  CHECK(routes[4].lane.lane == "end_user");
  CHECK(routes[5].status == RaciRouteStatus::UnknownLane);
}

TEST_CASE("raci: routing refuses an invalid matrix and ambiguous or unknown routing", "[raci]") {
  RaciMatrix bad = two_tenants();
  bad.cells[5].raci = "R";  // acme servers loses its A
  CHECK(error_text_of([&] { raci_route({}, bad, {}); }) ==
        "INVALID_ARGUMENT: matrix: 1 problem (raci_validate lists them), the first: tenant 'acme' lane 'servers': no "
        "party is accountable (A); exactly one must be");
  RaciRouting twice;
  twice.rules = {{"net*", "network", "acme"}, {"net*", "servers", "acme"}};
  CHECK(error_text_of([&] { raci_route({}, two_tenants(), twice); }) ==
        "INVALID_ARGUMENT: rules[1]: category 'net*' for tenant 'acme' is already routed by rules[0] (routing would be "
        "ambiguous)");
  RaciRouting queues;
  queues.queues = {{"msp", "A", ""}, {"msp", "B", ""}};
  CHECK(error_text_of([&] { raci_check_routing(queues); }) ==
        "INVALID_ARGUMENT: queues[1]: party 'msp' for every tenant already has a queue at queues[0] (routing would be "
        "ambiguous)");
  RaciRouting lane;
  lane.rules = {{"net*", "netwrk", ""}};
  CHECK(error_text_of([&] { raci_route({}, two_tenants(), lane); }) ==
        "INVALID_ARGUMENT: rules[0].lane: 'netwrk' is not a lane of the matrix (known: end_user, network, servers, cloud)");
  RaciRouting party;
  party.queues = {{"vendor", "V", ""}};
  CHECK(error_text_of([&] { raci_route({}, two_tenants(), party); }) ==
        "INVALID_ARGUMENT: queues[0].party: 'vendor' is not a party of the matrix (known: msp, client_it, vendor_acme)");
  CHECK(error_text_of([] {
          raci_routing_from_json(R"({"rules":[{"category":"n*t","lane":"network"}]})");
        }) == "INVALID_ARGUMENT: rules[0].category: 'n*t' has a '*' that is not its last character");
  CHECK(error_text_of([] { raci_routing_from_json(R"({"queues":[{"party":"msp","queue":"Q","tenant":""}]})"); }) ==
        "INVALID_ARGUMENT: queues[0].tenant must not be empty");
}

TEST_CASE("raci: owners that break the matrix", "[raci]") {
  const std::vector<RaciTicket> tickets = {
      ticket("acme", "V1", "", "network", "vendor_acme"),  // R: fine
      ticket("acme", "V2", "", "network", "client_it"),    // A: fine
      ticket("acme", "V3", "", "servers", "client_it"),    // C only
      ticket("acme", "V4", "network/wifi", "", "client_it"),
      ticket("acme", "V5", "", "servers", ""),             // nobody holds it: not listed
  };
  const auto v = raci_violations(tickets, two_tenants());
  REQUIRE(v.size() == 2);
  CHECK(v[0].ticket == 2);
  CHECK(v[0].kind == RaciViolationKind::OwnerNotResponsible);
  CHECK(v[0].owner_raci == "C");
  CHECK(v[0].responsible == "msp");
  CHECK(v[1].ticket == 3);
  CHECK(v[1].kind == RaciViolationKind::NoLane);
  RaciRouting r;
  r.rules = {{"network*", "network", ""}};
  // With the routing V4 is in network, where client_it is A: fine.
  const auto routed = raci_violations(tickets, two_tenants(), &r);
  REQUIRE(routed.size() == 1);
  CHECK(routed[0].ticket == 2);
}

TEST_CASE("raci: ticket records are named by their keys", "[raci]") {
  CHECK(error_text_of([] { raci_route_json(R"({"matrix":{},"routing":{},"tickets":[{"tenant":"acme"}]})"); }) ==
        "INVALID_ARGUMENT: tickets[0]: id is missing");
  CHECK(error_text_of([] {
          raci_route_json(R"({"matrix":{},"routing":{},"tickets":[{"tenant":"acme","id":"T1","owner":5}]})");
        }) == "INVALID_ARGUMENT: tickets[0] (tenant 'acme' ticket 'T1').owner: expected a string, got 5");
  CHECK(error_text_of([] { raci_route_json(R"({"matrix":{},"tickets":[]})"); }) ==
        "INVALID_ARGUMENT: request: routing is missing");
  CHECK(raci_route_json(R"({"matrix":{},"routing":{},"tickets":[{"tenant":"acme","id":"T1"}]})") ==
        R"({"routes":[{"category":null,"id":"T1","lane":null,"lane_source":"none","party":null,"queue":null,"rule":null,"status":"no_matrix","tenant":"acme"}]})");
}
