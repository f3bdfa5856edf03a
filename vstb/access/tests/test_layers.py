"""The layers of VSTB, and the grants kept inside the access package (issue 12, item 2).

A module of an app's domain (models, services, forms, readers…) may import from its own app
and from the apps in layers below it: lib < org < accounts < access < documents < plans <
activities < notifications, indicators < cases < reporting < issuing < meetings, reviews, budget,
leaders < inspections < commendations < audit < core, api. An app's web and command
layer (views, urls, template tags, management commands) is the outside of its app: it may use
any app but core, access first. Tests, migrations and the benchmarks (tools that build data in
every app) are outside the rule; the few justified exceptions are listed with their reason.
"""

import ast
from pathlib import Path

VSTB = Path(__file__).resolve().parents[2]
LAYERS = [
    {"lib", "formats"},
    {"org"},
    {"accounts"},
    {"access"},
    {"documents"},
    {"plans"},
    {"activities"},
    {"notifications", "indicators"},
    {"cases"},
    {"reporting"},
    {"issuing"},
    {"meetings", "reviews", "budget", "leaders"},
    {"inspections"},
    {"commendations"},
    {"audit"},
    {"core", "api", "tests_browser"},
]
LEVEL = {app: index for index, apps in enumerate(LAYERS) for app in apps}
# (importing module, imported app): why it is allowed.
EXCEPTIONS = {
    # The access rules read the models of every app they rule on: they sit above the models,
    # below the views; models import nothing from access.
    ("access", "plans"): "rules on plans read plan models",
    ("access", "activities"): "rules on activities read activity models",
    ("access", "reporting"): "rules on reports read report models",
    ("access", "notifications"): "rules on notifications read notification models",
    ("access", "indicators"): "rules on indicators read indicator models",
    ("access", "audit"): "who reads a history needs the list of audited apps",
    ("access", "cases"): "rules on cases read case models",
    ("access", "issuing"): "rules on issued documents read their models",
    ("access", "meetings"): "rules on meetings read meeting models",
    ("access", "reviews"): "rules on gender reviews read review models",
    ("access", "budget"): "rules on estimates read budget models",
    ("access", "leaders"): "rules on the leaders' pipeline read its models",
    ("access", "inspections"): "rules on inspections read inspection models",
    ("access", "commendations"): "rules on commendations read commendation models",
    # A case's access log names who acts and from where as the audit trail knows it (the
    # middleware sets it for every request).
    ("cases", "audit"): "the case access log takes the actor of the audit trail",
    # A transition tells the people who act next itself (decision 0008-notify): a plan issued
    # or cascaded calls notifications.handoffs, so that a hand-off that did not happen tells
    # nobody and one that happened tells once.
    ("plans", "notifications"): "a plan's transitions tell the next people",
    # The sign-in flow (accounts.two_factor) asks the access rules who must pass a second
    # factor; the rule stays with the other rules.
    ("accounts", "access"): "who must pass a second factor is an access rule",
    # Report reminders and chasing read the reports they remind of.
    ("notifications", "reporting"): "reminders of reports read the reports",
}


def _is_outer(path) -> bool:
    """The web and command layer of an app."""
    parts = path.relative_to(VSTB).parts
    return (
        path.name.startswith("views")
        or path.name == "urls.py"
        or "templatetags" in parts
        or "management" in parts
    )


SKIPPED_PARTS = {"tests", "migrations", "bench"}
GRANTS = {"grants_for", "Grants", "_grants"}


def _modules():
    for path in VSTB.rglob("*.py"):
        parts = path.relative_to(VSTB).parts
        if SKIPPED_PARTS & set(parts) or len(parts) < 2 or parts[0] not in LEVEL:
            continue
        yield parts[0], path


def _imports(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("vstb."):
            yield node.module.split(".")[1], [alias.name for alias in node.names], node
        elif isinstance(node, ast.ImportFrom) and node.module == "vstb":
            for alias in node.names:
                yield alias.name, [], node


def test_no_module_imports_from_a_layer_above_its_own():
    wrong = []
    for app, path in _modules():
        for imported, _names, node in _imports(path):
            if imported not in LEVEL or imported == app:
                continue
            if _is_outer(path) and imported != "core":
                continue
            if LEVEL[imported] > LEVEL[app] and (app, imported) not in EXCEPTIONS:
                wrong.append(f"{path.relative_to(VSTB)}:{node.lineno} imports vstb.{imported}")
    assert not wrong, "\n".join(sorted(wrong))


def test_nothing_outside_the_access_package_reads_grants():
    """Neither the grants (`_grants`, grants_for) nor the role rows (Role.objects, .roles)
    are read outside vstb/access/, but where roles are written: the accounts models, the
    admin, the demo builder, the benchmarks' and tests' worlds."""
    writers = {
        "accounts/models.py",
        "accounts/admin.py",
        "accounts/services.py",
        "core/demo.py",
        "conftest.py",
    }
    found = []
    for app, path in _modules():
        relative = str(path.relative_to(VSTB))
        if app == "access" or relative in writers:
            continue
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            name = (
                getattr(node, "attr", None)
                or getattr(node, "id", None)
                or getattr(node, "module", None)
            )
            if name in GRANTS or (name and name.endswith("._grants")):
                found.append(f"{relative}:{node.lineno} {name}")
            if isinstance(node, ast.Attribute) and node.attr == "objects":
                if isinstance(node.value, ast.Name) and node.value.id == "Role":
                    found.append(f"{relative}:{node.lineno} Role.objects")
    assert not found, "\n".join(found)


def test_models_import_nothing_from_the_access_package():
    for _app, path in _modules():
        if path.name.startswith("models"):
            imported = {module for module, _names, _node in _imports(path)}
            assert "access" not in imported, path
