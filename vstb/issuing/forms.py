import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vstb.documents import layout
from vstb.documents.plan_schema import new_section
from vstb.org.forms import DateField, UnitMultipleChoiceField
from vstb.org.models import Unit
from vstb.plans.models import IssuerBody

TEXTAREA = forms.Textarea(attrs={"rows": 4})
LONG_TEXTAREA = forms.Textarea(attrs={"rows": 14})


class CommitteeDecisionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("reconstitute", _("Reconstitute the committee (kiện toàn)")),
            ("establish", _("Establish the committee (thành lập)")),
        ],
    )
    on = DateField(
        label=_("Date of the decision"),
        initial=timezone.localdate,
        help_text=_("The decision lists the members in force on this day."),
    )
    proposed_by = forms.CharField(
        label=_("Proposed by"),
        required=False,
        max_length=300,
        help_text=_("E.g. Giám đốc Sở Nội vụ; printed as “Theo đề nghị của …”."),
    )
    bases = forms.CharField(
        label=_("Further legal bases"),
        required=False,
        widget=TEXTAREA,
        help_text=_("One per line, e.g. Căn cứ Quyết định số … of the previous committee."),
    )
    regulation = forms.CharField(
        label=_("Working regulation (quy chế hoạt động)"),
        required=False,
        widget=LONG_TEXTAREA,
        help_text=_(
            "Paste the regulation to attach it to the decision: lines starting “Chương” or “Điều 1.” open its parts. Leave empty if the chair issues it separately."
        ),
    )


class LetterForm(forms.Form):
    issuer_body = forms.ChoiceField(label=_("Issued by"), choices=IssuerBody.choices)
    subject = forms.CharField(
        label=_("Subject (V/v)"),
        max_length=300,
        help_text=_("Without “V/v”, e.g. triển khai Tháng hành động vì bình đẳng giới năm 2026."),
    )
    units = UnitMultipleChoiceField(
        label=_("Send to"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They find the letter in their inbox once it is issued."),
    )
    addressees = forms.CharField(
        label=_("Kính gửi"),
        required=False,
        widget=TEXTAREA,
        help_text=_(
            "One addressee per line. Leave empty to address the units chosen above by the names of their People's Committees."
        ),
    )
    body = forms.CharField(label=_("Text of the letter"), widget=LONG_TEXTAREA)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units


class ContentForm(forms.Form):
    """The clerk's corrections of a draft, part by part, as text: one line per paragraph."""

    subject = forms.CharField(label=_("Subject"), max_length=500)
    addressees = forms.CharField(label=_("Kính gửi"), required=False, widget=TEXTAREA)
    authority = forms.CharField(
        label=_("Deciding authority"),
        required=False,
        max_length=300,
        help_text=_("A decision only, e.g. CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH."),
    )
    preamble = forms.CharField(label=_("Legal bases"), required=False, widget=TEXTAREA)
    body = forms.CharField(
        label=_("Body"),
        widget=LONG_TEXTAREA,
        help_text=_(
            "One paragraph per line. “Điều 1. …” opens an article, “I. …” a part, “1. …” an item of the part above, “- …” a dash item."
        ),
    )
    recipients = forms.CharField(label=_("Nơi nhận"), required=False, widget=TEXTAREA)
    signer_lines = forms.CharField(
        label=_("Signer's authority and position"), required=False, widget=TEXTAREA
    )
    signer_name = forms.CharField(label=_("Signer's name"), required=False, max_length=120)
    version = forms.IntegerField(widget=forms.HiddenInput)

    @classmethod
    def of(cls, document) -> "ContentForm":
        content = document.content
        signer_lines, signer_name = layout.signer_lines(content)
        return cls(
            initial={
                "subject": content.get("subject") or document.subject,
                "addressees": "\n".join(content.get("recipients_to") or []),
                "authority": content.get("authority") or "",
                "preamble": "\n".join(content.get("preamble") or []),
                "body": "\n".join(sections_text(content.get("sections") or [])),
                "recipients": "\n".join(content.get("recipients") or []),
                "signer_lines": "\n".join(signer_lines),
                "signer_name": signer_name or "",
                "version": document.version,
            }
        )

    def content(self, current: dict) -> dict:
        data = self.cleaned_data
        content = dict(current)
        content.update(
            subject=data["subject"].strip(),
            recipients_to=lines(data["addressees"]),
            authority=data["authority"].strip() or None,
            preamble=lines(data["preamble"]),
            sections=text_sections(data["body"]),
            recipients=lines(data["recipients"]),
            signer={"lines": lines(data["signer_lines"]), "name": data["signer_name"].strip()},
        )
        return content


def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def sections_text(sections: list[dict]) -> list[str]:
    """The body as the lines the clerk edits: the rendered paragraphs (documents/layout.py)."""
    return [paragraph.text for paragraph in layout.body_paragraphs({"sections": sections})]


_ARTICLE = re.compile(r"(Điều \d+[a-zđ]?)\.\s*(.*)")
_PART = re.compile(r"([IVXLC]+)\.\s+(.*)")
_ITEM = re.compile(r"(\d+)\.\s+(.*)")
_POINT = re.compile(r"([a-zđ])\)\s+(.*)")
_DASH = re.compile(r"-\s+(.*)")


def text_sections(text: str) -> list[dict]:
    """The body's lines back into sections, so that sections_text(text_sections(t)) == t for
    the lines of any built document: articles and parts at the top, numbered items under
    them, lettered points under items, dash items under the deepest section."""
    top: list[dict] = []
    stack: list[dict] = []  # the open sections, outermost first
    for line in lines(text):
        if match := _ARTICLE.fullmatch(line):
            label, rest = match.groups()
            section = new_section(label, None, paragraphs=[rest] if rest else [])
            top.append(section)
            stack = [section]
        elif match := _PART.fullmatch(line):
            section = new_section(match.group(1), match.group(2))
            top.append(section)
            stack = [section]
        elif (match := _ITEM.fullmatch(line)) or (match := _POINT.fullmatch(line)):
            section = new_section(match.group(1), None, paragraphs=[match.group(2)])
            depth = 1 if _ITEM.fullmatch(line) else 2
            parent = stack[depth - 1] if len(stack) >= depth else None
            (parent["children"] if parent else top).append(section)
            stack = [*stack[: depth if parent else 0], section]
        elif match := _DASH.fullmatch(line):
            section = new_section("-", None, paragraphs=[match.group(1)])
            (stack[-1]["children"] if stack else top).append(section)
        elif stack:
            stack[-1]["paragraphs"].append(line)
        else:
            section = new_section(None, None, paragraphs=[line])
            top.append(section)
            stack = [section]
    return top


class IssueForm(forms.Form):
    on = DateField(label=_("Date of issue"), initial=timezone.localdate)
    number = forms.IntegerField(
        label=_("Number given by the records office"),
        required=False,
        min_value=1,
        help_text=_("Leave empty to take the next number of the register."),
    )
