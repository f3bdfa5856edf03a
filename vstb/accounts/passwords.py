"""The password policy's own rule, and the e-mail sent when a password changes (issue 12,
finding 9: "matkhau1", "hanoi2026" and "ziggurat" were accepted).

The policy (settings.AUTH_PASSWORD_VALIDATORS): at least 12 characters; not like the user's
name, user name or e-mail; not one of Django's 20,000 common passwords; not digits only; and
not made only of the words people here build passwords from (data/context_words.txt), with
digits and symbols around them: "Hanoi@2026!!", "Matkhau123456", "UBNDphuong2026"."""

import functools
import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from vstb.lib.text import fold

WORDS_FILE = Path(__file__).parent / "data" / "context_words.txt"


@functools.cache
def context_words() -> frozenset[str]:
    lines = WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def made_of_words(letters: str, words: frozenset[str]) -> bool:
    """Whether `letters` is a run of `words` end to end (any number, any order)."""
    longest = max(map(len, words))
    ends = [True] + [False] * len(letters)  # ends[i]: letters[:i] is made of words
    for end in range(1, len(letters) + 1):
        ends[end] = any(
            ends[start] and letters[start:end] in words
            for start in range(max(0, end - longest), end)
        )
    return ends[-1]


class ContextWordsValidator:
    """Refuses a password whose letters are only words from data/context_words.txt and the
    person's own names, whatever digits and symbols surround them."""

    def validate(self, password: str, user=None) -> None:
        letters = re.sub(r"[^a-z]", "", fold(password).replace(" ", ""))
        own = set()
        if user is not None:
            for value in (user.get_username(), getattr(user, "full_name", ""), user.email):
                own.update(part for part in re.split(r"[^a-z]+", fold(value or "")) if part)
        if not letters or made_of_words(letters, context_words() | own):
            raise ValidationError(self.message(), code="password_from_common_words")

    def message(self) -> str:
        return _(
            "This password is made of words that are tried first (like “matkhau”, “hanoi”, "
            "“ubnd” or your name) with digits. Choose a phrase of your own, for example "
            "three unrelated words and a number."
        )

    def get_help_text(self) -> str:
        return _(
            "Not only common words, place names or your name with digits: choose a phrase of "
            "your own, for example three unrelated words and a number."
        )


def tell_password_changed(user) -> None:
    """E-mail the person that their password was changed, once the change is committed: if
    it was not them, they know to act."""
    if not user.email:
        return
    body = render_to_string("accounts/password_changed_email.txt", {"user": user})
    subject = _("Your VSTB password was changed")
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    )
