"""Authorization checks: mspcore's compiled access model against a straightforward pure-Python
implementation of the same rules (docs/access-control.md), on the same 10,000-grant model and
the same checks.

bench_authz.cpp generates the model and 100,000 checks (--write DIR) and times the C++ check;
this script reads those files, times the pure-Python rules on a sample of the checks (default
20,000) and mspcore.AccessModel.allows from Python, checks that the pure-Python decisions
(allowed, deciding role and grant) equal mspcore's on the sample, and prints the rates and
ratios.

    cmake --build --preset dev --target bench_authz
    PYTHONPATH=build/dev/python .venv/bin/python bench/bench_authz.py [--cpp build/dev/bench/bench_authz]
"""
from __future__ import annotations

import argparse
import json
import pathlib
import re
import subprocess
import tempfile
import time

import mspcore


class PurePythonModel:
    """The rules as a user would write them: per check, walk the principal's roles (own grants
    first, then the inherited roles depth first, each role once) and test every grant."""

    def __init__(self, model: dict):
        self.roles = {r["id"]: r for r in model["roles"]}
        self.principals = {p["id"]: p for p in model["principals"]}

    @staticmethod
    def _matches(grant, action, kind, tenant, scope):
        actions, kinds = grant["actions"], grant["kinds"]
        if (action not in actions and actions != ["*"]) or (kind not in kinds and kinds != ["*"]):
            return False
        if grant.get("tenant", "*") not in ("*", tenant):
            return False
        g_scope = grant.get("scope", "*")
        if not scope:  # the kind as a whole: an allow must cover every scope, any deny refuses
            return g_scope == "*" or grant.get("effect") == "deny"
        return g_scope in ("*", scope)

    def authorize(self, principal, action, kind, tenant, scope):
        p = self.principals.get(principal)
        if p is None:
            return (False, "unknown_principal", None, None)
        if p.get("external") and tenant not in p.get("home_tenants", ()):
            return (False, "outside_home_tenants", None, None)
        deny = allow = None
        seen = set()
        stack = list(reversed(p["roles"]))
        while stack:
            rid = stack.pop()
            if rid in seen:
                continue
            seen.add(rid)
            role = self.roles[rid]
            for i, g in enumerate(role.get("grants", ())):
                if self._matches(g, action, kind, tenant, scope):
                    if g.get("effect") == "deny":
                        deny = deny or (rid, i)
                    else:
                        allow = allow or (rid, i)
            stack.extend(reversed(role.get("inherits", ())))
        if deny:
            return (False, "denied", *deny)
        if allow:
            return (True, "allowed", *allow)
        return (False, "no_grant", None, None)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cpp", default=str(pathlib.Path(__file__).resolve().parents[1] / "build/dev/bench/bench_authz"))
    ap.add_argument("--sample", type=int, default=20_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run([args.cpp, "--write", tmp], check=True, capture_output=True, text=True).stdout
        model = json.loads(pathlib.Path(tmp, "model.json").read_text())
        checks = json.loads(pathlib.Path(tmp, "checks.json").read_text())[: args.sample]
    print(out.rstrip())
    cpp_rate = float(re.search(r"checks_per_second=(\d+)", out).group(1))

    pure = PurePythonModel(model)
    t0 = time.perf_counter()
    answers = [pure.authorize(*c) for c in checks]
    py_rate = len(checks) / (time.perf_counter() - t0)

    core = mspcore.AccessModel(model)
    resources = [{"kind": k, "tenant": t, "scope": s} for _p, _a, k, t, s in checks]
    t0 = time.perf_counter()
    for (p, a, *_rest), r in zip(checks, resources):
        core.allows(p, a, r)
    binding_rate = len(checks) / (time.perf_counter() - t0)

    for (p, a, *_rest), r, want in zip(checks, resources, answers):
        d = core.authorize(p, a, r)
        got = (d.allowed, d.reason, d.role, d.grant_index)
        if got != want:
            raise SystemExit(f"disagreement on {p} {a} {r}: mspcore {got}, pure Python {want}")
    print(f"pure Python rules:        {py_rate:12,.0f} checks/s ({len(checks):,} checks; same decisions as mspcore)")
    print(f"mspcore from Python:      {binding_rate:12,.0f} checks/s (AccessModel.allows, one call per check)")
    print(f"C++ allows() / pure Python = {cpp_rate / py_rate:,.0f}x; from Python / pure Python = "
          f"{binding_rate / py_rate:,.1f}x")


if __name__ == "__main__":
    main()
