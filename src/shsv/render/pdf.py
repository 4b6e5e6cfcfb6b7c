"""PDF from the paper's HTML, through weasyprint (the optional extra ``pdf``).

The PDF is tagged for accessibility (PDF/UA-1), takes its title and language from
the HTML, and fetches nothing: the HTML is self-contained, and any URL the renderer
asks for is refused, so a paper never makes a network request.
"""

from __future__ import annotations

from typing import Any, NoReturn

from shsv.errors import RenderError, UsageError


def _refuse(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    raise ValueError(f"a paper fetches nothing; refused {url[:80]}")


def to_pdf(html: str) -> bytes:
    """The HTML paper as a tagged PDF."""
    try:
        from weasyprint import HTML
    except ImportError:
        raise UsageError(
            "PDF output needs the pdf extra: pip install 'shsv[pdf]' "
            "(and the Pango library it uses)"
        ) from None
    except OSError as exc:  # weasyprint is installed but Pango is missing
        raise UsageError(f"PDF output needs the Pango library: {exc}") from None
    try:
        document = HTML(string=html, url_fetcher=_refuse, base_url=None)
        pdf = document.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)
    except Exception as exc:  # weasyprint raises many kinds; none may escape as a crash
        raise RenderError(f"the PDF could not be made: {exc}") from None
    if not isinstance(pdf, bytes):
        raise RenderError("the PDF could not be made")
    return pdf
