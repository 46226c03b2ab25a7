"""The CLI's report commands: ``demo``, ``qbr``, ``report monthly`` and ``import``."""
from __future__ import annotations

import argparse
import html
import pathlib

from .arguments import date_arg as _date
from .output import say
from .progress import progress

FORMATS = ("json", "pptx", "pdf", "html", "eml")


def _formats(text: str) -> list:
    chosen = [f.strip() for f in text.split(",") if f.strip()]
    bad = [f for f in chosen if f not in FORMATS]
    if bad or not chosen:
        raise argparse.ArgumentTypeError(f"unknown format {bad[0] if bad else text!r} (known: {', '.join(FORMATS)})")
    return chosen


def write_pack(model, out: pathlib.Path, formats, sender: str) -> dict:
    """One client's files for one period: the model and its renderings. Returns {format: path}."""
    out.mkdir(parents=True, exist_ok=True)
    stem = f"{model['tenant']}-{model['period']['label']}"
    written = {}
    if "json" in formats:
        from ..export._files import atomic_output

        path = out / f"{stem}.json"
        with atomic_output(path) as tmp:
            tmp.write_text(model.to_json(), encoding="utf-8")
        written["json"] = path
    if set(formats) - {"json"}:
        from ..export import qbr_deck, qbr_email, qbr_pdf, write_eml, write_html
        if "pptx" in formats:
            written["pptx"] = pathlib.Path(qbr_deck(model, out / f"{stem}.pptx"))
        if "html" in formats:
            written["html"] = pathlib.Path(write_html(model, out / f"{stem}.html"))
        if "pdf" in formats or "eml" in formats:
            written["pdf"] = pathlib.Path(qbr_pdf(model, out / f"{stem}.pdf"))
        if "eml" in formats:
            contact = model["client"].get("email") or f"it@{model['tenant']}.example"
            message = qbr_email(model, written["pdf"], sender=sender, to=contact)
            written["eml"] = pathlib.Path(write_eml(message, out / f"{stem}.eml"))
    return written


def _index(out: pathlib.Path, packs: list, title: str) -> pathlib.Path:
    """index.html: one row per client with its headline figures and links to its files."""
    rows = []
    for model, files in packs:
        sla = model["sla"]["targets"] if model["sla"] else []
        sla_text = ", ".join(f"{t['target']} {t['attainment_pct']:.2f} %" for t in sla if t["attainment_pct"] is not None)
        risk = "-" if not model["risk"] else f"{model['risk']['score']} ({model['risk']['grade']})"
        links = " ".join(f'<a href="{html.escape(p.name)}">{html.escape(k.upper())}</a>' for k, p in files.items())
        rows.append(f"<tr><td>{html.escape(model['client'].get('name', model['tenant']))}</td>"
                    f"<td class=\"nowrap\">{html.escape(model['period']['label'])}</td><td>{html.escape(sla_text or '-')}</td>"
                    f"<td>{html.escape(risk)}</td><td>{links}</td></tr>")
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body{{font-family:DejaVu Sans,Arial,sans-serif;margin:2em;color:#1b1f24}}table{{border-collapse:collapse}}
th,td{{border:1px solid #c8ccd0;padding:.4em .8em;text-align:left}}th{{background:#eef1f4}}.nowrap{{white-space:nowrap}}</style></head>
<body><h1>{html.escape(title)}</h1>
<table><caption>Client reports: SLA attainment and risk score (0 best, 100 worst) of the period</caption>
<thead><tr><th scope="col">Client</th><th scope="col">Period</th><th scope="col">SLA attainment</th>
<th scope="col">Risk score</th><th scope="col">Files</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table></body></html>
"""
    path = out / "index.html"
    path.write_text(page, encoding="utf-8")
    return path


def _packs(args, db_path, tenants, period_of, title) -> dict:
    from ..demo import open_demo
    from ..demo.qbr import client_model

    out = pathlib.Path(args.out)
    packs = []
    with open_demo(db_path) as demo, progress(not (args.json or args.quiet)) as bar:
        tenants = tenants or demo.tenants()
        unknown = sorted(set(tenants) - set(demo.tenants()))
        if unknown:
            import mspcore as msp

            raise msp.NotFoundError(f"{db_path}: no client {unknown[0]!r} (clients: {', '.join(demo.tenants())})")
        as_of = args.as_of or demo.as_of
        task = bar.add(title, len(tenants))
        for tenant in tenants:
            model = client_model(demo, tenant, period_of(as_of), as_of)
            packs.append((model, write_pack(model, out, args.formats, args.sender)))
            bar.advance(task)
    index = _index(out, packs, title)
    for model, files in packs:
        say(args, f"{model['tenant']:<24} " + " ".join(str(p) for p in files.values()))
    say(args, f"index: {index}")
    return {"index": str(index), "clients": [{"tenant": m["tenant"], "period": m["period"]["label"],
                                              "files": {k: str(p) for k, p in f.items()}} for m, f in packs]}


def run_demo(args) -> dict:
    from ..demo import generate
    from ..demo.qbr import last_full_quarter

    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    db_path = pathlib.Path(args.db) if args.db else out / "demo.db"
    summary = generate(db_path, seed=args.seed, clients=args.clients, assets=args.assets)
    say(args, f"generated {summary}")
    args.as_of = None
    result = _packs(args, db_path, None, lambda as_of: args.period or last_full_quarter(as_of),
                    "Quarterly Business Reviews (demo)")
    return {"db": str(db_path), **result}


def run_qbr(args) -> dict:
    from ..demo.qbr import last_full_quarter

    return _packs(args, args.db, args.tenant, lambda as_of: args.period or last_full_quarter(as_of),
                  "Quarterly Business Reviews")


def run_monthly(args) -> dict:
    from ..demo.qbr import last_full_month

    return _packs(args, args.db, args.tenant, lambda as_of: args.month or last_full_month(as_of), "Monthly reports")


def run_import(args) -> dict:
    from .store_import import import_files

    with progress(not (args.json or args.quiet)) as bar:
        result = import_files(args.db, args.table, args.files, bar)
    say(args, f"imported {result['rows']} rows into {args.table} of {args.db}")
    return result


def _pack_options(p, default_formats: str) -> None:
    p.add_argument("--out", required=True, metavar="DIR", help="where the files go")
    p.add_argument("--formats", type=_formats, default=_formats(default_formats), metavar="LIST",
                   help=f"comma-separated of {', '.join(FORMATS)} (default: {default_formats})")
    p.add_argument("--sender", default="vcio@msp.example", metavar="ADDRESS", help="From: of the .eml messages")


def register(sub, fmt) -> None:
    from .store_import import KEYS

    p = sub.add_parser("demo", help="generate a demo MSP and write every client's QBR", formatter_class=fmt,
                       description="Generate a realistic demo MSP (docs/demo-data.md) into SQLite, then write each "
                                   "client's QBR model, deck, PDF, HTML and e-mail and an index.html.")
    _pack_options(p, ",".join(FORMATS))
    p.add_argument("--db", metavar="FILE", help="the SQLite file (default: DIR/demo.db)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--clients", type=int, default=20)
    p.add_argument("--assets", type=int, default=3000)
    p.add_argument("--period", metavar="YYYY-Qn", help="default: the last full quarter")
    p.set_defaults(run=run_demo)

    p = sub.add_parser("qbr", help="QBR packs from a store", formatter_class=fmt,
                       description="Each client's (or the chosen clients') QBR model and its renderings from a "
                                   "SQLite store (a demo database, or one filled with `mspcore import`).")
    p.add_argument("--db", required=True, metavar="FILE")
    p.add_argument("--tenant", action="append", metavar="TENANT", help="a client (repeatable; default: all)")
    p.add_argument("--period", metavar="YYYY-Qn", help="default: the last full quarter before --as-of")
    p.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="default: the store's as_of")
    _pack_options(p, ",".join(FORMATS))
    p.set_defaults(run=run_qbr)

    p = sub.add_parser("report", help="periodic client reports", formatter_class=fmt,
                       description="Periodic client reports from a SQLite store.")
    kinds = p.add_subparsers(dest="kind", metavar="KIND", required=True)
    m = kinds.add_parser("monthly", help="the monthly report pack (PDF, HTML, e-mail)", formatter_class=fmt,
                         description="Each client's monthly report: the QBR model of one month, as PDF, HTML and .eml.")
    m.add_argument("--db", required=True, metavar="FILE")
    m.add_argument("--tenant", action="append", metavar="TENANT", help="a client (repeatable; default: all)")
    m.add_argument("--month", metavar="YYYY-MM", help="default: the last full month before --as-of")
    m.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="default: the store's as_of")
    _pack_options(m, "json,pdf,html,eml")
    m.set_defaults(run=run_monthly)

    p = sub.add_parser("import", help="load CSV/JSON/Parquet files into a store", formatter_class=fmt,
                       description="Check files with the library's decoders, then load them into a SQLite store "
                                   "(created when missing) in one transaction; re-importing a file changes nothing.")
    p.add_argument("--db", required=True, metavar="FILE")
    p.add_argument("--table", required=True, choices=sorted(KEYS), metavar="TABLE",
                   help=f"one of {', '.join(sorted(KEYS))}")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(run=run_import)
