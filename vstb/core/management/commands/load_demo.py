from django.core.management.base import BaseCommand

from vstb.core.demo import load_demo


class Command(BaseCommand):
    help = (
        "Load the demonstration units, committees and users (once; a second run changes nothing)."
    )

    def handle(self, *args, **options):
        created = load_demo()
        self.stdout.write(
            "demo data loaded" if created else "demo data already present; nothing changed"
        )
