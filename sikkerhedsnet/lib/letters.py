"""Letters as PDF, with the municipality's letterhead: shared by every area that writes one.

The letterhead is the municipality's (settings SIKKERHEDSNET_MUNICIPALITY_NAME and
SIKKERHEDSNET_LETTERHEAD_LINES), else a plain heading. A letter's template extends
"letters/base.html" (sikkerhedsnet/lib/templates/, in TEMPLATES["DIRS"]) and fills its blocks:
the office under the municipality's name, the recipient, the reference, the body and the
closing. Letters are in Danish whatever language the user's screen is in.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

LETTER_LANGUAGE = "da"


@dataclass(frozen=True)
class Letter:
    filename: str
    html: str
    title: str = ""

    def pdf(self) -> bytes:
        return render_pdf(self.html)


def render_pdf(html: str) -> bytes:
    # Imported here: WeasyPrint loads Pango and fonts, which only letters need.
    from weasyprint import HTML  # noqa: PLC0415

    pdf: bytes = HTML(string=html).write_pdf()
    return pdf


def letterhead() -> dict[str, object]:
    return {
        "municipality": getattr(settings, "SIKKERHEDSNET_MUNICIPALITY_NAME", ""),
        "lines": list(getattr(settings, "SIKKERHEDSNET_LETTERHEAD_LINES", [])),
    }
