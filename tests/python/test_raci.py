"""The RACI matrix through Python: validation, routing and owner violations, with DataFrames
and lists of dicts in, DataFrames out, and the same answers and errors as the C ABI's JSON
(the golden cases in tests/golden/raci/ hold the full hand-worked documents)."""
import json

import pandas as pd
import pytest

import mspcore as msp

PARTIES = [{"id": "msp", "kind": "msp"}, {"id": "client_it", "kind": "client_it"},
           {"id": "vendor_acme", "kind": "vendor"}]


def cells(tenant, rows):
    return [{"tenant": tenant, "lane": lane, "party": party, "raci": raci} for lane, party, raci in rows]


# acme: network has msp R and vendor_acme R, client_it A (the tie goes to msp, first party);
# cloud has msp R and vendor_acme RA (vendor_acme: the R that is also A).
MATRIX = {"parties": PARTIES, "lanes": ["network", "cloud"],
          "cells": cells("acme", [("network", "vendor_acme", "R"), ("network", "msp", "R"), ("network", "client_it", "A"),
                                  ("cloud", "msp", "R"), ("cloud", "vendor_acme", "RA")])}
ROUTING = {"rules": [{"category": "network*", "lane": "network"}, {"category": "network/vpn", "lane": "cloud"}],
           "queues": [{"party": "msp", "queue": "MSP-L1"}, {"party": "vendor_acme", "queue": "VENDOR"}]}


def test_a_valid_matrix_has_an_empty_problem_frame():
    problems = msp.raci_validate(MATRIX)
    assert isinstance(problems, pd.DataFrame)
    assert list(problems.columns) == list(msp.raci.PROBLEM_COLUMNS)
    assert len(problems) == 0


@pytest.mark.parametrize("as_frame", [False, True])
def test_two_a_no_a_no_r_and_an_unknown_party_name_their_cells(as_frame):
    bad = cells("acme", [("network", "msp", "RA"), ("network", "client_it", "A"), ("cloud", "msp", "C"),
                         ("cloud", "vendor_x", "RA")])
    matrix = {"parties": pd.DataFrame(PARTIES) if as_frame else PARTIES, "lanes": ["network", "cloud"],
              "cells": pd.DataFrame(bad) if as_frame else bad}
    problems = msp.raci_validate(matrix)
    # Worked by hand: cell 3 names no declared party (and is left out); network has two A
    # (the second at cell 1); cloud keeps only msp C: no A and no R.
    assert problems["problem"].tolist() == ["unknown_party", "multiple_accountable", "no_accountable", "no_responsible"]
    assert problems["party"].tolist() == ["vendor_x", "client_it", None, None]
    assert problems["cell"].tolist() == [3, 1, pd.NA, pd.NA]
    assert problems["message"].tolist() == [
        "cells[3] (tenant 'acme' lane 'cloud' party 'vendor_x'): party 'vendor_x' is not in the parties list "
        "(known: msp, client_it, vendor_acme)",
        "cells[1] (tenant 'acme' lane 'network' party 'client_it'): a second A ('msp' is accountable at cells[0]); "
        "exactly one party is accountable",
        "tenant 'acme' lane 'cloud': no party is accountable (A); exactly one must be",
        "tenant 'acme' lane 'cloud': no party is responsible (R); at least one must be",
    ]


def test_the_matrix_as_json_text_gives_the_same_problems():
    bad = dict(MATRIX, cells=MATRIX["cells"] + cells("acme", [("network", "msp", "RX")]))
    from_dict = msp.raci_validate(bad)
    from_text = msp.raci_validate(json.dumps(bad))
    pd.testing.assert_frame_equal(from_dict, from_text)
    assert from_dict["problem"].tolist() == ["bad_letter", "duplicate_cell"]


@pytest.mark.parametrize("as_frame", [False, True])
def test_routing_tie_rules(as_frame):
    tickets = [{"tenant": "acme", "id": "T1", "category": "network/wifi"},
               {"tenant": "acme", "id": "T2", "category": "network/vpn"},
               {"tenant": "acme", "id": "T3", "category": "printer"},
               {"tenant": "beta", "id": "T4", "category": "network/wifi"}]
    routes = msp.route_tickets(pd.DataFrame(tickets) if as_frame else tickets, MATRIX, ROUTING)
    assert list(routes.columns) == list(msp.raci.ROUTE_COLUMNS)
    # T1: prefix 'network*' -> network, R msp and vendor_acme, neither A: msp (first party).
    # T2: the exact rule beats the prefix -> cloud -> vendor_acme (R and A). T3: no rule, no
    # default. T4: beta has no cells.
    assert routes["lane"].tolist() == ["network", "cloud", None, "network"]
    assert routes["party"].tolist() == ["msp", "vendor_acme", None, None]
    assert routes["queue"].tolist() == ["MSP-L1", "VENDOR", None, None]
    assert routes["status"].tolist() == ["routed", "routed", "no_lane", "no_matrix"]
    assert routes["rule"].tolist() == [0, 1, pd.NA, 0]


def test_violations_and_the_routing_keyword():
    tickets = pd.DataFrame([{"tenant": "acme", "id": "V1", "lane": "network", "owner": "client_it"},
                            {"tenant": "acme", "id": "V2", "lane": "cloud", "owner": "client_it"},
                            {"tenant": "acme", "id": "V3", "category": "network/vpn", "owner": "msp"},
                            {"tenant": "acme", "id": "V4", "lane": "cloud", "owner": None}])
    v = msp.raci_violations(tickets, MATRIX)
    # V1: client_it is A in network: fine. V2: no cell in cloud. V3: no lane without a routing.
    # V4: nobody holds it.
    assert v["id"].tolist() == ["V2", "V3"]
    assert v["ticket"].tolist() == [1, 2]
    assert v["violation"].tolist() == ["owner_not_responsible", "no_lane"]
    assert v["message"][0] == ("tickets[1] (tenant 'acme' ticket 'V2'): owner 'client_it' is nothing in tenant 'acme' "
                               "lane 'cloud', neither R nor A (responsible 'vendor_acme', accountable 'vendor_acme')")
    # With the routing V3 lands in cloud, where msp is R: only V2 is left.
    routed = msp.raci_violations(tickets, MATRIX, routing=ROUTING)
    assert routed["id"].tolist() == ["V2"]
    with pytest.raises(TypeError):
        msp.raci_violations(tickets, MATRIX, ROUTING)  # routing is keyword-only


def test_bad_inputs_are_coded_and_named():
    with pytest.raises(msp.InvalidArgumentError) as info:
        msp.route_tickets([{"tenant": "acme"}], MATRIX, ROUTING)
    assert str(info.value) == "tickets[0]: id is missing"
    assert info.value.row == 0
    with pytest.raises(msp.InvalidArgumentError, match=r"^matrix: unknown key 'cell' \(known: parties, lanes, cells\)$"):
        msp.raci_validate({"cell": []})
    with pytest.raises(msp.InvalidArgumentError) as info:
        msp.raci_violations([], dict(MATRIX, cells=MATRIX["cells"][:2]))
    assert str(info.value).startswith("matrix: 3 problems (raci_validate lists them), the first: tenant 'acme' lane "
                                      "'network': no party is accountable (A)")
    with pytest.raises(msp.InvalidArgumentError, match=r"^parties\[0\] \(party 'msp'\)\.kind: unknown party kind 'MSP'"):
        msp.raci_validate({"parties": [{"id": "msp", "kind": "MSP"}]})
    with pytest.raises(msp.InvalidArgumentError, match="is already routed by rules"):
        msp.route_tickets([], MATRIX, {"rules": ROUTING["rules"] * 2})


def test_the_field_lists_are_the_cores():
    assert msp.raci.TICKET_KEYS == ("tenant", "id", "category", "lane", "owner")
    assert msp.raci.DEFAULT_LANES == ("end_user", "network", "servers", "cloud", "backup", "security")
