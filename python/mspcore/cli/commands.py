"""The CLI's commands: each registers its arguments and a run(args) -> dict (the --json result)."""
from __future__ import annotations

import argparse
import json
import pathlib

from . import reports
from .arguments import date_arg as _date, instant_arg as _instant
from .output import say, write_table
from .tables import locate, read_document, read_records


def run_trueup(args) -> dict:
    import mspcore as msp

    contracts, observations = read_records(args.contracts), read_records(args.observations)
    sku_map = read_document(args.sku_map) if args.sku_map else None
    rules = read_document(args.rules) if args.rules else None
    try:
        result = msp.reconcile(contracts, observations, args.as_of, sku_map, rules)
    except msp.Error as e:
        raise locate(e, {"contracts": args.contracts, "observations": args.observations}) from None
    outputs = {}
    if args.out:
        for name in ("deviations", "proposals", "held", "unmapped"):
            outputs[name] = str(write_table(getattr(result, name), pathlib.Path(args.out) / f"{name}.csv"))
    counts = {name: len(getattr(result, name)) for name in ("deviations", "proposals", "held", "unmapped")}
    say(args, "true-up as of {}: {deviations} deviations, {proposals} proposals, {held} held, {unmapped} unmapped"
        .format(args.as_of.isoformat(), **counts))
    for p in result.proposals:
        say(args, f"  {p['tenant']:<16} {p['sku']:<20} {p['action']:<10} {p['delta_quantity']:>6}  "
                  f"{p['amount']} {p['currency']}")
    return {"counts": counts, "outputs": outputs, "result": json.loads(result.to_json())}


def run_sla(args) -> dict:
    import mspcore as msp
    import pandas as pd

    records = read_records(args.tickets)
    policy = msp.SlaPolicy.from_json(read_document(args.policy))
    frame = pd.DataFrame(records)
    for column in ("created", "first_response", "resolved", "planned"):
        if column in frame.columns:
            frame[column] = pd.to_datetime(frame[column], utc=True, errors="coerce")
    try:
        evaluated = msp.evaluate_sla_frame(frame, policy, now=args.now)
    except msp.Error as e:
        raise locate(e, {"": args.tickets}) from None
    summary = {}
    for target in ("response", "resolution", "plan"):
        column = f"{target}_status"
        if column in evaluated.columns:
            summary[target] = msp.sla_attainment(evaluated[column].astype(str))
    if args.out:
        write_table(pd.concat([frame, evaluated], axis=1).to_dict("records"), args.out)
    for target, a in summary.items():
        pct = "n/a" if a.get("attainment_pct") is None else f"{a['attainment_pct']:.2f} %"
        say(args, f"{target:<11} attainment {pct}  (met {a['met']}, breached {a['breached']}, open {a['open']})")
    return {"tickets": len(frame), "attainment": summary, "output": args.out}


def run_risk(args) -> dict:
    import mspcore as msp

    inputs = read_document(args.inputs)
    model = read_document(args.model) if args.model else None
    try:
        result = msp.risk_score(inputs, model)
    except msp.Error as e:
        raise locate(e, {"risk inputs": args.inputs}) from None
    say(args, f"risk score {result['score']} (grade {result['grade']}, coverage {result['coverage']} %)")
    for factor, c in sorted(result["contributions"].items(), key=lambda kv: -kv[1]["points"]):
        say(args, f"  {factor:<16} {c['points']:>6.2f} points  {c['detail']}")
    return {"risk": result}


def run_lifecycle(args) -> dict:
    import mspcore as msp

    assets = read_records(args.assets)
    licences = read_records(args.licences) if args.licences else None
    try:
        result = msp.lifecycle(assets, licences, as_of=args.as_of)
    except msp.Error as e:
        raise locate(e, {"assets": args.assets, "licences": args.licences}) from None
    counts = {}
    for a in result.assets:
        counts[a["status"]] = counts.get(a["status"], 0) + 1
    if args.out:
        write_table(result.assets, args.out)
    say(args, f"lifecycle as of {args.as_of}: " + ", ".join(f"{n} {s}" for s, n in sorted(counts.items())))
    return {"assets": len(result.assets), "by_status": counts, "output": args.out}


def register(sub) -> None:
    fmt = argparse.RawDescriptionHelpFormatter

    p = sub.add_parser("trueup", help="reconcile contracts against observed usage", formatter_class=fmt,
                       description="Reconcile contract lines against observed licence and device counts "
                                   "(docs/contract-trueup.md) and list the true-up proposals.")
    p.add_argument("--contracts", required=True, metavar="FILE", help="contract lines (.csv, .json, .jsonl, .parquet)")
    p.add_argument("--observations", required=True, metavar="FILE", help="observed quantities per tenant and SKU")
    p.add_argument("--as-of", required=True, type=_instant, metavar="WHEN", help="date or instant, e.g. 2026-12-01")
    p.add_argument("--sku-map", metavar="FILE.json", help="vendor SKU -> contract SKU")
    p.add_argument("--rules", metavar="FILE.json", help="true-up rules (NCE window, tolerance, rounding)")
    p.add_argument("--out", metavar="DIR", help="write deviations/proposals/held/unmapped .csv here")
    p.set_defaults(run=run_trueup)

    p = sub.add_parser("sla", help="evaluate tickets against an SLA policy", formatter_class=fmt,
                       description="Evaluate tickets against an SLA policy on its business calendar (docs/sla.md) "
                                   "and print the attainment per target.")
    p.add_argument("--tickets", required=True, metavar="FILE", help="tickets: created, first_response, resolved, priority")
    p.add_argument("--policy", required=True, metavar="FILE.json", help="the SLA policy (calendar, targets)")
    p.add_argument("--now", type=_instant, metavar="WHEN", help="evaluate as of (default: now)")
    p.add_argument("--out", metavar="FILE", help="write every ticket with its statuses (.csv, .json, .parquet)")
    p.set_defaults(run=run_sla)

    p = sub.add_parser("risk", help="score a client's security risk", formatter_class=fmt,
                       description="The risk score of a client with each factor's contribution (docs/security-risk.md).")
    p.add_argument("--inputs", required=True, metavar="FILE.json", help="risk inputs (incidents, vulnerabilities, ...)")
    p.add_argument("--model", metavar="FILE.json", help="a risk model replacing parts of the default")
    p.set_defaults(run=run_risk)

    p = sub.add_parser("lifecycle", help="warranty, OS support and licence terms as of a date", formatter_class=fmt,
                       description="The lifecycle status of assets and licences, each with its reason "
                                   "(docs/vcio-lifecycle.md).")
    p.add_argument("--assets", required=True, metavar="FILE")
    p.add_argument("--licences", metavar="FILE")
    p.add_argument("--as-of", required=True, type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--out", metavar="FILE", help="write every asset with its status (.csv, .json, .parquet)")
    p.set_defaults(run=run_lifecycle)

    reports.register(sub, fmt)
