"""Exports of the QBR report model (docs/export-report.md): the report as HTML and PDF, and the
e-mail with the PDF attached. Jinja2 and WeasyPrint come with the optional extra ``reports``
and are imported only when a report is made."""
from .report import qbr_html, qbr_pdf, write_html  # noqa: F401
from .mail import qbr_email, send_email, write_eml  # noqa: F401
