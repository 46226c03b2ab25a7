"""The QBR report as HTML and PDF and the report e-mail (issue #15 items 2 and 3,
docs/export-report.md): every figure is the model's, formatted; null sections are left out;
nothing of another tenant; escaping; charts readable without colour; the PDF checked with
poppler (page count, text, non-blank pages, fonts) and the HTML with headless Chromium; the
e-mail parsed back and delivered to a local aiosmtpd server over STARTTLS with AUTH.

The fixture's numbers are worked out in qbr_report_fixture.py; the sums used here:
FY2027 = capex 4,800.00 (firewall) + 1,400.00 (laptop ACME-LT09 replaced) + 7,200.00 (backup
appliance) = 13,400.00, opex 12 x 120.00 (firewall, from 2027-Q1) + 9 x 250.00 (training, from
2027-Q2) = 3,690.00, total 17,090.00. FY2026 = the two overdue replacements 950.00 + 6,500.00.
"""
import base64
import email
import email.policy
import json
import re
import shutil
import socket
import ssl
import subprocess
import sys
import traceback

import pytest

import mspcore as msp
import qbr_report_fixture as fx
from mspcore.export import qbr_email, qbr_html, qbr_pdf, send_email, svg, write_eml, write_html

PDF_PAGES = 8  # the fixture's report: cover, summary + KPIs, ... alignment; observed and checked by eye


def tool(name):
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} not found: scripts/bootstrap.sh installs it (poppler-utils, chromium)")
    return path


@pytest.fixture(scope="module")
def model():
    return fx.full_model()


@pytest.fixture(scope="module")
def html(model):
    return qbr_html(model)


@pytest.fixture(scope="module")
def pdf(model, tmp_path_factory):
    return qbr_pdf(model, tmp_path_factory.mktemp("pdf") / "report.pdf")


def visible_text(html_text):
    """The HTML's text outside tags (entities kept), for 'does this number show' checks."""
    return re.sub(r"<[^>]+>", " ", html_text)


# ---- HTML ----------------------------------------------------------------------------------

def test_html_has_every_present_section_and_its_toc_entry(model, html):
    assert model["sections"] == ["kpis", "sla", "security", "risk", "trueup", "lifecycle", "roadmap", "budget",
                                 "backup", "alignment"]
    for key, title in msp.export._model.SECTION_TITLES.items():
        assert f'<h2 id="{key}-h">{title}</h2>' in html
        assert f'<a href="#{key}">{title}</a>' in html
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html


def test_html_shows_the_models_numbers(model, html):
    text = visible_text(html)
    # SLA: response 19 of 20 met = 95.00 %, resolution 18 of 19 = 94.74 % (the model's 2 decimals).
    assert [t["attainment_pct"] for t in model["sla"]["targets"]] == [95.0, 94.74]
    assert "95.00 %" in text and "94.74 %" in text
    # Risk score and grade exactly as the model has them, one decimal.
    assert (model["risk"]["score"], model["risk"]["grade"]) == (36.1, "B")
    assert "36.1" in text and "grade B" in text
    # Budget totals as money (see the module docstring for the sums).
    assert "EUR 17,090.00" in text and "EUR 13,400.00" in text and "EUR 3,690.00" in text
    assert "EUR 7,450.00" in text
    # True-up: M365 2 seats short x 15.00 = 30.00 a month, 360.00 a year; EDR 3 spare x 4.50 = -13.50.
    assert "EUR 360.00" in text and "EUR -13.50" in text
    # KPIs: the table has every period's value; backlog 12 -> 9 is -3, better.
    assert "2025-Q4" in text and "EUR" in text
    assert re.search(r">-3</td>\s*<td>▲ better", html)
    # Summary: the next fiscal year after the period's (FY2026) is FY2027.
    assert "Budget FY2027" in text
    # The three largest judged KPI changes: first response +33 %, backlog -25 %, resolution -6.2 %.
    assert text.index("First response time, mean: 1.80 h → 2.40 h (+0.60 h, worse)") < \
        text.index("Backlog at period end: 12 → 9 (-3, better)") < \
        text.index("Resolution time, mean: 8.10 h → 7.60 h (-0.50 h, better)")


def test_html_holds_nothing_of_another_tenant(html):
    # bolt's rows carry "bolt", "BOLT-..." and 777 in every figure.
    assert "bolt" not in html.lower()
    assert "777" not in html


def test_null_sections_are_left_out():
    m = fx.qbr_model(alerts=None, contracts=None, assets=None, licences=None, roadmap=None, devices=None)
    assert m["sections"] == ["kpis", "sla", "risk"]
    html = qbr_html(m)
    for key in ("security", "trueup", "lifecycle", "roadmap", "budget", "alignment"):
        assert f'id="{key}"' not in html and f'href="#{key}"' not in html
    assert "Budget FY" not in html  # the summary card too


def test_sparse_models_render():
    # No section at all: cover and summary only.
    html = qbr_html(msp.qbr_model("acme", "2026-Q4"))
    assert '<h2 id="summary-h">Summary</h2>' in html and "<section id=" not in html.replace('<section id="summary"', "")
    # Nothing evaluated yet, no alert in the period, one KPI period only, a bare alignment entry.
    sla = {"tickets": [{"tenant": "acme", "id": "X", "priority": "P1", "response": "in_progress"}]}
    doc = json.loads(msp.qbr_model("acme", "2026-Q4", sla=sla, alerts=[],
                                   kpis={"rows": [{"tenant": "acme", "period": "2026-Q3", "created": 3}]}).to_json())
    doc["alignment"] = {"tenant": "acme", "score": None, "sections": [{"id": "backup"}], "findings": ["free text"]}
    html = qbr_html(doc)
    assert 'aria-label="SLA attainment, response: 0 of 0 evaluated tickets met the response target: n/a; 1 still open"' in html
    assert "Alerts first seen in the period: 0." in html
    assert "score <strong>n/a</strong>" in html


def test_client_name_is_escaped():
    evil = '<script>alert("x")</script> & Co'
    html = qbr_html(fx.qbr_model(client={"name": evil}))
    assert "<script" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Co" in html


def test_html_is_self_contained(html):
    # Only in-page links; no stylesheet, script, image or font from anywhere else.
    assert re.findall(r'\b(?:src|href)\s*=\s*"(?!#)', html) == []
    assert "<link" not in html and "<script" not in html and "@import" not in html and "url(http" not in html
    assert "<style>" in html


def test_charts_have_text_for_screen_readers(html):
    svgs = re.findall(r"<svg\b[^>]*>", html)
    # 8 KPI trends, 2 SLA gauges, alerts by severity, risk gauge and factors, lifecycle, budget, alignment.
    assert len(svgs) == 16
    for tag in svgs:
        assert 'role="img"' in tag and 'aria-label="' in tag
    assert html.count("<title id=") == 16 and html.count("<desc id=") == 16
    budget = re.search(r'<svg[^>]*id="budget-quarters"[^>]*>', html).group(0)
    assert "FY2027-Q1 capex 6,200.00, opex 360.00, total 6,560.00" in budget
    sla = re.search(r'<svg[^>]*id="sla-response"[^>]*>', html).group(0)
    assert "19 of 20 evaluated tickets met the response target: 95.00 %" in sla


def test_the_three_inputs_give_the_same_report():
    m = fx.qbr_model()
    assert qbr_html(m) == qbr_html(m.to_json()) == qbr_html(json.loads(m.to_json()))


def test_monthly_report():
    m = msp.qbr_model("acme", "2026-11", sla=fx.SLA, risk_inputs=fx.RISK_INPUTS, client=fx.CLIENT)
    html = qbr_html(m)
    assert "Monthly Service Report: ACME GmbH, 2026-11" in html
    assert "1 Nov 2026 to 30 Nov 2026" in html


def test_bad_models_are_named():
    with pytest.raises(msp.InvalidArgumentError, match="version 'mspcore-qbr-0' is not 'mspcore-qbr-1'"):
        qbr_html({"model": "mspcore-qbr-0", "tenant": "acme", "period": {"label": "2026-Q4"}})
    with pytest.raises(msp.InvalidTypeError, match="must be a QbrModel, a dict or JSON text, not list"):
        qbr_html([1])
    with pytest.raises(msp.ParseError, match="not JSON text"):
        qbr_html("{")


def test_missing_weasyprint_says_how_to_install(model, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint -> ImportError
    with pytest.raises(msp.NotFoundError, match=r"pip install mspcore\[reports\]"):
        qbr_pdf(model, tmp_path / "x.pdf")


# ---- SVG charts ----------------------------------------------------------------------------

def test_line_chart_prints_labels_and_values_deterministically():
    args = ("t", "Backlog <open>", "Backlog per quarter", ["Q1", "Q2", "Q3"], [4.0, None, 2.0], ["4", "n/a", "2"])
    a = svg.line_chart(*args, y_label="count")
    assert a == svg.line_chart(*args, y_label="count")
    assert "<title id=\"t-title\">Backlog &lt;open&gt;</title>" in a
    assert 'aria-label="Backlog &lt;open&gt;: Backlog per quarter"' in a
    for label in ("Q1", "Q2", "Q3", ">4<", ">2<", ">n/a<", "(count)"):
        assert label in a
    assert "<polyline" not in a  # the missing middle value breaks the line into two single points


def test_stacked_bars_and_gauge():
    s = svg.stacked_bars("b", "Budget", "desc", ["Q1", "Q2"], [("capex", [100.0, 0.0], ["100", "0"], "solid"),
                                                                 ("opex", [50.0, 20.0], ["50", "20"], "hatch")],
                         totals=["150", "20"])
    assert 'id="b-hatch"' in s and "url(#b-hatch)" in s
    assert ">150<" in s and ">20<" in s and "capex (solid)" in s and "opex (hatch)" in s
    g = svg.gauge("g", "SLA", "19 of 20 met", 95.0, "95.00 %", caption="response")
    assert ">95.00 %<" in g and ">response<" in g and 'role="img"' in g
    assert ">n/a<" in svg.gauge("g2", "SLA", "nothing evaluated", None, "n/a")
    with pytest.raises(ValueError, match="pattern 'stripes' is not one of"):
        svg.hbar_chart("h", "t", "d", [("a", 1.0, "1")], patterns=["stripes"])


# ---- PDF -----------------------------------------------------------------------------------

def test_pdf_page_count_text_and_fonts(pdf):
    info = subprocess.run([tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1) == str(PDF_PAGES)
    assert re.search(r"^Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info, re.M)
    assert re.search(r"^Tagged:\s+yes", info, re.M)
    text = subprocess.run([tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    for needle in ("ACME GmbH", "95.00 %", "94.74 %", "36.1", "EUR 17,090.00", "EUR 7,450.00", "EUR 360.00",
                   f"Page 1 of {PDF_PAGES}", f"Page {PDF_PAGES} of {PDF_PAGES}", "Standards alignment"):
        assert needle in text, needle
    assert "bolt" not in text.lower()
    # Margin boxes have their own font-family: no serif fallback anywhere.
    fonts = subprocess.run([tool("pdffonts"), str(pdf)], capture_output=True, text=True, check=True).stdout
    names = [line.split()[0] for line in fonts.splitlines()[2:]]
    assert names and all(n.split("+")[-1].startswith("DejaVu-Sans") for n in names), names


def test_pdf_pages_are_not_blank(pdf, tmp_path):
    from PIL import Image

    subprocess.run([tool("pdftoppm"), "-r", "40", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == PDF_PAGES
    for page in pages:
        with Image.open(page) as im:
            lo, hi = im.convert("L").getextrema()
            assert lo < 128, f"{page.name} is blank"


def test_html_renders_in_headless_chromium(model, tmp_path):
    from PIL import Image

    page = write_html(model, tmp_path / "report.html")
    shot = tmp_path / "shot.png"
    profile = tmp_path / "chromium-profile"
    run = subprocess.run([tool("chromium"), "--headless", "--no-sandbox", "--disable-gpu", f"--screenshot={shot}",
                          "--window-size=1280,2000", "--enable-logging=stderr", "--v=0", "--no-first-run",
                          "--disable-background-networking", "--disable-component-update", "--disable-sync",
                          f"--user-data-dir={profile}", page.resolve().as_uri()], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    # The page's own console (a script error, a refused resource) is logged as CONSOLE(...).
    assert [line for line in run.stderr.splitlines() if "CONSOLE" in line] == []
    with Image.open(shot) as im:
        assert im.size == (1280, 2000)
        assert im.convert("L").getextrema()[0] < 128


# ---- e-mail --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def message(model, pdf):
    return qbr_email(model, pdf, "Blue Harbour IT <reports@blueharbour.example>", ["cio@acme.example"])


def test_eml_parses_back_with_summary_and_attachment(message, pdf, tmp_path):
    path = write_eml(message, tmp_path / "qbr.eml")
    raw = path.read_bytes()
    assert b"\r\n" in raw
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["Subject"] == "Quarterly Business Review 2026-Q4: ACME GmbH"
    assert parsed["To"] == "cio@acme.example" and parsed.get_content_type() == "multipart/mixed"
    alternative, attachment = parsed.iter_parts()
    assert alternative.get_content_type() == "multipart/alternative"
    text, html = alternative.iter_parts()
    assert (text.get_content_type(), html.get_content_type()) == ("text/plain", "text/html")
    body = text.get_content()
    for needle in ("Period: 2026-Q4 (1 Oct 2026 to 31 Dec 2026)", "SLA attainment, response: 95.00 %",
                   "SLA attainment, resolution: 94.74 %", "Risk score: 36.1 of 100, grade B",
                   "Budget FY2027: EUR 17,090.00 (capex EUR 13,400.00, opex EUR 3,690.00)",
                   "- First response time, mean: 1.80 h → 2.40 h (+0.60 h, worse)"):
        assert needle in body, needle
    assert "95.00 %" in html.get_content() and "EUR 17,090.00" in html.get_content()
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "QBR-ACME-GmbH-2026-Q4.pdf"
    assert attachment.get_content() == pdf.read_bytes()


def test_email_escapes_and_refuses_header_injection(pdf):
    evil = fx.qbr_model(client={"name": "<b>Evil</b>\nBcc: all@example.com"})
    msg = qbr_email(evil, pdf, "r@msp.example", "c@x.example")
    assert msg["Subject"] == "Quarterly Business Review 2026-Q4: <b>Evil</b> Bcc: all@example.com"
    assert msg["Bcc"] is None
    html = msg.get_body(("html",)).get_content()
    assert "<b>Evil</b>" not in html and "&lt;b&gt;Evil&lt;/b&gt;" in html
    with pytest.raises(msp.InvalidArgumentError, match="subject contains a line break"):
        qbr_email(evil, pdf, "r@msp.example", "c@x.example", subject="Hi\r\nBcc: x@y")
    with pytest.raises(msp.InvalidArgumentError, match="is not a PDF file"):
        qbr_email(evil, __file__, "r@msp.example", "c@x.example")


# ---- SMTP against aiosmtpd on 127.0.0.1 ----------------------------------------------------

USER, PASSWORD = "reports@msp.example", "s3cret-Pa55word!"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    def __init__(self):
        self.envelopes, self.logins = [], []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult

        ok = auth_data.login == USER.encode() and auth_data.password == PASSWORD.encode()
        if ok:
            self.logins.append(auth_data.login.decode())
        return AuthResult(success=ok, handled=False)  # handled=False: the server answers 535 on failure


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A throwaway self-signed certificate for 127.0.0.1."""
    d = tmp_path_factory.mktemp("tls")
    subprocess.run([tool("openssl"), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(d / "key.pem"),
                    "-out", str(d / "cert.pem")], check=True, capture_output=True)
    return d / "cert.pem", d / "key.pem"


@pytest.fixture
def smtp_server(certificate):
    from aiosmtpd.controller import Controller

    servers = []

    def start(tls=True):
        inbox = Inbox()
        kwargs = {"authenticator": inbox.authenticate}
        if tls:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(*map(str, certificate))
            kwargs.update(tls_context=context, require_starttls=True, auth_require_tls=True)
        else:
            kwargs.update(auth_require_tls=False)
        controller = Controller(inbox, hostname="127.0.0.1", port=free_port(), **kwargs)
        controller.start()
        servers.append(controller)
        return controller.port, inbox

    yield start
    for controller in servers:
        controller.stop()


def client_context(certificate):
    return ssl.create_default_context(cafile=str(certificate[0]))


def test_send_over_starttls_with_auth(smtp_server, certificate, message, pdf, monkeypatch, caplog):
    port, inbox = smtp_server(tls=True)
    monkeypatch.setenv("MSPCORE_SMTP_USER", USER)
    monkeypatch.setenv("MSPCORE_SMTP_PASSWORD", PASSWORD)
    caplog.set_level("DEBUG")
    refused = send_email(message, "127.0.0.1", port, ssl_context=client_context(certificate))
    assert refused == {}
    assert inbox.logins == [USER]
    [envelope] = inbox.envelopes
    assert envelope.rcpt_tos == ["cio@acme.example"]
    received = email.message_from_bytes(envelope.content, policy=email.policy.default)
    [attachment] = list(received.iter_attachments())
    assert attachment.get_content() == pdf.read_bytes()
    assert any(r.name == "mspcore.export.mail" for r in caplog.records)
    for secret in (PASSWORD, base64.b64encode(PASSWORD.encode()).decode(),
                   base64.b64encode(f"\0{USER}\0{PASSWORD}".encode()).decode()):
        assert secret not in caplog.text


def test_a_wrong_password_is_not_in_the_error(smtp_server, certificate, message, monkeypatch, caplog):
    port, inbox = smtp_server(tls=True)
    monkeypatch.setenv("MSPCORE_SMTP_USER", USER)
    monkeypatch.setenv("MSPCORE_SMTP_PASSWORD", "wrong-Pa55word!")
    caplog.set_level("DEBUG")
    with pytest.raises(msp.InvalidStateError, match=rf"delivery via 127.0.0.1:{port} failed: SMTPAuthenticationError") as info:
        send_email(message, "127.0.0.1", port, ssl_context=client_context(certificate))
    shown = "".join(traceback.format_exception(info.type, info.value, info.tb))
    assert "wrong-Pa55word!" not in shown and "wrong-Pa55word!" not in caplog.text
    assert inbox.envelopes == []


def test_credentials_need_tls(smtp_server, message, monkeypatch):
    monkeypatch.setenv("MSPCORE_SMTP_USER", USER)
    monkeypatch.setenv("MSPCORE_SMTP_PASSWORD", PASSWORD)
    # Refused before connecting: no server listens on these.
    with pytest.raises(msp.InvalidStateError, match="refusing to send SMTP credentials without TLS to smtp.example.com:25"):
        send_email(message, "smtp.example.com", 25, starttls=False, allow_insecure_localhost=True)
    with pytest.raises(msp.InvalidStateError, match="without TLS to 127.0.0.1:2525") as info:
        send_email(message, "127.0.0.1", 2525, starttls=False)
    assert PASSWORD not in str(info.value)
    # Explicitly allowed for a server on this machine: plain SMTP with AUTH.
    port, inbox = smtp_server(tls=False)
    assert send_email(message, "127.0.0.1", port, starttls=False, allow_insecure_localhost=True) == {}
    assert inbox.logins == [USER] and len(inbox.envelopes) == 1


def test_half_set_credentials_and_no_credentials(smtp_server, message, monkeypatch):
    monkeypatch.setenv("MSPCORE_SMTP_USER", USER)
    monkeypatch.delenv("MSPCORE_SMTP_PASSWORD", raising=False)
    with pytest.raises(msp.InvalidArgumentError, match="MSPCORE_SMTP_PASSWORD is not set in the environment") as info:
        send_email(message, "127.0.0.1", 25)
    assert USER not in str(info.value)
    # Without credentials nothing is sent in the clear that needs protecting: plain SMTP is fine.
    monkeypatch.delenv("MSPCORE_SMTP_USER")
    port, inbox = smtp_server(tls=False)
    assert send_email(message, "127.0.0.1", port, starttls=False) == {}
    assert inbox.logins == [] and len(inbox.envelopes) == 1


def test_replacements_are_one_line_per_quarter_and_long_lists_are_capped(model):
    doc = json.loads(model.to_json()) if hasattr(model, "to_json") else json.loads(json.dumps(dict(model)))
    groups = doc["roadmap"]["replacements"]
    page = qbr_html(doc)
    for g in groups:  # the model's count and exact total, not one line per device
        assert f"Replace {g['count']} device" in page
    lifecycle_ids = [i["id"] for i in doc["roadmap"]["initiatives"] if i["source"] == "lifecycle"]
    assert lifecycle_ids and not any(f">{i}<" in page for i in lifecycle_ids)
    # 40 breaches: the table says how many and shows the first 15.
    doc["sla"]["breaches"] = [{"id": f"T{n}", "priority": "P3", "target": "response"} for n in range(40)]
    page = qbr_html(doc)
    assert "Breaches (40, the first 15 shown)" in page and ">T14<" in page and ">T15<" not in page


def test_crowded_chart_labels_are_short_and_the_tables_exact():
    from mspcore.export._sections import _chart_money, _quarter_label

    assert [_chart_money(a) for a in ("950.00", "9999.50", "36552.80", "1250000.00")] == ["950", "9,999.50", "36.6k", "1.25M"]
    assert _quarter_label("FY2027-Q1") == "FY27 Q1" and _quarter_label("2027-Q1") == "2027-Q1"


def test_a_percentage_changes_by_percentage_points():
    from mspcore.export import _format

    # 2.4 % -> 4.2 % is +1.9 percentage points (rounded to the unit's one decimal), not +1.9 %.
    assert _format.kpi_delta(1.87, "percent") == "+1.9 pp"
    assert _format.kpi_delta(-7.04, "hours") == "-7.04 h"
    assert _format.kpi_delta(0.0, "percent").startswith("±")
