"""The QBR deck (mspcore.export.qbr_deck, docs/export-deck.md): reopened with python-pptx, every
chart's data equals the model's numbers; titles and tables carry the model's figures as text;
absent sections get no slide; one tenant's deck holds no text of another; the MSP's template
and logo are used; LibreOffice converts every deck to a PDF with one page per slide.

The expected numbers are read from the model itself (the deck must not recompute them), except
where a value is worked out by hand in a comment from tests/python/qbr_fixtures.py.
"""
import copy
import io
import json
import pathlib
import shutil
import subprocess
import sys
import zipfile
from decimal import Decimal

import pytest

import mspcore as msp
import qbr_fixtures as fx

pptx = pytest.importorskip("pptx", reason="python-pptx (the 'reports' extra) is not installed")
from pptx import Presentation  # noqa: E402

from mspcore.export import _deck_format as fmt, qbr_deck  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
FULL_TITLES = ["ACME GmbH", "Agenda", "Service KPIs", "KPI trends", "SLA attainment", "Security alerts",
               "Security risk", "Backup, patching and availability", "Licence true-up", "Asset lifecycle", "Roadmap", "Budget", "Standards alignment"]


@pytest.fixture(scope="module")
def acme():
    return fx.rich_model("acme", alignment=fx.alignment("acme"))


@pytest.fixture(scope="module")
def acme_deck(acme, tmp_path_factory):
    path = qbr_deck(acme, tmp_path_factory.mktemp("deck") / "acme.pptx")
    return path, Presentation(str(path))


# -- reading a deck back --------------------------------------------------------------------
def title_of(slide):
    for shape in slide.shapes:
        if shape.is_placeholder and shape.placeholder_format.type in (1, 3):  # TITLE, CENTER_TITLE
            return shape.text_frame.text
        if shape.name == "Title":
            return shape.text_frame.text
    return None


def titles(prs):
    return [title_of(s) for s in prs.slides]


def slide_titled(prs, title):
    [slide] = [s for s in prs.slides if title_of(s) == title]
    return slide


def shape(slide, name):
    [found] = [s for s in slide.shapes if s.name == name]
    return found


def chart_data(frame):
    """(categories, [(series name, values)]) of a chart as stored in the deck."""
    plot = frame.chart.plots[0]
    return list(plot.categories), [(s.name, list(s.values)) for s in plot.series]


def table_rows(frame):
    return [[cell.text for cell in row.cells] for row in frame.table.rows]


def all_text(prs):
    """Every text a user can see or edit: text frames, table cells, chart titles, categories, series."""
    out = []
    for slide in prs.slides:
        for sh in slide.shapes:
            if sh.has_text_frame:
                out.append(sh.text_frame.text)
            if sh.has_table:
                out.extend(c.text for row in sh.table.rows for c in row.cells)
            if sh.has_chart:
                ch = sh.chart
                if ch.has_title:
                    out.append(ch.chart_title.text_frame.text)
                for plot in ch.plots:
                    out.extend(str(c) for c in plot.categories)
                    out.extend(s.name for s in plot.series)
    return "\n".join(out)


def package_text(path):
    """The text of every part of the .pptx, embedded chart workbooks unzipped too."""
    texts = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            blob = z.read(name)
            if name.endswith(".xlsx"):
                with zipfile.ZipFile(io.BytesIO(blob)) as inner:
                    texts.extend(inner.read(n).decode("utf-8", "replace") for n in inner.namelist())
            else:
                texts.append(blob.decode("utf-8", "replace"))
    return "\n".join(texts)


# -- slides and their numbers -------------------------------------------------------------
def test_slide_titles_follow_the_models_sections(acme_deck):
    _, prs = acme_deck
    assert titles(prs) == FULL_TITLES
    agenda = body_text(slide_titled(prs, "Agenda"))
    assert agenda == ["Service KPIs and trends", "SLA attainment", "Security alerts", "Security risk",
                      "Backup, patching and availability", "Licence true-up", "Asset lifecycle", "Roadmap", "Budget", "Standards alignment"]


def body_text(slide):
    for sh in slide.shapes:
        if sh.is_placeholder and sh.placeholder_format.type not in (1, 3):
            return [p.text for p in sh.text_frame.paragraphs]
    return None


def test_title_slide(acme_deck):
    _, prs = acme_deck
    slide = prs.slides[0]
    text = all_text_of(slide)
    assert "ACME GmbH" in text and "Northwind IT Services" in text
    assert "2026-Q4 (1 Oct 2026 \u2013 31 Dec 2026)" in text and "as of 2026-12-31" in text
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)  # 16:9
    assert prs.core_properties.title == "QBR 2026-Q4 \u2013 ACME GmbH"


def all_text_of(slide):
    return "\n".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)


def test_kpi_table_has_values_arrows_and_assessments(acme_deck, acme):
    _, prs = acme_deck
    rows = table_rows(shape(slide_titled(prs, "Service KPIs"), "KPI table"))
    assert rows[0] == ["KPI", "Previous (2026-Q3)", "Current (2026-Q4)", "Change", "Assessment", "Note"]
    # From the fixture: created 44 -> 50 (neutral volume), backlog 8 -> 6 (lower is better),
    # first response 0.75 h -> 1.25 h (worse), SLA response 96 -> 97.25 % (better), CSAT flat.
    assert rows[1:] == [
        ["Tickets created", "44", "50", "\u25b2 +6", "neutral", ""],
        ["Backlog at period end", "8", "6", "\u25bc -2", "better", ""],
        ["First response time, mean", "0.75 h", "1.25 h", "\u25b2 +0.50 h", "worse", ""],
        ["SLA attainment, response", "96.00 %", "97.25 %", "\u25b2 +1.25 pp", "better", ""],
        ["CSAT, positive share", "93.00 %", "93.00 %", "\u25ba 0.00 pp", "unchanged", ""],
    ]
    assert [i["assessment"] for i in acme["kpis"]["items"]] == ["neutral", "better", "worse", "better", "unchanged"]
    assert "acme-email (20), network (12), printer (7)" in all_text_of(slide_titled(prs, "Service KPIs"))


def test_kpi_trend_charts_hold_the_models_values(acme_deck, acme):
    _, prs = acme_deck
    slide = slide_titled(prs, "KPI trends")
    for item in acme["kpis"]["items"]:
        categories, series = chart_data(shape(slide, f"Trend: {item['id']}"))
        assert categories == acme["kpis"]["periods"] == fx.PERIODS
        assert series == [(item["title"], item["values"])]
    categories, series = chart_data(shape(slide, "Trend: backlog"))
    assert series[0][1] == [12.0, 11.0, 9.0, 8.0, 6.0]


def test_sla_gauges_and_bars(acme_deck, acme):
    _, prs = acme_deck
    slide = slide_titled(prs, "SLA attainment")
    for target in acme["sla"]["targets"]:
        categories, series = chart_data(shape(slide, f"SLA gauge: {target['target']}"))
        assert categories == ["Met", "Breached"]
        assert series[0][1] == [target["met"], target["breached"]]
        assert shape(slide, f"Attainment: {target['target']}").text_frame.text == fmt.percent(target["attainment_pct"])
    # Response 6 met / 8 = 75.00 %, resolution 5 / 7 = 71.43 % (qbr_fixtures.sla_rows).
    assert shape(slide, "Attainment: response").text_frame.text == "75.00 %"
    assert shape(slide, "Attainment: resolution").text_frame.text == "71.43 %"
    categories, series = chart_data(shape(slide, "SLA by priority"))
    assert categories == ["P1", "P2", "P3"]
    by = {(r["priority"], r["target"]): r["attainment_pct"] for r in acme["sla"]["by_priority"]}
    assert series == [("Response", [by["P1", "response"], by["P2", "response"], by["P3", "response"]]),
                      ("Resolution", [by["P1", "resolution"], by["P2", "resolution"], by["P3", "resolution"]])]
    assert series[0][1] == [50.0, 100.0, 75.0]
    assert shape(slide, "SLA by priority").chart.value_axis.minimum_scale == 0


def test_security_bars_and_table(acme_deck, acme):
    _, prs = acme_deck
    slide = slide_titled(prs, "Security alerts")
    categories, series = chart_data(shape(slide, "Alerts by severity"))
    assert categories == ["Critical", "High", "Medium", "Low"]
    sev = acme["security"]["by_severity"]
    assert series == [("Alerts", [sev["critical"], sev["high"], sev["medium"], sev["low"]])] == [("Alerts", [1, 2, 1, 2])]
    rows = table_rows(shape(slide, "Alert table"))
    assert [r[2] for r in rows[1:]] == [i["title"] for i in acme["security"]["items"]]
    assert rows[1] == ["1", "Critical", "acme alert 1", "acme-PC1", "Open", "2026-11-03"]
    assert shape(slide, "Alerts by severity").chart.value_axis.minimum_scale == 0


def test_risk_score_and_ranked_contributions(acme_deck, acme):
    _, prs = acme_deck
    slide = slide_titled(prs, "Security risk")
    ranked = acme["risk"]["ranked"]
    categories, series = chart_data(shape(slide, "Risk contributions"))
    assert categories == [fmt.label(r["factor"]) for r in ranked]
    assert series == [("Points", [r["points"] for r in ranked])]  # exact floats, as in the model
    assert categories[0] == "Incidents" and series[0][1][0] == 13.75  # the largest first
    text = shape(slide, "Risk score").text_frame.text
    assert f"{acme['risk']['score']:g}" in text and f"Grade {acme['risk']['grade']}" in text
    rows = table_rows(shape(slide, "Risk table"))
    assert rows[1][:4] == ["Incidents", "13.75", "20", "measured"] and rows[2][3] == "missing"


def test_trueup_tables_show_the_decimal_sums(acme_deck, acme):
    _, prs = acme_deck
    slide = slide_titled(prs, "Licence true-up")
    kinds = table_rows(shape(slide, "True-up by kind"))
    # EDR 3 seats x 4.50 = 13.50 a month refund risk; M365 4 x 15.00 = 60.00 leakage.
    assert kinds[1:] == [["Refund risk", "1", "EUR 13.50", "EUR 162.00"], ["Revenue leakage", "1", "EUR 60.00", "EUR 720.00"]]
    assert [(r["monthly_value"], r["annual_value"]) for r in acme["trueup"]["by_kind"]] == [("13.50", "162.00"),
                                                                                          ("60.00", "720.00")]
    actions = table_rows(shape(slide, "True-up by action"))
    assert actions[1:] == [["True down", "1", "EUR -13.50"], ["True up", "1", "EUR 60.00"]]
    proposals = table_rows(shape(slide, "True-up proposals"))
    assert [r[0] for r in proposals[1:]] == [p["sku"] for p in acme["trueup"]["proposals"]]
    assert proposals[2][3:6] == ["10 \u2192 14", "EUR 60.00", "2027-01-01"]


def test_lifecycle_stacked_bars(acme_deck, acme):
    _, prs = acme_deck
    slide = slide_titled(prs, "Asset lifecycle")
    categories, series = chart_data(shape(slide, "Lifecycle by type"))
    by_type = acme["lifecycle"]["by_type"]
    assert categories == [fmt.label(t) for t in by_type]
    assert series == [(fmt.label(s), [by_type[t][s] for t in by_type]) for s in ("supported", "due_soon", "overdue",
                                                                                 "unknown")]
    rows = table_rows(shape(slide, "Lifecycle attention"))
    assert [r[0] for r in rows[1:]] == [a["id"] for a in acme["lifecycle"]["attention"][:7]]


def test_roadmap_table_by_quarter(acme_deck, acme):
    _, prs = acme_deck
    rows = table_rows(shape(slide_titled(prs, "Roadmap"), "Roadmap table"))
    initiatives = acme["roadmap"]["initiatives"]
    own = [i for i in initiatives if i["source"] != "lifecycle"]
    groups = acme["roadmap"]["replacements"]
    # The lifecycle replacements are one row per quarter (the model's count and total), the
    # others one row each: 10 initiatives, 6 replacements in 2026-Q4 (6 x 1,250.00) and 1 in
    # 2027-Q1, make 3 + 2 rows.
    assert len(initiatives) == 10 and len(own) == 3
    assert [(g["quarter"], g["count"], g["budget_total"]) for g in groups] == [("2026-Q4", 6, "7500.00"), ("2027-Q1", 1, "1250.00")]
    assert len(rows) - 1 == len(own) + len(groups)
    assert ["2026-Q4", "1", "Replace 6 devices due by warranty, OS support or age", "Proposed", "Lifecycle",
            fmt.money(groups[0]["budget_total"], "EUR")] in rows
    assert sorted(r[5] for r in rows[1:]) == sorted(fmt.money(x["budget_total"], "EUR") for x in own + groups)
    assert ["2027-Q1", "1", "Firewall refresh (acme)", "Approved", "Roadmap", "EUR 12,500.00"] in rows
    assert [r[0] for r in rows[1:]].count("2026-Q4") == 1  # the quarter once, at its first row


def test_budget_chart_and_fiscal_years(acme_deck, acme):
    _, prs = acme_deck
    slide = slide_titled(prs, "Budget")
    quarters = acme["budget"]["quarters"]
    categories, series = chart_data(shape(slide, "Budget by quarter"))
    assert categories == [q["fiscal_quarter"] for q in quarters]
    assert series == [("Capex", [float(Decimal(q["capex"])) for q in quarters]),
                      ("Opex", [float(Decimal(q["opex"])) for q in quarters])]
    # FY2027-Q1: the firewall 12,500.00 + the network device's replacement 1,250.00 = 13,750.00 capex.
    assert series[0][1][categories.index("FY2027-Q1")] == 13750.0
    assert shape(slide, "Budget by quarter").chart.value_axis.minimum_scale == 0
    rows = table_rows(shape(slide, "Budget by fiscal year"))
    assert rows[0] == ["Fiscal year", "Capex", "Opex", "One time", "Recurring", "Approved", "Proposed", "Total"]
    years = acme["budget"]["fiscal_years"]
    assert rows[1:] == [[y["fiscal_year"]] + [fmt.money(y[c]) for c in ("capex", "opex", "one_time", "recurring",
                                                                        "approved", "proposed", "total")] for y in years]
    assert rows[2][-1] == "19,570.00"


def test_alignment_slide(acme_deck, acme):
    _, prs = acme_deck
    slide = slide_titled(prs, "Standards alignment")
    categories, series = chart_data(shape(slide, "Alignment by section"))
    assert categories == ["Backup", "Identity", "Network (not scored)"]
    assert series == [("Score", [85.0, 60.0, None])]  # "85.00", "60.00", null in the model
    assert "72.50" in shape(slide, "Alignment score").text_frame.text
    rows = table_rows(shape(slide, "Alignment findings"))
    assert rows[1] == ["1", "Identity", "MFA not enforced for admins (acme)", "Enforce MFA"]


# -- absent sections, pages, inputs -------------------------------------------------------
def test_null_sections_get_no_slide(tmp_path):
    m = fx.rich_model("acme", alerts=None, contracts=None, observations=None, devices=None)
    assert m["security"] is None and m["trueup"] is None and m["alignment"] is None and m["backup"] is None
    prs = Presentation(str(qbr_deck(m, tmp_path / "d.pptx")))
    assert titles(prs) == [t for t in FULL_TITLES if t not in ("Security alerts", "Licence true-up",
                                                               "Standards alignment", "Backup, patching and availability")]
    assert "Licence true-up" not in body_text(slide_titled(prs, "Agenda"))
    bare = msp.qbr_model("acme", "2026-Q4")  # no section at all
    prs = Presentation(str(qbr_deck(bare, tmp_path / "bare.pptx")))
    assert titles(prs) == ["acme", "Agenda"]  # no client name: the tenant


def test_many_rows_continue_on_further_slides(tmp_path):
    ids = [k["id"] for k in msp.kpi_dictionary() if k["subject"] == "ticket" and k["unit"] != "text"][:14]
    rows = [dict({k: float(n + i) for i, k in enumerate(ids)}, tenant="acme", period=p) for n, p in enumerate(fx.PERIODS)]
    m = fx.rich_model("acme", kpis={"rows": rows})
    assert len(m["kpis"]["items"]) == 14
    prs = Presentation(str(qbr_deck(m, tmp_path / "d.pptx", trend_kpis=ids[:8])))
    t = titles(prs)
    assert "Service KPIs (1/2)" in t and "Service KPIs (2/2)" in t and "KPI trends (2/2)" in t
    shown = sum(len(table_rows(shape(slide_titled(prs, f"Service KPIs ({n}/2)"), "KPI table"))) - 1 for n in (1, 2))
    assert shown == len(m["kpis"]["items"])


def test_money_is_formatted_from_the_decimal_text():
    # 12345678901234567.89 has no exact float: through a float it would end in ...568.
    assert fmt.money("12345678901234567.89", "EUR") == "EUR 12,345,678,901,234,567.89"
    assert fmt.money("-1250.5") == "-1,250.5" and fmt.money("0.00", "USD") == "USD 0.00"
    assert fmt.money("999.00") == "999.00" and fmt.money("1000") == "1,000"
    with pytest.raises(msp.InvalidArgumentError, match="'12,5' is not a decimal"):
        fmt.money("12,5")
    with pytest.raises(msp.InvalidTypeError, match="expected a decimal string"):
        fmt.money(12.5)


def test_large_amounts_keep_every_digit(tmp_path):
    roadmap = [{"id": "I-big", "tenant": "acme", "title": "Data centre", "quarter": "2027-Q1", "status": "approved",
                "costs": [{"kind": "one_time", "amount": "12345678901234567.89", "currency": "EUR", "category": "capex"}]}]
    m = msp.qbr_model("acme", "2026-Q4", roadmap=roadmap)
    prs = Presentation(str(qbr_deck(m, tmp_path / "d.pptx")))
    assert "EUR 12,345,678,901,234,567.89" in all_text(prs)


def test_model_forms_give_the_same_deck(acme, tmp_path):
    decks = [qbr_deck(form, tmp_path / f"{n}.pptx") for n, form in
             enumerate((acme, json.loads(acme.to_json()), acme.to_json(), acme.to_json().encode()))]
    texts = {all_text(Presentation(str(d))) for d in decks}
    assert len(texts) == 1


def test_file_object_out(acme):
    buf = io.BytesIO()
    assert qbr_deck(acme, buf) is buf
    buf.seek(0)
    assert titles(Presentation(buf)) == FULL_TITLES


def test_bad_input_is_named(acme, tmp_path):
    doc = json.loads(acme.to_json())
    with pytest.raises(msp.InvalidArgumentError, match="version 'mspcore-qbr-0' is not 'mspcore-qbr-1'"):
        qbr_deck(dict(doc, model="mspcore-qbr-0"), tmp_path / "x.pptx")
    with pytest.raises(msp.ParseError, match="model: not JSON"):
        qbr_deck("{", tmp_path / "x.pptx")
    with pytest.raises(msp.InvalidTypeError, match="QBR model must be a QbrModel, a dict or JSON text, not list"):
        qbr_deck([], tmp_path / "x.pptx")
    with pytest.raises(msp.NotFoundError, match="template: no file"):
        qbr_deck(acme, tmp_path / "x.pptx", template=tmp_path / "missing.pptx")
    (tmp_path / "bad.pptx").write_text("not a deck")
    with pytest.raises(msp.InvalidArgumentError, match="template: not a PowerPoint .pptx file"):
        qbr_deck(acme, tmp_path / "x.pptx", template=tmp_path / "bad.pptx")
    (tmp_path / "bad.png").write_text("not an image")
    with pytest.raises(msp.InvalidArgumentError, match="logo: not an image"):
        qbr_deck(acme, tmp_path / "x.pptx", logo=tmp_path / "bad.png")
    broken = copy.deepcopy(doc)
    broken["budget"]["quarters"][0]["capex"] = "12,00"
    with pytest.raises(msp.InvalidArgumentError, match=r"budget.quarters\[0\].capex: '12,00' is not a decimal"):
        qbr_deck(broken, tmp_path / "x.pptx")


def test_missing_python_pptx_says_how_to_install(acme, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pptx", None)  # import pptx now raises ImportError
    with pytest.raises(msp.NotFoundError, match=r"needs python-pptx, which is not installed.*pip install mspcore\[reports\]"):
        qbr_deck(acme, tmp_path / "x.pptx")


def test_importing_mspcore_needs_no_python_pptx():
    code = "import sys, mspcore, mspcore.export; assert 'pptx' not in sys.modules, 'pptx imported'"
    subprocess.run([sys.executable, "-c", code], check=True, env=_child_env())


def _child_env():
    import os

    package_root = str(pathlib.Path(msp.__file__).resolve().parents[1])
    return dict(os.environ, PYTHONPATH=os.pathsep.join([package_root, os.environ.get("PYTHONPATH", "")]))


# -- tenant isolation ---------------------------------------------------------------------
@pytest.mark.parametrize("tenant,other", [("acme", "bolt"), ("bolt", "acme")])
def test_a_deck_holds_no_text_of_another_tenant(tenant, other, tmp_path):
    # Both tenants are in every source (qbr_fixtures.rich_model); ids and titles carry the name.
    m = fx.rich_model(tenant, alignment=fx.alignment(tenant))
    path = qbr_deck(m, tmp_path / f"{tenant}.pptx")
    text = all_text(Presentation(str(path)))
    assert tenant in text
    assert other not in text.lower() and other.upper() not in text
    assert other not in package_text(path).lower()  # nor in any part, embedded workbooks included


# -- templates and logo -------------------------------------------------------------------
def test_default_template_is_16_9_with_fitting_layouts():
    prs = Presentation(str(ROOT / "python" / "mspcore" / "export" / "templates" / "qbr.pptx"))
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    assert len(prs.slides) == 0
    for layout in [prs.slide_master] + list(prs.slide_layouts):
        for ph in layout.placeholders:
            assert ph.left + ph.width <= prs.slide_width, (layout.name, ph.name)
    names = {layout.name for layout in prs.slide_layouts}
    assert {"Title Slide", "Title and Content", "Title Only"} <= names


def test_template_script_writes_the_committed_template(tmp_path):
    out = tmp_path / "qbr.pptx"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_deck_template.py"), str(out)], check=True,
                   capture_output=True)

    def geometry(path):
        prs = Presentation(str(path))
        return [(lay.name, [(p.name, p.left, p.top, p.width, p.height) for p in lay.placeholders])
                for lay in prs.slide_layouts]
    assert geometry(out) == geometry(ROOT / "python" / "mspcore" / "export" / "templates" / "qbr.pptx")


def msp_template(path):
    """An MSP's own template: python-pptx's 4:3 default with renamed layouts and an example slide."""
    prs = Presentation()
    for layout in prs.slide_layouts:
        layout.name = {"Title Slide": "Northwind Cover", "Title Only": "Northwind Heading",
                       "Title and Content": "Title and Content"}.get(layout.name, layout.name)
    prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = "Example slide of the template"
    prs.save(path)
    return path


def logo_png(path):
    from PIL import Image

    Image.new("RGB", (300, 100), (43, 108, 176)).save(path)
    return path


def test_msp_template_and_logo(acme, tmp_path):
    template = msp_template(tmp_path / "northwind.pptx")
    logo = logo_png(tmp_path / "logo.png")
    path = qbr_deck(acme, tmp_path / "d.pptx", template=template, logo=logo)
    prs = Presentation(str(path))
    assert (prs.slide_width, prs.slide_height) == (9144000, 6858000)  # the template's size
    assert titles(prs) == FULL_TITLES  # its example slide is gone
    assert "Example slide" not in all_text(prs)
    # No layout is called "Title Slide" or "Title Only": found by their placeholders instead.
    layouts = [s.slide_layout.name for s in prs.slides]
    assert layouts[0] == "Northwind Cover" and layouts[1] == "Title and Content"
    assert set(layouts[2:]) == {"Northwind Heading"}
    pictures = [sh for s in prs.slides for sh in s.shapes if sh.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE
    assert len(pictures) == len(prs.slides)  # the title slide's, and one in the footer of each other
    for s in prs.slides:
        for sh in s.shapes:
            assert sh.left + sh.width <= prs.slide_width + 1, (title_of(s), sh.name)
    # The same chart data whatever the template.
    default = Presentation(str(qbr_deck(acme, tmp_path / "default.pptx")))
    for title in ("Budget", "Security risk"):
        a = [chart_data(sh) for sh in slide_titled(prs, title).shapes if sh.has_chart]
        b = [chart_data(sh) for sh in slide_titled(default, title).shapes if sh.has_chart]
        assert a == b and a


def test_logo_from_bytes_and_file_object(acme, tmp_path):
    logo = logo_png(tmp_path / "logo.png").read_bytes()
    for form in (logo, io.BytesIO(logo)):
        prs = Presentation(str(qbr_deck(acme, tmp_path / "d.pptx", logo=form)))
        assert sum(1 for sh in prs.slides[0].shapes if sh.name == "Logo") == 1


# -- LibreOffice ------------------------------------------------------------------------------
def convert_to_pdf(deck: pathlib.Path, tmp_path: pathlib.Path) -> pathlib.Path:
    """soffice on a private profile: two conversions on one profile race (exit 0, no file)."""
    soffice = shutil.which("soffice")
    if soffice is None or shutil.which("pdfinfo") is None:
        pytest.skip("LibreOffice (soffice, Debian libreoffice-impress) or pdfinfo (poppler-utils) is not installed")
    profile = tmp_path / "lo-profile"
    out = tmp_path / "pdf"
    done = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", "pdf",
                           "--outdir", str(out), str(deck)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    pdf = out / (deck.stem + ".pdf")
    assert pdf.is_file(), f"soffice wrote no PDF: {done.stdout} {done.stderr}"
    return pdf


def pdf_pages(pdf: pathlib.Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))


def test_libreoffice_converts_the_deck(acme_deck, tmp_path):
    path, prs = acme_deck
    assert pdf_pages(convert_to_pdf(path, tmp_path)) == len(prs.slides) == len(FULL_TITLES)


def test_libreoffice_converts_a_deck_on_the_msp_template(acme, tmp_path):
    path = qbr_deck(acme, tmp_path / "northwind.pptx", template=msp_template(tmp_path / "t.pptx"),
                    logo=logo_png(tmp_path / "logo.png"))
    assert pdf_pages(convert_to_pdf(path, tmp_path)) == len(Presentation(str(path)).slides)


def test_budget_with_a_fiscal_year_from_april(tmp_path):
    m = fx.rich_model("acme", budget_options={"years": 2, "fiscal_year_start": 4})
    prs = Presentation(str(qbr_deck(m, tmp_path / "d.pptx")))
    slide = slide_titled(prs, "Budget")
    assert shape(slide, "Table title").text_frame.text == "Fiscal year totals in EUR (fiscal years from April)"
    categories, series = chart_data(shape(slide, "Budget by quarter"))
    assert categories == [q["fiscal_quarter"] for q in m["budget"]["quarters"]]
    assert series[1][1] == [float(Decimal(q["opex"])) for q in m["budget"]["quarters"]]
