"""Confirm before the irreversible (issue 11, item 11): issuing, sending up, submitting and
chasing first show a page saying what will happen and who will be told, computed by the
server, and act only when it is posted back with `confirm=1`. No JavaScript needed."""

from django.contrib import messages
from django.shortcuts import render

from vstb.notifications.services import Told

NAMED = 30  # units and agencies named on the page before "and N more"


def confirmed(request) -> bool:
    return request.POST.get("confirm") == "1"


def confirmation(
    request, *, heading: str, what: str, audience, button: str, back: str, repost: bool = True
):
    """The confirmation page: `what` will happen, the units and agencies whose people
    `audience` (access.Audience) tells, those with nobody to tell, and a form posting confirm=1
    to the same address, with the fields posted first when `repost`."""
    fields = [
        (name, value)
        for name in (request.POST if repost else [])
        if name not in ("csrfmiddlewaretoken", "confirm")
        for value in request.POST.getlist(name)
    ]
    reached = [str(item) for item in audience.reached]
    context = {
        "heading": heading,
        "what": what,
        "reached": reached[:NAMED],
        "reached_count": len(reached),
        "more": max(0, len(reached) - NAMED),
        "nobody": Told(nobody=audience.nobody).nobody_messages(),
        "fields": fields,
        "action": request.path,
        "button": button,
        "back": back,
    }
    return render(request, "notifications/confirm.html", context)


def warn_nobody(request, told: Told | None) -> None:
    """After the act: name to the sender the units and agencies nobody could be told at."""
    for text in told.nobody_messages() if told else []:
        messages.warning(request, text)
