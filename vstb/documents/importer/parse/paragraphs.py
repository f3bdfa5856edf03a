"""What every step reads and passes on: a paragraph of the document (`Para`), with what its
layout says of it, and the `Context` of the whole parse (its warnings)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Para:
    text: str
    bold: bool | None = None
    heading: bool = False
    column: str | None = None
    centered: bool | None = None
    blank_before: bool = False
    # The length of the last physical line joined into this paragraph (for re-joining text
    # hard-wrapped at a fixed width).
    line_length: int = 0
    # The length of its first word as typed (markdown included), for the same purpose.
    first_word_length: int = 0

    def __post_init__(self) -> None:
        self.line_length = self.line_length or len(self.text)
        words = self.text.split()
        self.first_word_length = self.first_word_length or (len(words[0]) if words else 0)


@dataclass
class Context:
    warnings: list[str] = field(default_factory=list)
    year: int | None = None
    # The document's date (ISO), or that of the decision issuing it where it prints none:
    # what a deadline written without its year comes after (dates.Mention.ahead_of).
    issued: str | None = None
    doc_type: str | None = None
    # The width a plain-text copy was hard-wrapped at (layout.wrap_width), or None.
    wrap_width: int | None = None

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)
