from django.conf import settings


def demo(request) -> dict:
    """Whether this is the demo (`vstb demo`): the pages then say that its people and
    indicator figures are made up."""
    return {"demo_mode": getattr(settings, "VSTB_DEMO", False)}
