from django.contrib.contenttypes.models import ContentType
from django.shortcuts import render

from vstb.access import authenticated
from vstb.access.audit import get_record_for_history
from vstb.audit.models import AuditEntry
from vstb.lib.pagination import paginate


@authenticated
def history(request, app_label, model_name, pk):
    """A record's history: who changed what, when, from which address, old and new values."""
    obj = get_record_for_history(request.user, app_label, model_name, pk)
    model = type(obj)
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=str(obj.pk)
    ).select_related("actor")
    labels = {
        f.attname: str(f.verbose_name) for f in model._meta.get_fields() if hasattr(f, "attname")
    }
    labels.update({f.name: str(f.verbose_name) for f in model._meta.many_to_many})
    page = paginate(request, entries)
    for entry in page:
        entry.rows = [
            (labels.get(name, name), values)
            for name, values in sorted((entry.changes or {}).items())
        ]
    context = {"object": obj, "model_name": model._meta.verbose_name, "page_obj": page}
    return render(request, "audit/history.html", context)
