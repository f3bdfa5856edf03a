from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from vstb.cases import crypto

BATCH = 500


def sealed_columns() -> list[tuple[type, list[str]]]:
    """Every model of VSTB with sealed fields, and those fields."""
    found = []
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, crypto.SealedField)]
        if names:
            found.append((model, names))
    return found


def rewrap_all() -> int:
    """Re-wrap every data key not under the current key; the values are not decrypted."""
    current = crypto.keyring().current
    changed = 0
    for model, names in sealed_columns():
        last = 0
        while True:
            with transaction.atomic():
                rows = list(
                    model.objects.select_for_update().filter(pk__gt=last).order_by("pk")[:BATCH]
                )
                if not rows:
                    break
                for row in rows:
                    updates = {}
                    for name in names:
                        sealed = getattr(row, name)
                        if sealed and crypto.key_id(sealed.token) != current:
                            field = model._meta.get_field(name)
                            updates[name] = crypto.rewrap(sealed.token, field.context)
                    if updates:
                        # The stored tokens as they are: a raw UPDATE, never a re-seal.
                        model.objects.filter(pk=row.pk).update(
                            **{k: crypto.Sealed(v, "") for k, v in updates.items()}
                        )
                        changed += 1
                last = rows[-1].pk
    return changed


class Command(BaseCommand):
    help = (
        "Case register keys: with --new-key, add a key to the key file and make it the "
        "current one; then re-wrap every value's data key under the current key. The old "
        "keys stay in the file until you remove them after this has run."
    )

    def add_arguments(self, parser):
        parser.add_argument("--new-key", action="store_true")

    def handle(self, *args, new_key, **options):
        if new_key:
            if settings.VSTB_CASE_KEYS:
                raise CommandError(
                    "Khóa đang được đặt qua VSTB_CASE_KEYS: thêm khóa mới vào biến đó, đặt "
                    "làm khóa hiện hành, rồi chạy lại lệnh này không có --new-key."
                )
            kid = crypto.add_key()
            self.stdout.write(f"Đã thêm khóa {kid} và đặt làm khóa hiện hành.")
        changed = rewrap_all()
        self.stdout.write(f"Đã bọc lại khóa dữ liệu của {changed} bản ghi.")
