"""Exports are written all or nothing: a missing or unwritable directory is a named error, and a
failure half-way leaves neither the file nor a temporary beside it."""
import os

import pytest

import mspcore as msp
import qbr_report_fixture as fx
from mspcore.cli import main
from mspcore.cli.main import EXIT_OUTPUT
from mspcore.export import OutputError, qbr_deck, qbr_pdf, write_html


@pytest.fixture(scope="module")
def model():
    return fx.full_model()


def test_a_missing_directory_is_named(model, tmp_path):
    target = tmp_path / "no" / "such" / "report.html"
    with pytest.raises(OutputError, match=r"report.html: cannot write into '.*no/such'"):
        write_html(model, target)
    assert isinstance(OutputError("x"), msp.InvalidArgumentError)  # a coded mspcore error
    with pytest.raises(OutputError):
        qbr_deck(model, tmp_path / "missing" / "deck.pptx")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only directories")
def test_an_unwritable_directory_is_named(model, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="cannot write into"):
            write_html(model, locked / "report.html")
    finally:
        locked.chmod(0o700)


def test_a_failure_half_way_leaves_no_file(model, tmp_path, monkeypatch):
    import weasyprint

    def half_then_fail(self, target, **kwargs):
        with open(target, "wb") as f:
            f.write(b"%PDF-1.7 half")
        raise RuntimeError("disk full")

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", half_then_fail)
    with pytest.raises(RuntimeError, match="disk full"):
        qbr_pdf(model, tmp_path / "report.pdf")
    assert list(tmp_path.iterdir()) == []  # neither report.pdf nor a .part file


def test_an_existing_report_is_replaced_only_when_the_new_one_is_complete(model, tmp_path, monkeypatch):
    target = tmp_path / "report.html"
    target.write_text("the previous report")
    import mspcore.export.report as report

    monkeypatch.setattr(report, "qbr_html", lambda m: (_ for _ in ()).throw(RuntimeError("template error")))
    with pytest.raises(RuntimeError):
        write_html(model, target)
    assert target.read_text() == "the previous report" and len(list(tmp_path.iterdir())) == 1


def test_cli_exit_code_for_an_unwritable_output(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    code = main(["--json", "demo", "--out", str(blocker / "out"), "--formats", "json", "--clients", "1", "--assets", "20"])
    assert code == EXIT_OUTPUT
    assert '"code": "OUTPUT"' in capsys.readouterr().out
