"""Render reproducibility-and-science.md into the corpus PDF (a real text layer, via fpdf2).

    .venv/bin/python data/pdf-source/make_pdf.py
"""

from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).parent
OUT = HERE.parent / "corpus" / "reproducibility-and-science.pdf"


def main() -> None:
    text = (HERE / "reproducibility-and-science.md").read_text(encoding="utf-8")
    pdf = FPDF()
    pdf.set_title("Reproducibility and science: the case for open models")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=timezone.utc))  # reproducible bytes
    pdf.add_page()
    for block in text.split("\n\n"):
        block = block.strip()
        if not block:
            continue
        if block.startswith("#"):
            pdf.set_font("Helvetica", "B", 14)
            pdf.multi_cell(0, 8, block.lstrip("# ").strip())
        else:
            pdf.set_font("Helvetica", size=11)
            body = block.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
            body = body.replace("\u2014", "-").replace("\u2013", "-").replace("**", "")
            pdf.multi_cell(0, 6, body.encode("latin-1", "replace").decode("latin-1"))
        pdf.ln(3)
    pdf.output(str(OUT))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
