"""RACI matrices of co-managed IT (docs/comanaged-raci.md): per tenant and lane of work, who is
Responsible, Accountable, Consulted and Informed; the matrix's validation, the routing of
tickets to the shared queue of the Responsible party, and the tickets whose owner breaks it.

Thin glue: the matrix and routing (dicts or JSON texts; their record lists as lists of dicts
or DataFrames) and the tickets (a list of dicts or a DataFrame) go to the core's decoders, the
C++ core decides, and the result comes back as a DataFrame of the C ABI's JSON records.
"""
from __future__ import annotations

import json

from . import _core
from .trueup import _table

PARTY_KEYS = _core.RACI_PARTY_FIELDS
CELL_KEYS = _core.RACI_CELL_FIELDS
RULE_KEYS = _core.RACI_RULE_FIELDS
QUEUE_KEYS = _core.RACI_QUEUE_FIELDS
TICKET_KEYS = _core.RACI_TICKET_FIELDS
DEFAULT_LANES = _core.RACI_DEFAULT_LANES

PROBLEM_COLUMNS = ("problem", "tenant", "lane", "party", "cell", "message")
ROUTE_COLUMNS = ("tenant", "id", "category", "lane", "lane_source", "rule", "party", "queue", "status")
VIOLATION_COLUMNS = ("ticket", "tenant", "id", "owner", "lane", "violation", "owner_raci", "responsible",
                     "accountable", "message")


def _document(doc):
    """A document whose record lists may be DataFrames: those become lists of dicts (the
    decoders read NaN as missing); anything else goes as it is."""
    if not isinstance(doc, dict):
        return doc
    return {k: v.to_dict("records") if hasattr(v, "columns") and hasattr(v, "to_dict") else v for k, v in doc.items()}


def _frame(document: str, key: str, columns: tuple):
    import pandas as pd

    rows = json.loads(document)[key]
    frame = pd.DataFrame(rows, columns=list(columns), dtype=object)  # texts and None as they are
    # Indexes stay whole numbers (NA where there is none), not floats around a NaN.
    for name in ("cell", "rule", "ticket"):
        if name in frame.columns:
            frame[name] = pd.array([r[name] for r in rows], dtype="Int64")
    return frame


def raci_validate(matrix):
    """Every problem of ``matrix`` as a DataFrame with PROBLEM_COLUMNS, one row per problem
    naming its cell (tenant, lane, party; None where the problem is not one party's), in a
    fixed order; empty when the matrix is valid.

    matrix: {"parties": [{"id", "kind": msp | client_it | vendor}], "lanes": [...] (optional,
    DEFAULT_LANES), "cells": [{"tenant", "lane", "party", "raci": a subset of "RACI"}]} (the
    lists may be DataFrames), or its JSON text.
    """
    return _frame(_core._raci_validate(_document(matrix)), "problems", PROBLEM_COLUMNS)


def route_tickets(tickets, matrix, routing):
    """The shared queue of each ticket, as a DataFrame with ROUTE_COLUMNS in the tickets' order.

    tickets: a list of dicts or a DataFrame with TICKET_KEYS (tenant, id; category, lane, owner
    optional). matrix: as raci_validate takes it; it must be valid. routing: {"rules":
    [{"category" (exact, or a prefix ending in '*'), "lane", "tenant" (optional)}], "queues":
    [{"party", "queue", "tenant" (optional)}], "default_lane" (optional)} or its JSON text.
    status is routed, no_matrix, no_lane, unknown_lane or no_queue.
    """
    return _frame(_core._raci_route(_table(tickets), _document(matrix), _document(routing)), "routes", ROUTE_COLUMNS)


def raci_violations(tickets, matrix, *, routing=None):
    """The tickets whose owner breaks the matrix, as a DataFrame with VIOLATION_COLUMNS (ticket
    is the row's index in ``tickets``); tickets without an owner are not listed. A ticket
    without a lane gets the one ``routing`` gives it, when given. violation is no_matrix,
    no_lane, unknown_lane, unknown_owner or owner_not_responsible.
    """
    return _frame(_core._raci_violations(_table(tickets), _document(matrix), _document(routing)), "violations",
                  VIOLATION_COLUMNS)
