"""Browser fixtures: Debian's chromium driven by Playwright's sync API.

One chromium runs for the whole session; each test gets a fresh browser context (no cookies,
no storage) and one page in it. The tests are marked ``browser`` and run as their own step:

    pytest vstb/tests_browser -m browser

Without /usr/bin/chromium the tests are skipped, except in CI (CI=true) or when
VSTB_REQUIRE_BROWSER=1, where a missing browser is a failure.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-quic",
    "--disable-component-update",
    "--disable-sync",
]
# Short enough that a missing element fails the test quickly, long enough for a slow CI host.
TIMEOUT_MS = 10_000


def _browser_required() -> bool:
    return os.environ.get("CI") == "true" or os.environ.get("VSTB_REQUIRE_BROWSER") == "1"


@pytest.fixture(scope="session")
def browser():
    """One headless chromium for the whole session, with a throw-away profile."""
    if not os.access(CHROMIUM, os.X_OK):
        message = (
            f"{CHROMIUM} not found: the browser tests need Debian's chromium "
            "(apt-get install chromium)."
        )
        if _browser_required():
            pytest.fail(f"{message} It must be installed when CI=true or VSTB_REQUIRE_BROWSER=1.")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an asyncio event loop in the test thread, and Django refuses
    # ORM calls there (SynchronousOnlyOperation) unless told otherwise. Set only while the
    # browser runs, so that a run without browser tests keeps Django's guard.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            # launch() gives chromium a fresh temporary --user-data-dir, removed on close.
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_page(browser):
    """new_page(**context_options) opens a page in a fresh browser context.

    Contexts default to a Vietnamese browser (Accept-Language: vi-VN), as the site's users
    have; pass locale=... or extra_http_headers=... to change that. A JavaScript error on any
    page, or anything the Content-Security-Policy refused, fails the test.
    """
    contexts, errors = [], []

    def _new_page(**options):
        options.setdefault("locale", "vi-VN")
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
        # Whatever the Content-Security-Policy blocked (an inline script, an eval) is an error.
        page.on(
            "console",
            lambda message: (
                message.type == "error"
                and "Content Security Policy" in message.text
                and errors.append(f"{page.url}: {message.text}")
            ),
        )
        return page

    yield _new_page
    for context in contexts:
        context.close()
    if errors:
        pytest.fail("JavaScript errors in the browser:\n" + "\n".join(errors))


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def log_in(live_server):
    """log_in(page, username) signs in through the real login form."""
    from vstb.conftest import PASSWORD

    def _log_in(page, username, password=PASSWORD):
        page.goto(live_server.url + "/accounts/login/")
        page.locator("input[name=username]").fill(username)
        page.locator("input[name=password]").fill(password)
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        if "/accounts/two-factor/" in page.url:  # an administrator: the code from the app
            from django.contrib.auth import get_user_model

            from vstb.conftest import current_code

            user = get_user_model().objects.get(username=username)
            page.locator("input[name=code]").fill(current_code(user))
            with page.expect_navigation():
                page.locator("main form.card button[type=submit]").click()
        assert "/accounts/login/" not in page.url, f"login as {username} failed"
        assert "/accounts/two-factor/" not in page.url, f"second factor of {username} failed"

    return _log_in
