"""Workflows on plans: to and from vstb.plan/1, cascade to a lower unit, coverage.

`plan_from_json` is the one way a plan document enters the system: the seeds in the demo,
`vstb import-plan --save` and the web importer's review step all call it.
"""

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from vstb import access
from vstb.documents import assignments, plan_schema
from vstb.lib.query import whole_number
from vstb.lib.text import fold
from vstb.org import matching
from vstb.org.models import (
    KIND_WORDS,
    Agency,
    AgencyKind,
    Committee,
    Level,
    Position,
    Unit,
)
from vstb.plans import rollup
from vstb.plans.models import (
    ISSUER_CODE,
    IssuerBody,
    Plan,
    PlanKind,
    PlanStatus,
    Reference,
    Section,
    SectionKind,
    Task,
    TaskStatus,
)

DASH = "-"


# Agency names ---------------------------------------------------------------------------------


def find_agency(agencies: list[Agency], name: str, place: str = "") -> Agency | None:
    """The one agency a name as written designates (vstb/org/matching.py)."""
    return matching.find_agency(agencies, name, place)


# Body tree ----------------------------------------------------------------------------------


@dataclass
class Node:
    section: Section
    children: list["Node"] = field(default_factory=list)
    path: str = ""


def body_tree(plan: Plan) -> list[Node]:
    """The plan's sections as a tree, from one query, with each node's vstb.plan/1 path."""
    sections = list(plan.sections.order_by("order"))
    nodes = {s.pk: Node(s) for s in sections}
    roots: list[Node] = []
    for section in sections:
        node = nodes[section.pk]
        (nodes[section.parent_id].children if section.parent_id else roots).append(node)
    _assign_paths(roots, "")
    return roots


def _assign_paths(nodes: list[Node], parent_path: str) -> None:
    dashes = 0
    for node in nodes:
        label = node.section.label
        if label == DASH:
            dashes += 1
            node.path = f"{parent_path}.-{dashes}" if parent_path else f"-{dashes}"
        elif label:
            node.path = f"{parent_path}.{label}" if parent_path else label
        else:
            node.path = parent_path
        _assign_paths(node.children, node.path)


def walk(nodes: list[Node]):
    for node in nodes:
        yield node
        yield from walk(node.children)


def task_path(node: Node, paragraph: int) -> str:
    """vstb.plan/1 task path: the section's path, or "P.p2" when it has several paragraphs."""
    if len(node.section.paragraphs) > 1:
        return f"{node.path}.p{paragraph + 1}"
    return node.path


# From JSON ----------------------------------------------------------------------------------


def _issuer_body(data: dict) -> str:
    issuer = data.get("issuer") or {}
    text = fold(" ".join(filter(None, [data.get("symbol"), issuer.get("name")])))
    committee = "bvstb" in text or "vi su tien bo" in text
    return IssuerBody.COMMITTEE if committee else IssuerBody.PEOPLES_COMMITTEE


def _iso(value) -> date | None:
    return date.fromisoformat(value) if value else None


@transaction.atomic
def plan_from_json(data: dict, unit: Unit, user=None, parent_plan: Plan | None = None) -> Plan:
    """Save a vstb.plan/1 document as a draft plan of `unit`, all or nothing."""
    data = plan_schema.normalise(data)
    problems = plan_schema.validate(data)
    if problems:
        raise ValidationError(problems)
    if data["doc_type"] not in PlanKind.values:
        raise ValidationError(
            _(
                "This document is a %(type)s, not a plan (KH) or a work programme (CTr). Choose a plan or a work programme."
            )
            % {"type": data["doc_type"] or "?"}
        )
    issuer = data["issuer"] or {}
    signer = data["signer"] or {}
    issued_on = _iso(data["date"])
    plan = Plan.objects.create(
        unit=unit,
        kind=data["doc_type"],
        issuer_body=_issuer_body(data),
        issuer_parent=issuer.get("parent") or "",
        issuer_name=issuer.get("name") or "",
        year=data["year"] or (issued_on.year if issued_on else date.today().year),
        symbol=data["symbol"] or "",
        place=data["place"] or "",
        subject=data["subject"] or "",
        preamble=data["preamble"],
        recipients=data["recipients"],
        signer_lines=signer.get("lines") or [],
        signer_name=signer.get("name") or "",
        deadlines=data["deadlines"],
        events=data["events"],
        parent_plan=parent_plan,
        created_by=user,
    )
    for order, base in enumerate(data["bases"]):
        Reference.objects.create(
            plan=plan,
            order=order,
            text=base.get("text") or "",
            doc_type=base.get("doc_type") or "",
            number=base.get("number") or "",
            symbol=base.get("symbol") or "",
            date=_iso(base.get("date")),
            issuer=base.get("issuer") or "",
            linked_plan=_find_referenced_plan(base, unit),
        )
    nodes = _create_sections(plan, data["sections"])
    _create_tasks(plan, nodes, data["tasks"])
    return plan


def _find_referenced_plan(base: dict, unit: Unit) -> Plan | None:
    """The issued plan in VSTB that a reference names, looked for among the unit's ancestors."""
    if not base.get("number") or not base.get("symbol") or not base.get("date"):
        return None
    number = whole_number(base["number"], minimum=1)
    return (
        Plan.objects.issued()
        .filter(
            unit_id__in=unit.ancestor_ids,
            number=number,
            symbol=base["symbol"],
            issued_on=_iso(base["date"]),
        )
        .first()
    )


def _create_sections(plan: Plan, sections: list[dict]) -> list[Node]:
    order = 0

    def create(items: list[dict], parent: Section | None) -> list[Node]:
        nonlocal order
        made = []
        for item in items:
            order += 1
            section = Section.objects.create(
                plan=plan,
                parent=parent,
                order=order,
                label=item.get("label") or "",
                title=item.get("title") or "",
                kind=item.get("kind") or SectionKind.OTHER,
                paragraphs=item.get("paragraphs") or [],
            )
            made.append(Node(section, create(item.get("children") or [], section)))
        return made

    roots = create(sections, None)
    _assign_paths(roots, "")
    return roots


def _create_tasks(plan: Plan, roots: list[Node], tasks: list[dict]) -> None:
    by_path = {}
    for node in walk(roots):
        for index in range(max(1, len(node.section.paragraphs))):
            by_path.setdefault(task_path(node, index), (node, index))
    agencies = list(plan.unit.agencies.all())
    place = plan.unit.place_name
    children = list(Unit.objects.filter(parent=plan.unit))
    for item in tasks:
        found = by_path.get(item.get("path") or "")
        if found is None:
            raise ValidationError(
                _("Task %(path)s points to no item of the body. Check its path.")
                % {"path": item.get("path")}
            )
        node, paragraph = found
        leads = item.get("lead") or []
        lead = find_agency(agencies, leads[0], place) if leads else None
        period = item.get("period") or {}
        task = Task.objects.create(
            plan=plan,
            section=node.section,
            paragraph=paragraph,
            lead=lead,
            lead_name="" if lead or not leads else leads[0],
            due=_iso(item.get("due")),
            period_start=_iso(period.get("start")),
            period_end=_iso(period.get("end")),
            addresses_all_lower_units=any(
                fold(name).startswith(("ubnd cac", "ban vi su tien bo cua phu nu cac"))
                for name in item.get("units") or []
            ),
        )
        support = [find_agency(agencies, name, place) for name in item.get("support") or []]
        task.support.set([a for a in support if a])
        task.support_names = [
            n for n, a in zip(item.get("support") or [], support, strict=True) if a is None
        ]
        units = [
            u for u in children if any(fold(n) == fold(u.name) for n in item.get("units") or [])
        ]
        task.units.set(units)
        task.unit_names = [
            n for n in item.get("units") or [] if not any(fold(n) == fold(u.name) for u in units)
        ]
        task.save(update_fields=["support_names", "unit_names"])


def existing_copy(unit: Unit, data: dict) -> Plan | None:
    """The unit's plan that already is the imported document: same number, symbol and date
    of issue (Decree 30/2020, Appendix I: number, symbol and date identify a document)."""
    number, issued_on = whole_number(data.get("number") or "", minimum=1), _iso(data.get("date"))
    if number is None or issued_on is None:
        return None
    return (
        Plan.objects.filter(
            unit=unit,
            number=int(number),
            issued_on=issued_on,
            symbol__iexact=data.get("symbol") or "",
        )
        .order_by("pk")
        .first()
    )


def attach_source(plan: Plan, name: str, data: bytes) -> None:
    """Keep the file an imported plan came from, with the plan."""
    plan.source_name = name[:255]
    plan.source_file.save(
        f"plan-{plan.pk}.{name.rsplit('.', 1)[-1].lower()[:5]}", ContentFile(data), save=False
    )
    plan.save(update_fields=["source_file", "source_name", "updated_at"])


def unmatched_agency_names(data: dict, unit: Unit) -> list[str]:
    """Lead and supporting agencies named in a document that match none of the unit's."""
    agencies = list(unit.agencies.all())
    place = unit.place_name
    names = []
    for task in data.get("tasks") or []:
        for name in [*(task.get("lead") or []), *(task.get("support") or [])]:
            if name not in names and find_agency(agencies, name, place) is None:
                names.append(name)
    return names


# To JSON ------------------------------------------------------------------------------------


def plan_to_json(plan: Plan) -> dict:
    """The plan as a vstb.plan/1 document, for rendering and export: its follow-up tasks,
    added after its issue, are no part of it (add_follow_up_task)."""
    hidden = follow_up_section_ids(plan)
    roots = [node for node in body_tree(plan) if node.section.pk not in hidden]
    data = plan_schema.empty_plan()
    data.update(
        doc_type=plan.kind,
        number=plan.number_text,
        symbol=plan.symbol or None,
        issuer={"parent": plan.issuer_parent or None, "name": plan.issuer_name or None},
        place=plan.place or None,
        date=plan.issued_on.isoformat() if plan.issued_on else None,
        date_partial=None if plan.issued_on else str(plan.year),
        title=plan.title,
        subject=plan.subject or None,
        year=plan.year,
        preamble=list(plan.preamble),
        bases=[_reference_json(r) for r in plan.references.all()],
        sections=[_section_json(n) for n in roots],
        tasks=_tasks_json(plan, roots),
        assignments=_assignments_json(roots),
        deadlines=list(plan.deadlines),
        events=list(plan.events),
        recipients=list(plan.recipients),
        signer={"lines": list(plan.signer_lines), "name": plan.signer_name or None}
        if plan.signer_lines or plan.signer_name
        else None,
    )
    _add_funding(plan, data["sections"])
    return data


# The funding part (Kinh phí) of a plan states its estimate, which an app above plans keeps
# (vstb/budget): each function here gives, for a plan, paragraphs added to the plan's first
# top-level part of kind "funding" (none: the document is unchanged). The budget app adds
# its function when it loads (budget.apps), since plans may not import it.
FUNDING_PARAGRAPHS: list[Callable[[Plan], list[str]]] = []


def _add_funding(plan: Plan, sections: list[dict]) -> None:
    funding = next((s for s in sections if s["kind"] == SectionKind.FUNDING), None)
    if funding is None:
        return
    for source in FUNDING_PARAGRAPHS:
        funding["paragraphs"] += source(plan)


def plan_document(plan: Plan) -> dict:
    """The plan as it is issued and rendered (DOCX, PDF, the page): its document, with each
    task's lead and supporting agencies and deadline written out (documents/assignments.py)."""
    return assignments.written_out(plan_to_json(plan))


def _reference_json(reference: Reference) -> dict:
    return {
        "text": reference.text,
        "doc_type": reference.doc_type or None,
        "number": reference.number or None,
        "symbol": reference.symbol or None,
        "date": reference.date.isoformat() if reference.date else None,
        "issuer": reference.issuer or None,
    }


def _section_json(node: Node) -> dict:
    section = node.section
    return {
        "label": section.label or None,
        "title": section.title or None,
        "kind": section.kind,
        "paragraphs": list(section.paragraphs),
        "children": [_section_json(child) for child in node.children],
    }


def _tasks_json(plan: Plan, roots: list[Node]) -> list[dict]:
    node_of = {node.section.pk: node for node in walk(roots)}
    tasks = plan.tasks.select_related("lead", "section").prefetch_related("support", "units")
    rows = []
    for task in sorted(tasks, key=lambda t: (t.section.order, t.paragraph)):
        node = node_of.get(task.section_id)
        if node is None:  # a follow-up task, outside the document
            continue
        units = [u.name for u in task.units.all()] + list(task.unit_names)
        rows.append(
            {
                "path": task_path(node, task.paragraph),
                "text": task.text,
                "lead": [task.lead.name]
                if task.lead
                else ([task.lead_name] if task.lead_name else []),
                "support": [a.name for a in task.support.all()] + list(task.support_names),
                "units": units,
                "due": task.due.isoformat() if task.due else None,
                "period": {
                    "start": task.period_start.isoformat(),
                    "end": task.period_end.isoformat(),
                }
                if task.period_start and task.period_end
                else None,
            }
        )
    return rows


def _assignments_json(roots: list[Node]) -> list[dict]:
    assignments = []
    for root in roots:
        if root.section.kind != SectionKind.IMPLEMENTATION:
            continue
        for heading in root.children:
            if not heading.section.title:
                continue
            duties = list(heading.section.paragraphs) + [
                p for child in heading.children for p in child.section.paragraphs
            ]
            assignments.append(
                {"agency": heading.section.title.removeprefix("Đề nghị "), "duties": duties}
            )
    return assignments


# Cascade ------------------------------------------------------------------------------------


def tasks_addressing(parent: Plan, unit: Unit):
    """The parent plan's tasks that a lower unit must carry out."""
    return parent.tasks.filter(units=unit) | parent.tasks.filter(addresses_all_lower_units=True)


@transaction.atomic
def cascade(parent: Plan, unit: Unit, user=None) -> Plan:
    """A lower unit's draft plan derived from an issued parent plan, reading as the unit's own.

    The parent's tasks that address the unit are copied under the parent's own headings,
    each linked to its parent task; the subject names the unit instead of the unit above; the
    date line gives the unit's place; the signer and the recipients come from the unit's
    committee and the parent; the opening "Thực hiện Kế hoạch số … ngày … của …" names the
    parent as the basis.
    """
    if parent.status == PlanStatus.DRAFT:
        raise ValidationError(
            _(
                "The parent plan is still a draft. A lower unit can implement it only after it has been issued."
            )
        )
    if not unit.is_under(parent.unit) or unit.pk == parent.unit_id:
        raise ValidationError(
            _("Only a unit below %(unit)s can implement this plan.") % {"unit": parent.unit}
        )
    if not unit.exists_during(date(parent.year, 1, 1), date(parent.year, 12, 31)):
        raise ValidationError(
            _("%(unit)s does not exist in %(year)s. Choose a unit that exists that year.")
            % {"unit": unit, "year": parent.year}
        )
    existing = Plan.objects.filter(unit=unit, parent_plan=parent).first()
    if existing:
        raise ValidationError(
            _(
                "%(unit)s already has a plan implementing this one. Open it instead of making another."
            )
            % {"unit": unit}
        )
    implementing = _implementing_sentence(parent, unit)
    signer_lines, signer_name = committee_signer(unit)
    plan = Plan.objects.create(
        unit=unit,
        kind=parent.kind,
        issuer_body=IssuerBody.PEOPLES_COMMITTEE,
        # A People's Committee heads its documents with its own name only: it has no
        # managing body above it in the header (Decree 30/2020/NĐ-CP, Appendix I, II.2.a).
        issuer_parent="",
        issuer_name=unit.peoples_committee.upper(),
        year=parent.year,
        symbol=f"{parent.kind}-{ISSUER_CODE[IssuerBody.PEOPLES_COMMITTEE]}",
        place=unit.place_name,
        subject=derived_subject(
            parent.subject, list(parent.unit.ancestors()) + [parent.unit], unit
        ),
        preamble=[implementing],
        recipients=_derived_recipients(parent, unit),
        signer_lines=signer_lines,
        signer_name=signer_name,
        parent_plan=parent,
        created_by=user,
    )
    Reference.objects.create(
        plan=plan,
        text=implementing,
        doc_type=parent.kind,
        number=parent.number_text or "",
        symbol=parent.symbol,
        date=parent.issued_on,
        issuer=issuer_of(parent),
        linked_plan=parent,
    )
    lead = Agency.objects.filter(unit=unit, kind=AgencyKind.PEOPLES_COMMITTEE).first()
    parent_tasks = list(
        tasks_addressing(parent, unit)
        .select_related("section")
        .order_by("section__order", "paragraph")
        .distinct()
    )
    items = _copy_structure(plan, list(parent.sections.order_by("order")), parent_tasks)
    Task.objects.bulk_create(
        [
            Task(
                plan=plan,
                section=section,
                parent_task=parent_task,
                due=parent_task.due,
                period_start=parent_task.period_start,
                period_end=parent_task.period_end,
                themes=list(parent_task.themes),
                lead=lead,
            )
            for section, parent_task in zip(items, parent_tasks, strict=True)
        ]
    )
    # The parent plan's unit hears of it; who had nobody to tell rides on the plan for the page.
    from vstb.notifications import handoffs  # above plans in the layers: imported when used

    plan.told = handoffs.plan_cascaded(plan, by=user)
    return plan


# A heading that names the lower units together ("11. UBND các phường"): in a lower unit's
# own plan its duties are the unit's content, so the heading itself is not copied.
LOWER_UNITS_HEADING = ("ubnd cac ", "uy ban nhan dan cac ", "ban vi su tien bo cua phu nu cac ")


def _names_others(section: Section, above: Section | None) -> bool:
    """A heading of the parent that names someone else than the lower unit: the lower units
    together ("11. UBND các phường") or one of the parent's agencies ("2. Phòng Tư pháp quận"
    under "Tổ chức thực hiện"). In the lower unit's own plan its duties are the unit's own,
    so such a heading is not copied."""
    title = fold(section.title).removeprefix("de nghi ")
    agency_heading = bool(section.title) and above and above.kind == SectionKind.IMPLEMENTATION
    return title.startswith(LOWER_UNITS_HEADING) or bool(agency_heading)


# A label the text itself still carries ("1. Tuyên truyền…", "- Tuyên truyền…"): dropped
# from a copied item, which gets its own label (never "- 1.").
LEADING_LABEL = re.compile(r"^\s*(?:[-–+•]|[IVXLC]+\.|\d+(?:\.\d+)*[.)]|[a-zđ]\))\s+")


@dataclass
class _Copy:
    source: Section | None
    label: str
    title: str
    kind: str
    paragraphs: list[str]
    children: list["_Copy"] = field(default_factory=list)
    section: Section | None = None
    parent_copy: "_Copy | None" = None
    order: int = 0


def _copy_structure(plan: Plan, sections: list[Section], tasks: list[Task]) -> list[Section]:
    """The parent's headings above each copied task, renumbered in their own style (I, II /
    1, 2 / a, b), with each task as a "-" item under its heading; returns the items' sections
    in the order of `tasks`. One bulk insert per depth: the query count does not grow with
    the number of tasks."""
    levels, items = copied_structure(sections, tasks)
    for level in levels:
        for copy in level:
            copy.section = Section(
                plan=plan,
                order=copy.order,
                label=copy.label,
                title=copy.title,
                kind=copy.kind,
                paragraphs=copy.paragraphs,
                parent=copy.parent_copy.section if copy.parent_copy else None,
            )
        Section.objects.bulk_create([copy.section for copy in level])
    return [item.section for item in items]


def copied_structure(sections, tasks) -> tuple[list[list[_Copy]], list[_Copy]]:
    """What a derived plan's body is, before anything is written: its sections by depth (each
    with its order and the copy it sits under) and the item of each of `tasks`, in order.

    `sections` are the parent plan's, in order, and `tasks` the parent tasks taken up, each
    with its `section` and `text`: model instances or any objects with the same attributes
    (the cascade benchmark's bare-SQL baseline reads plain rows)."""
    by_pk = {section.pk: section for section in sections}
    roots: list[_Copy] = []
    copies: dict[int, _Copy] = {}
    items: list[_Copy] = []

    def copy_of(section) -> list[_Copy]:
        """The children list a copy of `section` holds (the roots for None)."""
        if section is None:
            return roots
        above = by_pk.get(section.parent_id)
        if _names_others(section, above):
            return copy_of(above)
        if section.pk not in copies:
            siblings = copy_of(by_pk.get(section.parent_id))
            copies[section.pk] = _Copy(section, section.label, section.title, section.kind, [])
            siblings.append(copies[section.pk])
        return copies[section.pk].children

    for task in tasks:
        home = task.section
        # The task's own item becomes the "-" item; a heading that holds it stays a heading.
        container = home if home.title and task.text != home.title else by_pk.get(home.parent_id)
        siblings = copy_of(container)
        if siblings is roots:
            if not roots or roots[-1].source is not None:
                roots.append(_Copy(None, "I", "NỘI DUNG THỰC HIỆN", SectionKind.TASKS, []))
            siblings = roots[-1].children
        # The item keeps the parent's kind of label ("1." stays numbered, "-" a dash).
        label = home.label if home.label and not home.title else DASH
        item = _Copy(None, label, "", SectionKind.TASKS, [LEADING_LABEL.sub("", task.text, 1)])
        siblings.append(item)
        items.append(item)

    _relabel(roots)
    return _by_depth(roots), items


def _relabel(copies: list[_Copy]) -> None:
    counters: dict[str, int] = {}
    for copy in copies:
        style = _label_style(copy.label)
        if style in ("roman", "arabic", "letter"):
            counters[style] = counters.get(style, 0) + 1
            copy.label = _label(style, counters[style])
        _relabel(copy.children)


def _label_style(label: str) -> str:
    text = label.rstrip(".)")
    if text and all(ch in "IVXLC" for ch in text):
        return "roman"
    if text.isdigit():
        return "arabic"
    if len(text) == 1 and text.isalpha() and text.islower():
        return "letter"
    return "other"


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
# Decree 30/2020/NĐ-CP, Appendix I, II.6.đ: điểm follow the Vietnamese alphabet.
LETTERS = "abcdđeghiklmnopqrstuvxy"


def _label(style: str, number: int) -> str:
    if style == "roman":
        return ROMAN[number - 1] if number <= len(ROMAN) else str(number)
    if style == "letter":
        return LETTERS[number - 1] if number <= len(LETTERS) else str(number)
    return str(number)


def _by_depth(roots: list[_Copy]) -> list[list[_Copy]]:
    """The copies by depth, each given its order in the body (2, 4, …) and its parent."""
    order = 0
    levels: list[list[_Copy]] = []

    def visit(copies: list[_Copy], depth: int, parent: _Copy | None) -> None:
        nonlocal order
        for copy in copies:
            order += 2
            copy.order = order
            copy.parent_copy = parent
            if len(levels) <= depth:
                levels.append([])
            levels[depth].append(copy)
            visit(copy.children, depth + 1, copy)

    visit(roots, 0, None)
    return levels


def derived_subject(subject: str, above: list[Unit], unit: Unit) -> str:
    """The parent's subject, naming `unit` where it named the parent or a unit above it:
    "… trên địa bàn thành phố Hà Nội năm 2026" → "… trên địa bàn phường Bồ Đề năm 2026".
    A subject that names no unit gets "trên địa bàn <unit>" before its year."""
    text = unicodedata.normalize("NFC", subject or "").strip()
    name = unit.name_in_text
    for other in reversed(above):
        if other.level == Level.NATIONAL:
            continue  # "Việt Nam" in "phụ nữ Việt Nam" names the women, not the place
        text, count = _replace_unit_name(text, other, name)
        if count:
            return text
    generic = re.compile(
        rf"\b(trên địa bàn)\s+(?:{'|'.join(KIND_WORDS)})(?=\s+(?:năm|giai đoạn)\b|[,.;]|$)",
        re.IGNORECASE,
    )
    text, count = generic.subn(lambda match: f"{match.group(1)} {name}", text)
    if count:
        return text
    year = re.search(r"\s+((?:năm|giai đoạn)\s+\d{4}(?:\s*[-–]\s*\d{4})?)\s*$", text)
    where = f"trên địa bàn {name}"
    if year:
        return f"{text[: year.start()]} {where} {year.group(1)}"
    return f"{text} {where}" if text else where


def _replace_unit_name(text: str, other: Unit, name: str) -> tuple[str, int]:
    """`text` with the place `other` named as `name`, and how many times it was."""
    replaced = 0

    def replace(match: re.Match) -> str:
        nonlocal replaced
        if BODY_OF_A_UNIT.search(fold(match.string[: match.start()])):
            return match.group(0)  # "Thành ủy Hà Nội" names a body, not the place
        replaced += 1
        return _cased(name, match)

    return _unit_name_pattern(other).sub(replace, text), replaced


# Words before a unit's name that make it the name of one of the unit's bodies ("Thành ủy Hà
# Nội", "UBND thành phố Hà Nội"): a subject naming them speaks of their documents, which stay.
BODY_OF_A_UNIT = re.compile(r"\b(?:uy|ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan)$")


def _unit_name_pattern(unit: Unit) -> re.Pattern:
    """The unit's name as a subject may write it: with its kind word in any case ("Thành
    phố Hà Nội", "thành phố Hà Nội", "TP Hà Nội", "TP. Hà Nội") or bare ("Hà Nội"); a name
    that is a number ("Phường 1") only with its kind word."""
    bare = re.escape(unicodedata.normalize("NFC", unit.bare_name))
    kinds = "|".join([*KIND_WORDS, r"tp\.?"])
    kind = rf"(?:{kinds})\s+"
    optional = "" if unit.bare_name.isdigit() else "?"
    return re.compile(rf"(?<!\w)(?:{kind}){optional}{bare}(?!\w)", re.IGNORECASE)


def _cased(name: str, match: re.Match) -> str:
    """`name` capitalised where the match opened the subject."""
    return name[:1].upper() + name[1:] if match.start() == 0 else name


def committee_signer(unit: Unit) -> tuple[list[str], str]:
    """The authority lines and name a plan of the unit's People's Committee is signed with:
    the chair of the unit's committee for the advancement of women, signing for the
    People's Committee."""
    committee = Committee.objects.filter(unit=unit).first()
    chair = (
        committee.memberships.active_on(timezone.localdate())
        .filter(position=Position.CHAIR)
        .first()
        if committee
        else None
    )
    return signer_lines_of(chair.full_name, chair.job_title) if chair else signer_lines_of("", "")


def signer_lines_of(chair_name: str, chair_job_title: str) -> tuple[list[str], str]:
    """The signature block of a People's Committee plan signed by the committee's chair
    ("TM. ỦY BAN NHÂN DÂN"; Decree 30/2020/NĐ-CP, Appendix I, II.7.b); with no chair, the
    Chair's lines and no name."""
    if not chair_name or fold(chair_job_title).startswith("chu tich"):
        return ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], chair_name
    # Decision 1855/QĐ-TTg: the committee is chaired by a Vice-chair of the People's
    # Committee, who signs for the Chair ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", as Long Biên's plan).
    return ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], chair_name


def _derived_recipients(parent: Plan, unit: Unit) -> list[str]:
    """ "Nơi nhận": the body that issued the parent plan, the members of the unit's committee,
    and the records office's copy (Decree 30/2020/NĐ-CP, Appendix I, II.9.a)."""
    recipients = [issuer_of(parent)]
    committee = Committee.objects.filter(unit=unit).first()
    if committee:
        recipients.append(f"Thành viên {committee.name}")
    return [*recipients, "Lưu: VT"]


def _implementing_sentence(parent: Plan, unit: Unit) -> str:
    kind = "Kế hoạch" if parent.kind == PlanKind.PLAN else "Chương trình"
    number = f" số {parent.number_and_symbol}" if parent.number_text else ""
    day = f" ngày {parent.issued_on:%d/%m/%Y}" if parent.issued_on else ""
    subject = f" về {parent.subject[:1].lower()}{parent.subject[1:]}" if parent.subject else ""
    return (
        f"Thực hiện {kind}{number}{day} của {issuer_of(parent)}{subject}, "
        f"{peoples_committee_of(unit)} xây dựng {kind.lower()} thực hiện như sau:"
    )


def peoples_committee_of(unit: Unit) -> str:
    """ "Quận Long Biên" -> "Ủy ban nhân dân quận Long Biên"."""
    return unit.peoples_committee


def issuer_of(plan: Plan) -> str:
    if plan.issuer_body == IssuerBody.COMMITTEE:
        committee = getattr(plan.unit, "committee", None)
        return committee.name if committee else "Ban Vì sự tiến bộ của phụ nữ"
    return peoples_committee_of(plan.unit)


@dataclass
class CoverageRow:
    """How far the lower units a task addresses have come with it: they took it up in a
    plan of their own (cascade), recorded activity on it, and completed it."""

    task: Task
    addressed: list[Unit]
    took_up: list[Unit]
    active: list[Unit]
    done: list[Unit]

    @property
    def not_yet(self) -> list[Unit]:
        return [unit for unit in self.addressed if unit not in self.took_up]

    def share(self, part: list[Unit]) -> int:
        """`part` as a whole percentage of the units addressed."""
        return round(100 * len(part) / len(self.addressed)) if self.addressed else 0

    @property
    def took_up_share(self) -> int:
        return self.share(self.took_up)

    @property
    def active_share(self) -> int:
        return self.share(self.active)

    @property
    def done_share(self) -> int:
        return self.share(self.done)


def _lower_unit_on(path: str, unit: Unit) -> int | None:
    """The id of the unit right below `unit` on a stored path ("/1/12/345/"), if any."""
    ids = path.strip("/").split("/")
    depth = len(unit.path.strip("/").split("/"))
    return (
        int(ids[depth]) if len(ids) > depth and unit.path and path.startswith(unit.path) else None
    )


def coverage(parent: Plan, user=None, tasks=None) -> list[CoverageRow]:
    """For each task of `parent` addressed to lower units (of `tasks` when given): which of
    them took it up in a plan of their own, recorded activity on it (on it or on a task below
    implementing it), and completed it (their derived task is done).

    Only the lower units that exist on the plan's day count (Plan.in_force_on: a unit that
    ceased in the 2025 reform is no lower unit of a 2026 plan), and, for a reader, only those
    in their scope (vstb.access). A constant number of queries.
    """
    day = parent.in_force_on
    units = Unit.objects.all() if user is None else access.units_in_scope(user)
    units = units.valid_on(day).order_by("search_name")
    lower = list(units.filter(parent=parent.unit))
    task_list = (
        parent.tasks.prefetch_related(Prefetch("units", queryset=units, to_attr="addressed_units"))
        .select_related("section")
        .order_by("section__order", "paragraph")
    )
    if tasks is not None:
        task_list = task_list.filter(pk__in=[task.pk for task in tasks])
    took_up: dict[int, set[int]] = defaultdict(set)
    statuses: dict[tuple[int, int], set[str]] = defaultdict(set)
    derived = Task.objects.filter(parent_task__plan=parent).values_list(
        "parent_task_id", "plan__unit__path", "status"
    )
    for task_id, path, status in derived:
        unit_id = _lower_unit_on(path, parent.unit)
        took_up[task_id].add(unit_id)
        statuses[task_id, unit_id].add(status)
    active = _units_with_activity(parent, user)
    rows = []
    for task in task_list:
        addressed = lower if task.addresses_all_lower_units else task.addressed_units
        if not addressed:
            continue
        rows.append(
            CoverageRow(
                task,
                addressed=addressed,
                took_up=[u for u in addressed if u.pk in took_up[task.pk]],
                active=[u for u in addressed if u.pk in active[task.pk]],
                done=[u for u in addressed if statuses[task.pk, u.pk] == {TaskStatus.DONE}],
            )
        )
    return rows


def _units_with_activity(parent: Plan, user) -> dict[int, set[int]]:
    """Per task of `parent`: the lower units where an activity was recorded on it, or on a
    task below implementing it."""
    found: dict[int, set[int]] = defaultdict(set)
    for task_id, _activity_id, path in rollup.work_on_plan(parent, user, "activity__unit__path"):
        unit_id = _lower_unit_on(path, parent.unit)
        if unit_id is not None:
            found[task_id].add(unit_id)
    return found


# Editing the body ---------------------------------------------------------------------------


def renumber(plan: Plan) -> None:
    """Store document order (depth first) in `order` after a structural change.

    Siblings keep their relative `order`; steps of 2 leave a gap after every item, so an
    item can be slotted in just after another by giving it that item's order + 1.
    """
    sections = list(plan.sections.order_by("order", "pk"))
    children: dict[int | None, list[Section]] = {}
    for section in sections:
        children.setdefault(section.parent_id, []).append(section)
    counter = 0

    def visit(parent_id):
        nonlocal counter
        for section in children.get(parent_id, []):
            counter += 2
            section.order = counter
            visit(section.pk)

    visit(None)
    Section.objects.bulk_update(sections, ["order"])


@transaction.atomic
def add_section(plan: Plan, parent: Section | None, **fields) -> Section:
    """A new item at the end of `parent`'s items (or of the body)."""
    section = Section.objects.create(plan=plan, parent=parent, order=10**9, **fields)
    renumber(plan)
    return section


@transaction.atomic
def move_section(section: Section, direction: str) -> None:
    """Move an item up or down among its siblings, or indent it under the item above, or
    outdent it to follow its parent. A move that is not possible changes nothing."""
    siblings = list(
        Section.objects.filter(plan=section.plan, parent=section.parent_id).order_by("order")
    )
    index = [s.pk for s in siblings].index(section.pk)
    if direction in ("up", "down"):
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(siblings):
            return
        neighbour = siblings[other]
        section.order, neighbour.order = neighbour.order, section.order
        Section.objects.bulk_update([section, neighbour], ["order"])
    elif direction == "indent":
        if index == 0:
            return
        section.parent, section.order = siblings[index - 1], 10**9
        section.save(update_fields=["parent", "order"])
    elif direction == "outdent":
        if section.parent_id is None:
            return
        parent = section.parent
        section.parent, section.order = parent.parent, parent.order + 1
        section.save(update_fields=["parent", "order"])
    else:
        raise ValueError(direction)
    renumber(section.plan)


@transaction.atomic
def delete_section(section: Section) -> None:
    plan = section.plan
    section.delete()
    renumber(plan)


# Follow-up tasks ----------------------------------------------------------------------------

# An issued plan's text never changes, but work decided after its issue (a committee meeting's
# conclusions, vstb/meetings) is followed up with the plan's own tasks: in "My tasks", in the
# reminders and on the plan's page. Such a task sits in a section of its own at the end of the
# body, which plan_to_json leaves out. The apps that add them give here, for a plan, the ids
# of those sections (plans may not import the apps above it).
FOLLOW_UP_SECTIONS: list[Callable[[Plan], Iterable[int]]] = []


def follow_up_section_ids(plan: Plan) -> set[int]:
    return {pk for source in FOLLOW_UP_SECTIONS for pk in source(plan)}


@transaction.atomic
def add_follow_up_task(plan: Plan, text: str, lead: Agency, due: date) -> Task:
    """A task joining an issued plan after its issue, led by an agency of the plan's unit and
    due on `due`, outside the plan's issued text. The caller lists its section in
    FOLLOW_UP_SECTIONS."""
    if plan.status != PlanStatus.ISSUED:
        raise ValidationError(
            _(
                "Work can be added only to an issued plan that is still in force. Choose an issued plan of the year."
            )
        )
    if lead.unit_id != plan.unit_id:
        raise ValidationError(
            _("The lead agency must be an agency of %(unit)s, whose plan this is.")
            % {"unit": plan.unit}
        )
    last = Section.objects.filter(plan=plan).aggregate(last=Max("order"))["last"] or 0
    section = Section.objects.create(
        plan=plan, order=last + 2, label=DASH, kind=SectionKind.TASKS, paragraphs=[text]
    )
    return Task.objects.create(plan=plan, section=section, lead=lead, due=due)
