from django.contrib.auth import views as auth_views
from django.db import transaction
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _

from vstb.access import authenticated, public
from vstb.accounts.forms import LoginForm, PasswordChangeForm, SetPasswordForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    # A sign-in writes its session, its record (accounts.sessions), the lockout's reset, the
    # last sign-in time and the audit entries: in one transaction, so that they are kept
    # together and the database flushes its log once, not five to seven times, while a
    # deadline morning's officers sign in at once (issue 14). Showing the form reads nothing.
    @method_decorator(transaction.atomic)
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


login = public(LoginView.as_view())
logout = public(auth_views.LogoutView.as_view())


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    template_name = "accounts/form_page.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


password_change = authenticated(PasswordChangeView.as_view())
password_change_done = authenticated(
    auth_views.PasswordChangeDoneView.as_view(template_name="accounts/message_page.html")
)
password_reset = public(
    auth_views.PasswordResetView.as_view(
        template_name="accounts/form_page.html",
        extra_context={"title": _("Reset your password")},
        email_template_name="accounts/password_reset_email.txt",
        subject_template_name="accounts/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password_reset_done"),
    )
)
password_reset_done = public(
    auth_views.PasswordResetDoneView.as_view(
        template_name="accounts/message_page.html", extra_context={"title": _("Check your e-mail")}
    )
)
password_reset_confirm = public(
    auth_views.PasswordResetConfirmView.as_view(
        form_class=SetPasswordForm,
        template_name="accounts/form_page.html",
        extra_context={"title": _("Choose a new password")},
        success_url=reverse_lazy("accounts:password_reset_complete"),
    )
)
password_reset_complete = public(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/message_page.html", extra_context={"title": _("Password set")}
    )
)
