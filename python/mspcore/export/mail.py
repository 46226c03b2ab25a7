"""The report e-mail (docs/export-report.md): a ready MIME message with the PDF attached and a
short summary as text and HTML, written as an .eml file or delivered over SMTP.

Standard library only (email, smtplib, ssl) plus the Jinja2 template of the HTML part.

SMTP credentials come only from the environment (``MSPCORE_SMTP_USER`` /
``MSPCORE_SMTP_PASSWORD`` by default), are never logged and never appear in an error: a
failure's text is scrubbed of them and the original exception is not chained. Credentials are
sent only over TLS (STARTTLS, the certificate verified); ``allow_insecure_localhost=True``
lifts this for a server on the loopback interface only (a test server on 127.0.0.1), never
for another host.
"""
from __future__ import annotations

import base64
import email.policy
import email.utils
import ipaddress
import logging
import os
import pathlib
import re
import smtplib
import ssl
from collections.abc import Sequence
from email.message import EmailMessage

from .. import _core
from ._files import atomic_output
from ._model import load_model, period_kind, require, summary

_log = logging.getLogger(__name__)
_TEMPLATES = pathlib.Path(__file__).resolve().parent / "templates"


def _header(value: str, what: str) -> str:
    """A header value; a line break would let text forge headers (header injection)."""
    if not isinstance(value, str) or not value.strip():
        raise _core.InvalidArgumentError(f"qbr_email: {what} must be a non-empty str, not {value!r}")
    if "\r" in value or "\n" in value:
        raise _core.InvalidArgumentError(f"qbr_email: {what} contains a line break: {value!r}")
    return value


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-._") or "report"


def summary_text(s: dict, filename: str) -> str:
    lines = [f"{s['title']} {s['period']}: {s['client']}",
             f"Period: {s['period']} ({s['period_range']}), figures as of {s['as_of']}", ""]
    for t in s["sla"]:
        lines.append(f"SLA attainment, {t['target']}: {t['text']} ({t['detail']})")
    if s["risk"]:
        lines.append(f"Risk score: {s['risk']['score']} of 100, grade {s['risk']['grade']} (0 is best)")
    if s["alerts"] is not None:
        lines.append(f"Security alerts in the period: {s['alerts']}")
    if s["budget_next"]:
        b = s["budget_next"]
        lines.append(f"Budget {b['fiscal_year']}: {b['total']} (capex {b['capex']}, opex {b['opex']})")
    if s["kpi_changes"]:
        lines += ["", "Largest KPI changes:"] + [f"- {c}" for c in s["kpi_changes"]]
    lines += ["", f"The full report is attached ({filename})."]
    if s["msp"]:
        lines += ["", "-- ", s["msp"]]
    return "\n".join(lines) + "\n"


def qbr_email(model, pdf_path, sender: str, to, subject: str | None = None, *,
              filename: str | None = None) -> EmailMessage:
    """The report e-mail: multipart/mixed of a multipart/alternative (text and HTML summary:
    period, SLA attainment, risk score, alerts, the three largest KPI changes, the next fiscal
    year's budget) and the PDF (application/pdf, ``filename`` or "<title>-<client>-<period>.pdf")."""
    doc = load_model(model)
    s = summary(doc)
    pdf = pathlib.Path(pdf_path).read_bytes()
    if not pdf.startswith(b"%PDF-"):
        raise _core.InvalidArgumentError(f"qbr_email: {str(pdf_path)!r} is not a PDF file")
    recipients = [to] if isinstance(to, str) else list(to)
    if not recipients:
        raise _core.InvalidArgumentError("qbr_email: no recipient (to is empty)")
    kind = "QBR" if period_kind(doc) == "quarter" else "Monthly-Report"
    filename = _header(filename or f"{kind}-{_slug(s['client'])}-{_slug(s['period'])}.pdf", "filename")

    msg = EmailMessage(policy=email.policy.SMTP)
    if subject is None:  # derived from the client's name: line breaks in it become spaces
        subject = " ".join(f"{s['title']} {s['period']}: {s['client']}".split())
    msg["Subject"] = _header(subject, "subject")
    msg["From"] = _header(sender, "sender")
    msg["To"] = ", ".join(_header(r, f"recipient {i}") for i, r in enumerate(recipients))
    msg["Date"] = email.utils.formatdate(usegmt=True)
    domain = sender.rpartition("@")[2].strip("> ") or "mspcore.invalid"
    msg["Message-ID"] = email.utils.make_msgid(domain=_slug(domain))
    msg.set_content(summary_text(s, filename))
    jinja2 = require("jinja2", "the report e-mail")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(_TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    msg.add_alternative(env.get_template("mail.html.j2").render(s=s, filename=filename), subtype="html")
    msg.add_attachment(pdf, maintype="application", subtype="pdf", filename=filename)
    return msg


def write_eml(msg: EmailMessage, path) -> pathlib.Path:
    """The message as an .eml file (RFC 5322, CRLF line ends); returns the path."""
    path = pathlib.Path(path)
    data = msg.as_bytes(policy=email.policy.SMTP)
    with atomic_output(path) as tmp:
        tmp.write_bytes(data)
    return path


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _scrub(text: str, secrets: Sequence[str]) -> str:
    for secret in sorted((s for s in secrets if s), key=len, reverse=True):
        text = text.replace(secret, "***")
    return text


def send_email(msg: EmailMessage, host: str, port: int = 587, starttls: bool = True,
               username_env: str = "MSPCORE_SMTP_USER", password_env: str = "MSPCORE_SMTP_PASSWORD",
               timeout: float = 30, *, ssl_context: ssl.SSLContext | None = None,
               allow_insecure_localhost: bool = False) -> dict:
    """Delivers ``msg`` over SMTP; returns the recipients the server refused (smtplib's dict,
    empty when all were accepted).

    Authenticates when ``username_env`` is set in the environment (``password_env`` must be
    too). With ``starttls`` the connection is upgraded before anything else is sent, the
    server's certificate checked against ``ssl_context`` (default: the system's trust store);
    credentials without TLS are refused unless ``allow_insecure_localhost`` and ``host`` is a
    loopback address. Failures are ``InvalidStateError`` naming host, port and the SMTP reply,
    with the credentials scrubbed out.
    """
    user, password = os.environ.get(username_env) or None, os.environ.get(password_env) or None
    if bool(user) != bool(password):
        missing = password_env if user else username_env
        raise _core.InvalidArgumentError(f"send_email: {missing} is not set in the environment "
                                         f"(set both {username_env} and {password_env}, or neither)")
    if user and not starttls and not (allow_insecure_localhost and _is_loopback(host)):
        raise _core.InvalidStateError(
            f"send_email: refusing to send SMTP credentials without TLS to {host}:{port}; use starttls=True "
            "(allow_insecure_localhost=True permits it only for a server on this machine)")
    secrets = [password or "", user or ""]
    if user:
        secrets += [base64.b64encode(f"\0{user}\0{password}".encode()).decode(), base64.b64encode(password.encode()).decode(),
                    base64.b64encode(user.encode()).decode()]
    count = sum(len(msg.get_all(h, [])) for h in ("To", "Cc", "Bcc"))
    _log.info("send_email: %s:%s, STARTTLS %s, authentication %s, %d recipient header(s)", host, port,
              "yes" if starttls else "no", "yes" if user else "no", count)
    try:
        with smtplib.SMTP(host, port, timeout=timeout) as smtp:
            smtp.set_debuglevel(0)  # debug output would print the AUTH exchange
            smtp.ehlo()
            if starttls:
                smtp.starttls(context=ssl_context or ssl.create_default_context())
                smtp.ehlo()
            if user:
                smtp.login(user, password)
            refused = smtp.send_message(msg)
    except (smtplib.SMTPException, OSError) as e:
        text = _scrub(f"{type(e).__name__}: {e}", secrets)
        raise _core.InvalidStateError(f"send_email: delivery via {host}:{port} failed: {text}") from None
    if refused:
        _log.warning("send_email: %d recipient(s) refused by %s:%s", len(refused), host, port)
    return dict(refused)
