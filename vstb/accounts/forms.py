from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "The user name or password is not right. Check them and try again; "
            "after 5 failed attempts the account is locked for 30 minutes."
        ),
        "inactive": _("This account has been disabled. Ask your system administrator."),
    }
