"""The Vietnamese catalogue: complete, consistent with the code, compiled, and in use.

The English msgids are the English text, so only vi has a catalogue. To refresh it:

    .venv/bin/vstb makemessages -l vi --no-location --ignore '.venv/*' --ignore 'node_modules/*'
    (translate the new entries in vstb/locale/vi/LC_MESSAGES/django.po)
    .venv/bin/vstb compilemessages -l vi --ignore '.venv/*'

No test here writes to the committed catalogue: extraction runs in a temporary copy.
"""

import io
import os
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
PO_PATH = LOCALE_DIR / "vi" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")
REPO_ROOT = Path(settings.BASE_DIR).parent

REFRESH = (
    "Run `.venv/bin/vstb makemessages -l vi --no-location --ignore '.venv/*' "
    "--ignore 'node_modules/*'`, translate the new entries, then "
    "`.venv/bin/vstb compilemessages -l vi --ignore '.venv/*'`."
)
GETTEXT_TOOLS = ("xgettext", "msguniq", "msgmerge", "msgattrib")

# %(name)s and %s-style conversions (not the literal %%), as Python's % operator reads them.
PERCENT_PLACEHOLDER = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0 +\-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa]"
)
TEMPLATE_PLACEHOLDER = re.compile(r"\{\{\s*[^{}]*?\s*\}\}")
BRACE_PLACEHOLDER = re.compile(r"(?<!\{)\{[\w.\[\]]*(?:![rsa])?(?::[^{}]*)?\}(?!\})")


def placeholders(text: str, flags: list[str]) -> list[str]:
    """What must survive translation unchanged: named %-placeholders (in any order),
    positional %-placeholders (in order), template variables and, for brace-format, {fields}."""
    named, positional = set(), []
    if "python-format" in flags:
        for match in PERCENT_PLACEHOLDER.finditer(text.replace("%%", "")):
            if match.group("name") is not None:
                named.add(match.group(0))
            else:
                positional.append(match.group(0))
    brace = BRACE_PLACEHOLDER.findall(text) if "python-brace-format" in flags else []
    template = [re.sub(r"\s+", " ", t) for t in TEMPLATE_PLACEHOLDER.findall(text)]
    return [*sorted(named), *positional, *sorted(brace), *sorted(template)]


def entry_key(entry) -> tuple:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


@pytest.fixture(scope="module")
def catalogue() -> polib.POFile:
    assert PO_PATH.exists(), f"{PO_PATH} is missing. {REFRESH}"
    return polib.pofile(str(PO_PATH))


def test_header_is_vietnamese(catalogue):
    assert catalogue.metadata.get("Language") == "vi"
    assert catalogue.metadata.get("Plural-Forms", "").replace(" ", "") == "nplurals=1;plural=0;"
    assert not catalogue.metadata_is_fuzzy, "Remove the #, fuzzy flag from the header."


def test_every_entry_is_translated(catalogue):
    entries = [e for e in catalogue if not e.obsolete]
    assert entries, "The catalogue has no entries."
    problems = []
    for entry in entries:
        label = repr(entry.msgid)
        if entry.fuzzy:
            problems.append(f"{label}: fuzzy; check the translation and remove the flag")
        if entry.msgid_plural:
            # Vietnamese has one plural form, used for every count.
            if set(entry.msgstr_plural) != {0}:
                problems.append(
                    f"{label}: needs exactly msgstr[0], has {sorted(entry.msgstr_plural)}"
                )
            translations = list(entry.msgstr_plural.values())
            source = entry.msgid_plural
        else:
            translations = [entry.msgstr]
            source = entry.msgid
        for translation in translations:
            if not translation.strip():
                problems.append(f"{label}: not translated")
                continue
            expected = placeholders(source, entry.flags)
            found = placeholders(translation, entry.flags)
            if expected != found:
                problems.append(
                    f"{label}: the msgstr must keep the placeholders {expected or 'none'}, "
                    f"it has {found or 'none'}"
                )
    assert not problems, "\n".join(problems)


def _pairs(catalogue) -> dict:
    pairs = {}
    for entry in catalogue:
        if entry.msgid_plural:
            pairs[entry_key(entry)] = tuple(v for _, v in sorted(entry.msgstr_plural.items()))
        else:
            pairs[entry_key(entry)] = entry.msgstr
    return pairs


def test_committed_mo_matches_po(tmp_path):
    assert MO_PATH.exists(), f"{MO_PATH} is missing. {REFRESH}"
    fresh_mo = tmp_path / "django.mo"
    polib.pofile(str(PO_PATH)).save_as_mofile(str(fresh_mo))
    expected, committed = polib.mofile(str(fresh_mo)), polib.mofile(str(MO_PATH))
    expected_pairs, committed_pairs = _pairs(expected), _pairs(committed)
    stale = sorted(k[1] for k in expected_pairs if committed_pairs.get(k) != expected_pairs[k])
    extra = sorted(k[1] for k in committed_pairs if k not in expected_pairs)
    assert not stale and not extra, (
        f"django.mo is out of date with django.po (changed or missing: {stale}; "
        f"no longer in the .po: {extra}). Run `.venv/bin/vstb compilemessages -l vi "
        "--ignore '.venv/*'`."
    )
    assert committed.metadata.get("Plural-Forms") == expected.metadata.get("Plural-Forms")


def _copy_sources(destination: Path) -> None:
    """The files makemessages reads (.py, .html, .txt), skipping what the project's command
    skips: virtualenvs, node_modules, hidden folders, and the locale folders themselves."""
    skipped_dirs = {".venv", "venv", "node_modules", "__pycache__", "locale"}
    for dirpath, dirnames, filenames in os.walk(REPO_ROOT):
        dirnames[:] = [d for d in dirnames if d not in skipped_dirs and not d.startswith(".")]
        target = destination / Path(dirpath).relative_to(REPO_ROOT)
        for filename in filenames:
            if filename.endswith((".py", ".html", ".txt")) and not filename.startswith("."):
                target.mkdir(parents=True, exist_ok=True)
                shutil.copy2(Path(dirpath) / filename, target / filename)


def test_catalogue_is_complete(catalogue, tmp_path, monkeypatch, settings):
    missing_tools = [tool for tool in GETTEXT_TOOLS if shutil.which(tool) is None]
    if missing_tools:
        message = (
            f"GNU gettext is not installed ({', '.join(missing_tools)} not found), so the "
            "catalogue cannot be checked against the code. Install it: apt-get install gettext."
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)

    copy = tmp_path / "src"
    _copy_sources(copy)
    locale = copy / "vstb" / "locale"
    (locale / "vi" / "LC_MESSAGES").mkdir(parents=True)
    # Files outside a folder with its own locale/ go to LOCALE_PATHS[0]: keep that in the copy.
    settings.LOCALE_PATHS = [str(locale)]
    monkeypatch.chdir(copy)
    call_command(
        "makemessages",
        locale=["vi"],
        no_location=True,
        ignore_patterns=[".venv/*", "node_modules/*"],
        verbosity=0,
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    extracted = polib.pofile(str(locale / "vi" / "LC_MESSAGES" / "django.po"))
    in_code = {entry_key(e) for e in extracted if not e.obsolete}
    in_catalogue = {entry_key(e) for e in catalogue if not e.obsolete}
    new = sorted(k[1] for k in in_code - in_catalogue)
    gone = sorted(k[1] for k in in_catalogue - in_code)
    assert not new and not gone, (
        f"The catalogue is out of step with the code. New in the code: {new}. "
        f"No longer in the code: {gone}. {REFRESH}"
    )


def _login_page(client, **headers) -> str:
    return client.get("/accounts/login/", **headers).content.decode()


def test_pages_are_vietnamese_by_default(client):
    page = _login_page(client)
    assert '<html lang="vi">' in page
    assert "Đăng nhập hệ thống VSTB" in page
    assert "Quên mật khẩu?" in page
    assert "Log in to VSTB" not in page


def test_browser_language_alone_keeps_vietnamese(client):
    # Offices often run browsers set to English; only the language menu switches (settings).
    page = _login_page(client, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="vi">' in page
    assert "Đăng nhập hệ thống VSTB" in page


def test_language_cookie_switches_to_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = _login_page(client)
    assert '<html lang="en">' in page
    assert "Log in to VSTB" in page
    assert "Đăng nhập" not in page


def test_language_menu_switches_to_english_and_back(client):
    client.post("/language/", {"language": "en", "next": "/accounts/login/"})
    assert "Log in to VSTB" in _login_page(client, HTTP_ACCEPT_LANGUAGE="vi")
    client.post("/language/", {"language": "vi", "next": "/accounts/login/"})
    assert "Đăng nhập hệ thống VSTB" in _login_page(client, HTTP_ACCEPT_LANGUAGE="en")


@pytest.mark.django_db
def test_django_auth_form_is_vietnamese(client, django_user_model):
    """The password change form's labels and help come from Django's own vi catalogue."""
    user = django_user_model.objects.create_user("canbo", "canbo@example.vn", "Mat-khau-thu-2026")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get("/accounts/password/").content.decode()
    for text in (
        "Thay đổi mật khẩu",
        "Mật khẩu cũ",
        "Mật khẩu mới",
        "Xác nhận mật khẩu mới",
        "Tiếp tục",
    ):
        assert text in page
    for text in ("Old password", "New password", "Password change"):
        assert text not in page
