from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vstb import access
from vstb.access import authenticated
from vstb.issuing.models import IssuedDocument, Purpose
from vstb.lib.pagination import paginate
from vstb.lib.query import whole_number
from vstb.lib.versioning import save_unless_stale
from vstb.org import services
from vstb.org.forms import (
    AsOfForm,
    CommitteeForm,
    MembershipForm,
    NewMemberFormSet,
    ReconstituteForm,
)
from vstb.org.models import POSITION_ORDER, AgencyKind, Committee, Level


def _as_of(request, unit):
    """The date asked for, else today, or the last day of a unit that has ceased."""
    form = AsOfForm(request.GET or None)
    if form.is_valid() and form.cleaned_data["on"]:
        return form, form.cleaned_data["on"]
    day = timezone.localdate()
    if unit.valid_to and unit.valid_to <= day:
        day = unit.valid_to - timedelta(days=1)
    return form, day


@authenticated
def unit_list(request):
    """The unit browser: the tree from the top, or a search by name with or without diacritics."""
    query = request.GET.get("q", "").strip()
    # Ceased units stay listed by default: past plans and reports belong to them.
    current_only = request.GET.get("current") == "1"
    units = access.visible_units(request.user).select_related("parent")
    if current_only:
        units = units.current()
    level = request.GET.get("level", "")
    context = {
        "query": query,
        "current_only": current_only,
        "level": level,
        "levels": Level.choices,
    }
    if (number := whole_number(level)) is not None:
        units = units.filter(level=number)
    if query or level:
        context["results"] = paginate(request, units.search(query).order_by("level", "search_name"))
    else:
        context["roots"] = _tree_towards_own_units(request.user, units)
    return render(request, "org/unit_list.html", context)


def _tree_towards_own_units(user, units):
    """The top of the tree, opened down to the user's own units in one query per level."""
    roots = list(units.filter(parent__isnull=True).order_by("search_name"))
    opened = access.units_above_own(user)
    below = {}
    for unit in units.filter(parent_id__in=sorted(opened)).order_by("search_name"):
        below.setdefault(unit.parent_id, []).append(unit)
    pending = list(roots)
    while pending:
        unit = pending.pop()
        unit.tree_children = below.get(unit.pk) if unit.pk in opened else None
        pending.extend(unit.tree_children or [])
    return roots


@authenticated
def unit_children(request, pk):
    """htmx partial: the visible lower units of one unit, for expanding the tree."""
    unit = access.get_unit_for_user(request.user, pk)
    current_only = request.GET.get("current") == "1"
    children = access.visible_units(request.user).filter(parent=unit)
    if current_only:
        children = children.current()
    return render(
        request,
        "org/_unit_children.html",
        {"children": children.order_by("search_name"), "current_only": current_only},
    )


def _committee_decisions(user, unit, members: list) -> dict:
    """The committee's decisions the user may open: the latest ("latest"), and for each
    membership shown, the first decision that listed it (by membership pk)."""
    issued = (
        access.documents_visible_to(user)
        .issued()
        .filter(unit=unit, purpose=Purpose.COMMITTEE)
        .order_by("issued_on", "pk")
    )
    first: dict[int, IssuedDocument] = {}
    through = IssuedDocument.memberships.through.objects.filter(
        membership__in=members, issueddocument__in=issued
    ).select_related("issueddocument")
    for row in sorted(through, key=lambda r: (r.issueddocument.issued_on, r.issueddocument_id)):
        first.setdefault(row.membership_id, row.issueddocument)
    for member in members:
        member.decision = first.get(member.pk)
    return {"latest": issued.last()}


@authenticated
def unit_detail(request, pk):
    unit = access.get_unit_for_user(request.user, pk)
    as_of_form, day = _as_of(request, unit)
    committee = Committee.objects.select_related("standing_agency").filter(unit=unit).first()
    members = []
    if committee:
        members = sorted(
            committee.members_on(day), key=lambda m: (POSITION_ORDER[m.position], m.full_name)
        )
    decisions = _committee_decisions(request.user, unit, members)
    visible = access.visible_units(request.user)
    agencies = list(unit.agencies.order_by("kind", "name"))
    predecessions = list(unit.predecessions.select_related("predecessor"))
    successions = list(unit.successions.select_related("successor"))
    context = {
        "unit": unit,
        "ancestors": unit.ancestors(),
        "as_of_form": as_of_form,
        "day": day,
        "committee": committee,
        "members": members,
        "decisions": decisions,
        "agencies": [a for a in agencies if a.kind != AgencyKind.LOWER_PEOPLES_COMMITTEE],
        "lower_committees": [a for a in agencies if a.kind == AgencyKind.LOWER_PEOPLES_COMMITTEE],
        "children": visible.filter(parent=unit).valid_on(day).order_by("search_name"),
        "predecessions": predecessions,
        "successions": successions,
        # History names every unit involved, but links only to those the user may open.
        "linkable": set(
            visible.filter(
                pk__in=[s.predecessor_id for s in predecessions]
                + [s.successor_id for s in successions]
            ).values_list("pk", flat=True)
        ),
        "can_manage": access.can_manage_unit(request.user, unit),
        # The reform assistant: a ceased unit's open work moves to its successor.
        "can_hand_over": any(
            access.can_hand_over(request.user, unit, link.successor) for link in successions
        ),
        # A unit above one's own is shown for context; its activities and figures are not.
        "in_scope": access.can_open_indicators(request.user, unit),
        # Candidates in planning: the secretariats of the unit and above only.
        "reads_candidates": access.reads_candidates_of(request.user, unit),
    }
    return render(request, "org/unit_detail.html", context)


@authenticated
def committee_edit(request, pk):
    committee = access.get_committee_for_user(request.user, pk, write=True)
    form = CommitteeForm(request.POST or None, instance=committee)
    if request.method == "POST" and form.is_valid():
        if save_unless_stale(form, form.save) is not None:
            messages.success(request, _("The committee has been saved."))
            return redirect("org:unit_detail", pk=committee.unit_id)
    return render(request, "org/committee_form.html", {"form": form, "committee": committee})


@authenticated
def membership_add(request, pk):
    committee = access.get_committee_for_user(request.user, pk, write=True)
    form = MembershipForm(request.POST or None, committee=committee)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The member has been added."))
        return redirect("org:unit_detail", pk=committee.unit_id)
    return render(request, "org/membership_form.html", {"form": form, "committee": committee})


@authenticated
def membership_edit(request, pk):
    membership = access.get_membership_for_user(request.user, pk, write=True)
    committee = membership.committee
    form = MembershipForm(request.POST or None, instance=membership, committee=committee)
    if request.method == "POST" and form.is_valid():
        if save_unless_stale(form, form.save) is not None:
            messages.success(request, _("The membership has been saved."))
            return redirect("org:unit_detail", pk=committee.unit_id)
    return render(
        request,
        "org/membership_form.html",
        {"form": form, "committee": committee, "membership": membership},
    )


@authenticated
def committee_reconstitute(request, pk):
    """Kiện toàn: end some memberships and start others on one date, all at once."""
    committee = access.get_committee_for_user(request.user, pk, write=True)
    current = committee.members_on(timezone.localdate())
    data = request.POST or None
    form = ReconstituteForm(data, committee=committee, members=current)
    formset = NewMemberFormSet(data, form_kwargs={"committee": committee}, prefix="new")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        joining = [row for row in formset.cleaned_data if row.get("full_name")]
        try:
            services.reconstitute(
                committee, form.cleaned_data["on"], list(form.cleaned_data["ending"]), joining
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The committee has been reconstituted."))
            return redirect("org:unit_detail", pk=committee.unit_id)
    return render(
        request,
        "org/reconstitute.html",
        {"form": form, "formset": formset, "committee": committee},
    )


@authenticated
@require_POST
def membership_end(request, pk):
    """End one membership today (or on the date given)."""
    membership = access.get_membership_for_user(request.user, pk, write=True)
    form = AsOfForm(request.POST)
    day = (form.cleaned_data["on"] if form.is_valid() else None) or timezone.localdate()
    membership.end = day
    try:
        membership.full_clean()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        membership.save(update_fields=["end"])
        messages.success(request, _("The membership has been ended."))
    return redirect("org:unit_detail", pk=membership.committee.unit_id)
