"""The printable hours certificate (学时证明): a person's class hours and credits by year and source and
their verdicts on the day, with the QR code of the lifelong file's verification page.

It reuses the lifelong file's PDF parts (`learners.lifelong_file.pdf`: the CID font STSong-Light, styles, the vector QR
code and the numbered footer), so both documents look alike and their text stays extractable. The
verification link is the person's file verification (`learners.lifelong_file.verification`), which confirms the person
and the day of issue; it does not repeat the hours.
"""

import datetime

from django.utils.translation import gettext
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table

from credits.bank.selectors import CreditBank, Figures
from credits.compliance.selectors import Person
from credits.compliance.verdicts import Missing
from credits.rules.conversion import display
from learners.lifelong_file.pdf import (
    BODY,
    HEADING,
    SMALL,
    TITLE,
    facts_with_qr,
    pdf_document,
    pdf_section,
    pdf_text,
)


def _figures(figures: Figures) -> tuple[str, str]:
    return str(display(figures.class_hours)), str(display(figures.credits))


def hours_certificate_pdf(
    *,
    name: str,
    identity_number_masked: str,
    bank: CreditBank,
    person: Person | None,
    verification_url: str,
    generated_on: datetime.date,
) -> bytes:
    title = gettext("Certificate of class hours")
    story = [
        Paragraph(pdf_text(title), TITLE),
        _header(name, identity_number_masked, bank, verification_url, generated_on),
        *_years(bank),
        *_verdicts(person),
        Paragraph(
            pdf_text(
                gettext(
                    "Class hours are converted under the conversion standard in force on the day they were "
                    "earned and shown to two decimals, rounded down. Credits are class hours divided by the "
                    "class hours per credit of that day's standard."
                )
            ),
            SMALL,
        ),
    ]
    return pdf_document(title=title, story=story, person_name=name, generated_on=generated_on)


def _header(name, masked, bank: CreditBank, verification_url: str, generated_on: datetime.date) -> Table:
    total_hours, total_credits = _figures(bank.total)
    facts = [
        (gettext("Name"), name),
        (gettext("Identity number"), masked),
        (gettext("Total class hours"), total_hours),
        (gettext("Total credits"), total_credits),
        (gettext("Figures as of"), bank.on.isoformat()),
        (gettext("Generated on"), generated_on.isoformat()),
    ]
    return facts_with_qr(
        facts,
        verification_url,
        prompt=gettext("Scan the code or open this link to verify the person's file:"),
        label_width=32 * mm,
    )


def _years(bank: CreditBank) -> list:
    """One row per year and source, then the year's total."""
    rows = []
    for year in bank.by_year:
        for _source, label, figures in year.rows:
            rows.append([str(year.year), label, *_figures(figures)])
        rows.append([str(year.year), gettext("Total"), *_figures(year.total)])
    headers = [gettext("Year"), gettext("Source"), gettext("Class hours"), gettext("Credits")]
    return pdf_section(
        gettext("Class hours and credits by year and source"), headers, rows, [50, 200, 80, 80]
    )


def _verdicts(person: Person | None) -> list:
    heading = gettext("Training requirements")
    if person is None:
        return [Paragraph(pdf_text(heading), HEADING), Paragraph(pdf_text(Missing.NO_ENGAGEMENT.label), BODY)]
    rows = [
        [
            verdict.title,
            verdict.status_label,
            "—" if verdict.class_hours_required is None else str(verdict.class_hours_required),
            "—" if verdict.class_hours_earned is None else str(display(verdict.class_hours_earned)),
            "—" if verdict.class_hours_short is None else str(display(verdict.class_hours_short)),
            verdict.due.isoformat() if verdict.due else "—",
            verdict.missing_label,
        ]
        for verdict in person.verdicts
    ]
    headers = [
        gettext("Requirement"),
        gettext("Status"),
        gettext("Class hours required"),
        gettext("Class hours earned"),
        gettext("Class hours short"),
        gettext("Due"),
        gettext("Missing"),
    ]
    return pdf_section(heading, headers, rows, [150, 60, 50, 50, 50, 65, 90])
