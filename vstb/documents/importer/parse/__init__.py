"""Lines of an official document -> a `vstb.plan/1` dict (shared/PLAN_JSON.md).

`parse_lines(lines)` runs the steps in order; each extractor is a small public function of
its own, tested on the variants officials write:

- `prepare` (layout.py): markdown marks, "|" tables, two-column header lines, sentences
  broken by a page break -> paragraphs (`Para`, paragraphs.py);
- `number_and_symbol`, `place_and_date`, `issuer`, `title_type` (header.py): the header;
  `_page_before_header` (page.py): where it starts under a web page's own lines;
- `bases` (bases.py): the documents named in "Căn cứ …" / "Thực hiện …";
- `section_label`, `build_sections`, `section_kind` (sections.py): the body as a tree;
- `tasks_and_assignments` (tasks.py): who does what (agencies.py), `dates.deadlines`,
  `dates.events`;
- `recipients`, `recipients_to`, `signer` (closing.py): the closing block;
- `parse_lines` (document.py): the whole document, part by part (a decision's authority,
  preamble and articles; what it issues: a plan, `issued_by`, or a regulation, `annexes`).

The words and patterns several steps read by are in vocabulary.py. A module imports only
those below it: vocabulary, paragraphs, sections, closing, header, page, bases, tasks,
layout, document. Names with a leading underscore are the package's own: its modules share them,
nothing outside imports them.

Nothing here is specific to a document: the seeds are tests, not rules.
"""

from vstb.documents.importer.parse.bases import base_fields, bases
from vstb.documents.importer.parse.closing import (
    recipients,
    recipients_to,
    signer,
    split_closing,
)
from vstb.documents.importer.parse.document import glued_words, parse_lines
from vstb.documents.importer.parse.header import (
    issuer,
    number_and_symbol,
    place_and_date,
    tight_symbols,
    title_type,
)
from vstb.documents.importer.parse.layout import prepare, wrap_width
from vstb.documents.importer.parse.paragraphs import Context, Para
from vstb.documents.importer.parse.sections import (
    Label,
    build_sections,
    section_kind,
    section_label,
)
from vstb.documents.importer.parse.tasks import section_texts, tasks_and_assignments

__all__ = [
    "Context",
    "Label",
    "Para",
    "base_fields",
    "bases",
    "build_sections",
    "glued_words",
    "issuer",
    "number_and_symbol",
    "parse_lines",
    "place_and_date",
    "prepare",
    "recipients",
    "recipients_to",
    "section_kind",
    "section_label",
    "section_texts",
    "signer",
    "split_closing",
    "tasks_and_assignments",
    "tight_symbols",
    "title_type",
    "wrap_width",
]
