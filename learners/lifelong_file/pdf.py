"""The lifelong file as a PDF: the same content the viewer sees on the page, plus a QR code that
links to the public verification page.

Chinese is set in reportlab's built-in CID font STSong-Light (Adobe's Asian font pack name that PDF
readers supply), so no font file ships with the site and the PDF stays small; text remains
extractable, which is what the tests check.
"""

import datetime
import io
from xml.sax.saxutils import escape, quoteattr

import qrcode
from django.utils.translation import gettext
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from learners.lifelong_file.selectors import LearnerFile

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

MARGIN = 15 * mm
CONTENT_WIDTH = A4[0] - 2 * MARGIN
QR_SIZE = 32 * mm

BODY = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=13, wordWrap="CJK")
LABEL = ParagraphStyle("label", parent=BODY, textColor=colors.grey)
CELL = ParagraphStyle("cell", parent=BODY, fontSize=8, leading=11)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=7, leading=9)
URL = ParagraphStyle("url", parent=SMALL, alignment=TA_RIGHT)
TITLE = ParagraphStyle("title", parent=BODY, fontSize=18, leading=24, spaceAfter=6)
# keepWithNext: a heading never stays alone at the foot of a page.
HEADING = ParagraphStyle(
    "heading", parent=BODY, fontSize=12, leading=16, spaceBefore=10, spaceAfter=4, keepWithNext=1
)
WARNING = ParagraphStyle("warning", parent=BODY, textColor=colors.HexColor("#7a1a12"))


def learner_file_pdf(*, file: LearnerFile, verification_url: str, generated_on: datetime.date) -> bytes:
    """Render `file` (already cut to the viewer's window) in the active language."""
    title = gettext("Personal safety training file")
    story = [Paragraph(pdf_text(title), TITLE), _header(file, verification_url, generated_on)]
    if not file.window.everything:
        story.append(
            Paragraph(
                pdf_text(
                    gettext(
                        "This copy shows only the records that its issuer is entitled to see: "
                        "the periods the person worked for the issuer's enterprises."
                    )
                ),
                SMALL,
            )
        )
    story += _warnings(file)
    story += _engagements(file)
    story += _certificates(file)
    story += _assessments(file)
    story += _accidents(file)
    story += _timeline(file)
    return pdf_document(title=title, story=story, person_name=file.learner.name, generated_on=generated_on)


def pdf_document(*, title: str, story: list, person_name: str, generated_on: datetime.date) -> bytes:
    """An A4 document of the academy: `story` under the page layout every printed record shares, each
    page footed with the title, the person and the date, and numbered."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 5 * mm,
        title=title,
        author=gettext("Jilin Safety Production Network Academy"),
    )
    footer = f"{title} · {person_name} · {gettext('Generated on %(date)s') % {'date': generated_on}}"
    document.build(story, canvasmaker=numbered_canvas(footer))
    return buffer.getvalue()


def pdf_text(value) -> str:
    """Plain text for a Paragraph, which otherwise reads <, > and & as markup."""
    return escape(str(value if value is not None else ""))


def _date(value: datetime.date | None) -> str:
    return value.isoformat() if value else "—"


def _header(file: LearnerFile, verification_url: str, generated_on: datetime.date) -> Table:
    learner = file.learner
    facts = [
        (gettext("Name"), learner.name),
        (gettext("Identity number"), file.identity_number),
    ]
    if file.shows_phone and learner.phone:
        facts.append((gettext("Mobile number"), learner.phone))
    facts += [
        (gettext("Education"), learner.get_education_display() or "—"),
        (gettext("Generated on"), generated_on.isoformat()),
    ]
    return facts_with_qr(
        facts,
        verification_url,
        prompt=gettext("Scan the code or open this link to verify this file:"),
        label_width=28 * mm,
    )


def facts_with_qr(
    facts: list[tuple[str, str]], verification_url: str, *, prompt: str, label_width: float
) -> Table:
    """The head of a printed document: its facts as label/value rows beside the QR code of its
    verification link, with the link written out below for those who cannot scan."""
    facts_table = Table(
        [[Paragraph(pdf_text(label), LABEL), Paragraph(pdf_text(value), BODY)] for label, value in facts],
        colWidths=[label_width, CONTENT_WIDTH - QR_SIZE - label_width - 8 * mm],
        hAlign="LEFT",
    )
    facts_table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    link = f"<link href={quoteattr(verification_url)}>{pdf_text(verification_url)}</link>"
    table = Table(
        [
            [facts_table, QrCode(verification_url, size=QR_SIZE)],
            [Paragraph(pdf_text(prompt) + "<br/>" + link, URL), ""],
        ],
        colWidths=[CONTENT_WIDTH - QR_SIZE - 6 * mm, QR_SIZE + 6 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("SPAN", (0, 1), (1, 1)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _warnings(file: LearnerFile) -> list:
    if not file.certificate_warnings:
        return []
    lines = [Paragraph(pdf_text(gettext("Certificates needing attention")), HEADING)]
    for entry in file.certificate_warnings:
        lines.append(Paragraph(pdf_text(_warning_text(entry)), WARNING))
    return lines


def _warning_text(entry) -> str:
    certificate = entry.certificate
    name = " ".join(part for part in (certificate.get_kind_display(), certificate.operation_item) if part)
    if entry.deadline_is_review:
        template = gettext("%(certificate)s %(number)s: %(status)s (review due %(date)s)")
    else:
        template = gettext("%(certificate)s %(number)s: %(status)s (valid until %(date)s)")
    return template % {
        "certificate": name,
        "number": certificate.number,
        "status": entry.status.label,
        "date": _date(entry.deadline),
    }


def pdf_section(title: str, headers: list[str], rows: list[list], widths: list[float]) -> list:
    heading = Paragraph(pdf_text(title), HEADING)
    if not rows:
        return [heading, Paragraph(pdf_text(gettext("None recorded.")), BODY)]
    data = [[Paragraph(pdf_text(header), CELL) for header in headers]]
    data += [[Paragraph(pdf_text(value), CELL) for value in row] for row in rows]
    scale = CONTENT_WIDTH / sum(widths)
    table = Table(data, colWidths=[width * scale for width in widths], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#bcccdc")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f0f4f8")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return [heading, table]


def _engagements(file: LearnerFile) -> list:
    rows = [
        [
            entry.engagement.enterprise.name,
            entry.engagement.position,
            entry.roles_label,
            entry.engagement.get_employment_type_display(),
            _date(entry.engagement.started_on),
            _date(entry.engagement.ended_on) if entry.engagement.ended_on else gettext("now"),
        ]
        for entry in (*file.current_engagements, *file.past_engagements)
    ]
    headers = [
        gettext("Enterprise"),
        gettext("Position"),
        gettext("Roles"),
        gettext("Employment type"),
        gettext("From"),
        gettext("To"),
    ]
    return pdf_section(gettext("Engagements"), headers, rows, [120, 80, 110, 70, 65, 65])


def _certificates(file: LearnerFile) -> list:
    rows = [
        [
            " ".join(
                part
                for part in (entry.certificate.get_kind_display(), entry.certificate.operation_item)
                if part
            ),
            entry.certificate.number,
            entry.certificate.issuing_authority,
            _date(entry.certificate.issued_on),
            _date(entry.certificate.next_review_on),
            _date(entry.certificate.valid_until),
            entry.status.label,
        ]
        for entry in file.all_certificates
    ]
    headers = [
        gettext("Certificate"),
        gettext("Number"),
        gettext("Issued by"),
        gettext("Issued on"),
        gettext("Next review"),
        gettext("Valid until"),
        gettext("Status"),
    ]
    return pdf_section(gettext("Certificates"), headers, rows, [110, 70, 80, 55, 55, 55, 85])


def _assessments(file: LearnerFile) -> list:
    rows = [
        [
            _date(entry.record.assessed_on),
            entry.record.title or entry.record.get_kind_display(),
            "—" if entry.record.score is None else str(entry.record.score),
            gettext("Passed") if entry.record.passed else gettext("Failed"),
            entry.enterprise.name if entry.enterprise else "—",
        ]
        for entry in file.assessments
    ]
    headers = [
        gettext("Date"),
        gettext("Assessment"),
        gettext("Score"),
        gettext("Result"),
        gettext("Enterprise"),
    ]
    return pdf_section(gettext("Assessments"), headers, rows, [60, 200, 50, 60, 140])


def _accidents(file: LearnerFile) -> list:
    rows = [
        [
            _date(entry.record.occurred_on),
            entry.record.accident,
            entry.record.get_role_display(),
            gettext("Yes") if entry.record.with_deaths else gettext("No"),
            entry.enterprise.name if entry.enterprise else "—",
        ]
        for entry in file.accidents
    ]
    headers = [
        gettext("Date"),
        gettext("Accident"),
        gettext("Role held"),
        gettext("With deaths"),
        gettext("Enterprise"),
    ]
    return pdf_section(gettext("Accident responsibility"), headers, rows, [60, 200, 90, 60, 100])


def _timeline(file: LearnerFile) -> list:
    rows = [[_date(entry.on), entry.label, entry.summary] for entry in file.timeline]
    headers = [gettext("Date"), gettext("Event"), gettext("Details")]
    return pdf_section(gettext("Timeline"), headers, rows, [65, 100, 345])


class QrCode(Flowable):
    """A QR code drawn as vector squares, so it prints sharp at any size."""

    def __init__(self, data: str, *, size: float):
        super().__init__()
        code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=2)
        code.add_data(data)
        code.make(fit=True)
        self.matrix = code.get_matrix()
        self.size = size

    def wrap(self, available_width, available_height):
        return self.size, self.size

    def draw(self):
        cell = self.size / len(self.matrix)
        path = self.canv.beginPath()
        for row_index, row in enumerate(self.matrix):
            y = self.size - (row_index + 1) * cell
            for column_index, dark in enumerate(row):
                if dark:
                    path.rect(column_index * cell, y, cell, cell)
        self.canv.setFillColor(colors.black)
        self.canv.drawPath(path, stroke=0, fill=1)


def numbered_canvas(footer: str):
    """A canvas that writes "page n of m" once the number of pages is known."""

    class NumberedCanvas(canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._page_states = []

        def showPage(self):  # noqa: N802 - reportlab's name
            self._page_states.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._page_states)
            for state in self._page_states:
                self.__dict__.update(state)
                self.setFont(FONT, 7)
                self.setFillColor(colors.grey)
                self.drawString(MARGIN, MARGIN, footer)
                self.drawRightString(
                    A4[0] - MARGIN,
                    MARGIN,
                    gettext("Page %(page)s of %(total)s") % {"page": self._pageNumber, "total": total},
                )
                super().showPage()
            super().save()

    return NumberedCanvas
