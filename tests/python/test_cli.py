"""The mspcore command line: each command on small files, --json output, exit codes, and
errors that name the file, row and column (docs/cli.md)."""
import json
import subprocess
import sys

import pytest

from mspcore.cli import main
from mspcore.cli.main import EXIT_CODES, EXIT_INPUT, EXIT_OK, EXIT_USAGE

CONTRACTS = """tenant,contract_id,line_id,sku,quantity,unit_price,currency,billing_period,term_start
acme,C-1,L-1,M365-BP,10,12.00,EUR,monthly,2026-01-01
"""
# 12 licences assigned, 10 billed: a true-up of 2 x 12.00 = 24.00 for December (monthly, flexible).
OBSERVATIONS = """tenant,sku,source,quantity,as_of
acme,M365-BP,license,12,2026-11-30T00:00:00Z
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def run_json(capsys, *argv):
    code = main(["--json", *argv])
    out = capsys.readouterr().out
    return code, json.loads(out)


def test_trueup_from_csv(tmp_path, capsys):
    code, out = run_json(capsys, "trueup", "--contracts", write(tmp_path, "c.csv", CONTRACTS),
                         "--observations", write(tmp_path, "o.csv", OBSERVATIONS), "--as-of", "2026-12-01",
                         "--out", str(tmp_path / "out"))
    assert code == EXIT_OK and out["ok"] is True
    assert out["counts"] == {"deviations": 1, "proposals": 1, "held": 0, "unmapped": 0}
    proposal = out["result"]["proposals"][0]
    assert (proposal["action"], proposal["delta_quantity"], proposal["amount"]) == ("true_up", 2, "24.00")
    assert (tmp_path / "out" / "proposals.csv").read_text().count("\n") == 2  # header + one proposal


def test_bad_row_is_named_by_file_row_and_line(tmp_path, capsys):
    bad = CONTRACTS + "acme,C-1,L-2,EDR,-3,4.00,EUR,monthly,2026-01-01\n"
    code = main(["trueup", "--contracts", write(tmp_path, "c.csv", bad), "--observations",
                 write(tmp_path, "o.csv", OBSERVATIONS), "--as-of", "2026-12-01"])
    err = capsys.readouterr().err
    assert code == EXIT_INPUT
    assert "c.csv: row 2 (line 3): contracts[1] (tenant 'acme' contract 'C-1' line 'L-2'): quantity -3 must be >= 0" in err


def test_float_money_in_json_is_refused_and_named(tmp_path, capsys):
    contracts = [{"tenant": "acme", "contract_id": "C-1", "line_id": "L-1", "sku": "X", "quantity": 1,
                  "unit_price": 12.5, "currency": "EUR", "term_start": "2026-01-01"}]
    path = write(tmp_path, "c.json", json.dumps(contracts))
    code, out = run_json(capsys, "trueup", "--contracts", path, "--observations", write(tmp_path, "o.csv", OBSERVATIONS),
                         "--as-of", "2026-12-01")
    assert code == EXIT_INPUT and out["ok"] is False
    assert out["error"]["message"].startswith(f"{path}: row 1: contracts[0]")
    assert "unit_price" in out["error"]["message"]


def test_missing_and_malformed_files(tmp_path, capsys):
    code, out = run_json(capsys, "risk", "--inputs", str(tmp_path / "nope.json"))
    assert code == EXIT_INPUT and out["error"]["message"] == f"{tmp_path / 'nope.json'}: no such file"
    code, out = run_json(capsys, "risk", "--inputs", write(tmp_path, "r.json", '{"backup_compliance": 9'))
    assert code == EXIT_INPUT and "r.json: malformed JSON" in out["error"]["message"]
    short = write(tmp_path, "c.csv", CONTRACTS + "acme,C-1\n")
    code, out = run_json(capsys, "trueup", "--contracts", short, "--observations", short, "--as-of", "2026-12-01")
    assert out["error"]["message"] == f"{short}: line 3: 2 cells, the header has 9"


def test_risk_and_lifecycle(tmp_path, capsys):
    code, out = run_json(capsys, "risk", "--inputs", write(tmp_path, "r.json", '{"backup_compliance": 90}'))
    # backup 90 % compliant: risk 0.1 x 15 = 1.5 points; six unknown factors at 0.5 of 85 = 42.5: 44.0.
    assert code == EXIT_OK and out["risk"]["score"] == 44.0
    assets = "id,tenant,type,purchase_date,warranty_end\nPC-1,acme,laptop,2022-01-01,2026-12-20\nPC-2,acme,laptop,2024-01-01,2028-01-01\n"
    code, out = run_json(capsys, "lifecycle", "--assets", write(tmp_path, "a.csv", assets), "--as-of", "2026-12-01")
    # PC-1's warranty ends in 19 days (due soon), but a laptop bought 2022-01-01 is due for
    # replacement at 4 years, 2026-01-01: overdue, the more urgent. PC-2's warranty and
    # replacement (2028-01-01) are fine, but a laptop without an OS recorded is unknown.
    assert code == EXIT_OK and out["by_status"] == {"overdue": 1, "unknown": 1}


def test_sla_attainment(tmp_path, capsys):
    tickets = ("id,tenant,priority,created,first_response,resolved\n"
               "T1,acme,P3,2026-11-02T08:00:00Z,2026-11-02T08:30:00Z,2026-11-02T10:00:00Z\n"
               "T2,acme,P3,2026-11-03T08:00:00Z,2026-11-03T10:00:00Z,\n")
    policy = '{"calendar": {"tz": "UTC", "24x7": true}, "targets": {"response_minutes": 60, "resolution_minutes": 480}}'
    code, out = run_json(capsys, "sla", "--tickets", write(tmp_path, "t.csv", tickets), "--policy",
                         write(tmp_path, "p.json", policy), "--now", "2026-11-04T00:00:00Z")
    # Response: T1 30 min met, T2 2 h breached; resolution: T1 2 h met, T2 open 40 h > 8 h breached.
    assert code == EXIT_OK
    assert (out["attainment"]["response"]["met"], out["attainment"]["response"]["breached"]) == (1, 1)
    assert out["attainment"]["resolution"]["attainment_pct"] == 50.0


def test_usage_errors_and_help(capsys):
    assert main(["trueup"]) == EXIT_USAGE
    assert "--contracts" in capsys.readouterr().err
    assert main(["--help"]) == EXIT_OK
    help_text = capsys.readouterr().out
    for code in EXIT_CODES:
        assert f"{code:>3}  " in help_text


def test_console_entry_point_runs():
    done = subprocess.run([sys.executable, "-m", "mspcore.cli", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("mspcore ")


def test_demo_writes_a_model_per_client_and_an_index(tmp_path, capsys):
    code, out = run_json(capsys, "demo", "--out", str(tmp_path), "--formats", "json", "--clients", "2", "--assets", "60")
    assert code == EXIT_OK and len(out["clients"]) == 2
    for client in out["clients"]:
        model = json.loads(open(client["files"]["json"]).read())
        assert model["model"] == "mspcore-qbr-1" and model["tenant"] == client["tenant"]
        assert model["period"]["label"] == "2026-Q3"  # the last full quarter before the demo's 2026-12-01
    index = (tmp_path / "index.html").read_text()
    assert all(c["tenant"] + "-2026-Q3.json" in index for c in out["clients"])
    # The monthly pack of one client from the same store.
    code, out = run_json(capsys, "report", "monthly", "--db", str(tmp_path / "demo.db"), "--tenant",
                         out["clients"][0]["tenant"], "--out", str(tmp_path / "monthly"), "--formats", "json")
    assert code == EXIT_OK and [c["period"] for c in out["clients"]] == ["2026-11"]
    code, out = run_json(capsys, "qbr", "--db", str(tmp_path / "demo.db"), "--tenant", "nobody", "--out",
                         str(tmp_path / "x"), "--formats", "json")
    assert code == EXIT_INPUT and out["error"]["code"] == "NOT_FOUND" and "no client 'nobody'" in out["error"]["message"]


def test_import_is_checked_transactional_and_idempotent(tmp_path, capsys):
    import sqlite3

    db = str(tmp_path / "store.db")
    assets = ("id,tenant,type,purchase_date,warranty_end,replacement_value,currency\n"
              "PC-1,acme,laptop,2023-01-10,2026-01-10,1200.00,EUR\nPC-2,acme,server,2022-05-01,,4500.00,EUR\n")
    path = write(tmp_path, "assets.csv", assets)
    for _ in range(2):  # twice: the same two rows, not four
        code, out = run_json(capsys, "import", "--db", db, "--table", "assets", path)
        assert code == EXIT_OK and out["rows"] == 2
    rows = sqlite3.connect(db).execute("SELECT id, replacement_value FROM assets ORDER BY id").fetchall()
    assert rows == [("PC-1", "1200.00"), ("PC-2", "4500.00")]  # money stays exact text
    # A bad row (an unknown type) in a second file: named, and nothing of the call is written.
    good = write(tmp_path, "more.csv", "id,tenant,type\nPC-3,acme,laptop\n")
    bad = write(tmp_path, "bad.csv", "id,tenant,type\nPC-4,acme,laptop\nPC-5,acme,toaster\n")
    code, out = run_json(capsys, "import", "--db", db, "--table", "assets", good, bad)
    assert code == EXIT_INPUT and out["error"]["message"].startswith(f"{bad}: row 2 (line 3): assets[1]")
    assert "toaster" in out["error"]["message"]
    assert sqlite3.connect(db).execute("SELECT count(*) FROM assets").fetchone()[0] == 2
    code, out = run_json(capsys, "import", "--db", db, "--table", "assets", write(tmp_path, "x.csv", "id,tenant,colour\nA,acme,red\n"))
    assert code == EXIT_INPUT and "unknown column 'colour' for table assets" in out["error"]["message"]
