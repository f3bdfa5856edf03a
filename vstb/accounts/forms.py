from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from vstb.accounts.passwords import tell_password_changed


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "The user name or password is not right. Check them and try again; "
            "after 5 failed attempts the account is locked for 30 minutes."
        ),
        "inactive": _("This account has been disabled. Ask your system administrator."),
    }


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Changing one's password: the old password is checked as a sign-in is, so that wrong
    guesses count towards the lockout (vstb/accounts/lockout.py); the person is e-mailed."""

    def __init__(self, user, *args, request=None, **kwargs):
        self.request = request
        super().__init__(user, *args, **kwargs)

    def clean_old_password(self):
        old = self.cleaned_data["old_password"]
        signed_in = authenticate(self.request, username=self.user.get_username(), password=old)
        if signed_in is None or signed_in.pk != self.user.pk:
            raise ValidationError(
                _(
                    "Your old password is not right. Type it again; after 5 wrong attempts, "
                    "signing in with this name is paused for 30 minutes."
                ),
                code="password_incorrect",
            )
        return old

    def save(self, commit=True):
        user = super().save(commit)
        tell_password_changed(user)
        return user


class SetPasswordForm(auth_forms.SetPasswordForm):
    """Choosing a new password from an e-mailed link: a person who had a password is told
    by e-mail that it changed (not someone setting their first one)."""

    def save(self, commit=True):
        had_password = self.user.has_usable_password()
        user = super().save(commit)
        if had_password:
            tell_password_changed(user)
        return user


class ApiTokenForm(forms.Form):
    """A personal API token: what it is for, how long it lasts, whether it may change things."""

    LIFETIMES = [(30, _("30 days")), (90, _("90 days")), (180, _("180 days")), (365, _("1 year"))]

    name = forms.CharField(
        label=_("What the token is for"),
        max_length=100,
        help_text=_("For example: the province's statistics office, monthly download."),
    )
    days = forms.TypedChoiceField(label=_("Valid for"), choices=LIFETIMES, coerce=int, initial=90)
    read_only = forms.BooleanField(
        label=_("Read only: the program may read but change nothing"),
        required=False,
        initial=True,
    )
