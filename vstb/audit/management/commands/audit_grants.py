from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from vstb.audit.models import AuditEntry
from vstb.cases.models import AccessEntry


def grants_sql(role: str) -> list[str]:
    """The statements that make the trail append-only for `role`, the database role the
    application connects as in production: it may add entries and read them, never change or
    remove them. (`vstb prune-audit` runs as the owner role.)"""
    role = connection.ops.quote_name(role)
    statements = []
    # The audit trail and the case register's access log (vstb/cases).
    for model in (AuditEntry, AccessEntry):
        table = connection.ops.quote_name(model._meta.db_table)
        statements += [
            f"REVOKE ALL ON {table} FROM {role}",
            f"GRANT SELECT, INSERT ON {table} TO {role}",
        ]
    return statements


class Command(BaseCommand):
    help = (
        "PostgreSQL: print (or with --apply, run) the GRANTs that let the application's "
        "database role add and read audit entries but never change or delete them."
    )

    def add_arguments(self, parser):
        parser.add_argument("role", help="the role the application connects as")
        parser.add_argument("--apply", action="store_true")

    def handle(self, *args, role, apply, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Chỉ dùng với PostgreSQL (SQLite không có phân quyền theo vai trò).")
        statements = grants_sql(role)
        for statement in statements:
            self.stdout.write(statement + ";")
        if apply:
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
