"""vCIO data of the demo: a roadmap of initiatives per client for the budget, the demo
standard (sections, questions, weights) and each client's alignment answers.

Roadmaps start in the quarter after ``as_of``. Windows 11 migration is on every roadmap of a
client with Windows 10 devices (one cost per device), a Server 2016 migration where old servers
run; the other initiatives are drawn (60 % each). The first two are approved or scheduled, 10 %
are declined. Answers follow a maturity per client (aligned with probability 0.3-0.9), and the
OS question is never "aligned" while an unsupported OS runs.
"""
from __future__ import annotations

import datetime as dt

from . import _catalog as cat
from ._util import in_currency, iso_date


def _quarter(as_of: dt.date, offset: int) -> str:
    q = (as_of.year * 4 + (as_of.month - 1) // 3) + 1 + offset   # the quarter after as_of, plus offset
    return f"{q // 4}-Q{q % 4 + 1}"


def vcio_step(ctx) -> None:
    rng = ctx.rng("vcio")
    initiatives, costs, answers = [], [], []
    for c in ctx.clients:
        tenant, cur, assets = c["tenant"], c["currency"], ctx.assets[c["tenant"]]
        win10 = sum(a["os"] == "Windows 10" for a in assets)
        old_servers = sum(a["os"] == "Windows Server" and a["os_version"] in ("2016", "2012 R2") for a in assets)
        chosen = []
        for key, title, offset, lines in cat.INITIATIVES:
            wanted = {"win11": win10 > 0, "server2016": old_servers > 0}.get(key, rng.random() < 0.6)
            if wanted:
                chosen.append((key, title, offset, lines))
        keys = [k for k, *_ in chosen]
        for n, (key, title, offset, lines) in enumerate(chosen):
            status = rng.choice(("approved", "scheduled")) if n < 2 else \
                ("declined" if rng.random() < 0.1 else rng.choice(("proposed", "proposed", "approved")))
            depends = [f"I-{d}" for d in cat.INITIATIVE_DEPENDS.get(key, ()) if d in keys]
            initiatives.append({"tenant": tenant, "id": f"I-{key}", "title": title,
                                "quarter": _quarter(ctx.as_of, offset + rng.randint(0, 2)),
                                "priority": min(5, 1 + n // 2), "status": status,
                                "depends_on": ", ".join(depends) or None})
            for name, kind, period, basis, amount, category in lines:
                costs.append({"tenant": tenant, "initiative": f"I-{key}", "name": name, "kind": kind, "period": period,
                              "basis": basis, "amount": in_currency(amount, cur),
                              "count": win10 if basis == "per_asset" else None, "currency": cur, "category": category})
        maturity = rng.uniform(0.3, 0.9)
        unsupported = any(a["os"] == "Windows 10" or a["os_version"] in ("2012 R2", "12", "13") for a in assets)
        for qid, _, _, _ in cat.QUESTIONS:
            r = rng.random()
            answer = "not_applicable" if r < 0.04 else "aligned" if r < maturity else \
                "partial" if r < maturity + (1 - maturity) * 0.55 else "misaligned"
            if qid == "END-2" and unsupported and answer == "aligned":
                answer = "partial"
            answered = ctx.as_of - dt.timedelta(days=rng.randint(5, 120))
            answers.append({"tenant": tenant, "standard": cat.STANDARD[0], "question": qid, "answer": answer,
                            "answered": iso_date(answered), "note": None})
    ctx.insert("initiatives", initiatives)
    ctx.insert("initiative_costs", costs)
    sid, name, version = cat.STANDARD
    ctx.insert("standards", [{"id": sid, "name": name, "version": version}])
    ctx.insert("standard_sections", [{"standard": sid, "id": s, "title": t, "weight": w} for s, t, w in cat.SECTIONS])
    ctx.insert("standard_questions", [{"standard": sid, "id": q, "section": s, "text": t, "weight": w}
                                      for q, s, t, w in cat.QUESTIONS])
    ctx.insert("alignment_answers", answers)
