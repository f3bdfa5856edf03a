"""Two-factor pages: the code at sign-in, enrolment with a QR code, the account's security
page, and an administrator's reset of a lost phone."""

import base64

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from vstb.access import authenticated
from vstb.access.sign_in import can_reset_second_factor, second_factor_required
from vstb.accounts import two_factor
from vstb.accounts.models import RecoveryCode

SETUP_DEVICE = "vstb_setup_device"
FAILURES = "vstb_second_factor_failures"
# Wrong codes a session may send before it is signed out (then the password again, which
# counts towards the lockout).
MAX_FAILURES = 5


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=gettext_lazy(
            "The 6 digits your authenticator app shows now, or one of your recovery codes."
        ),
    )


def _next(request) -> str:
    target = request.GET.get("next") or request.POST.get("next") or "/"
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


@authenticated
def verify(request):
    """The second step of signing in."""
    if request.user.is_verified() or not two_factor.has_second_factor(request.user):
        return redirect(_next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.verify(request, form.cleaned_data["code"]):
            request.session.pop(FAILURES, None)
            return redirect(_next(request))
        failures = request.session.get(FAILURES, 0) + 1
        if failures >= MAX_FAILURES:
            logout(request)
            messages.error(request, _("Too many wrong codes. Sign in again with your password."))
            return redirect("accounts:login")
        request.session[FAILURES] = failures
        form.add_error(
            "code", _("This code is not right, or has expired. Type the code your app shows now.")
        )
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next(request)}
    )


@authenticated
def setup(request):
    """Enrolment: scan the QR code, type the first code, keep the recovery codes."""
    device = TOTPDevice.objects.filter(
        user=request.user, confirmed=False, pk=request.session.get(SETUP_DEVICE)
    ).first()
    if device is None:
        device = two_factor.new_device(request.user)
        request.session[SETUP_DEVICE] = device.pk
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm(request, device, "".join(form.cleaned_data["code"].split()))
        if codes is not None:
            request.session.pop(SETUP_DEVICE, None)
            return render(
                request, "accounts/two_factor_codes.html", {"codes": codes, "next": _next(request)}
            )
        form.add_error(
            "code",
            _(
                "This code is not right. Check the phone's time and type the code the app shows now."
            ),
        )
    context = {
        "form": form,
        "qr": segno.make(device.config_url, error="m").svg_inline(
            scale=4, dark="#000", light="#fff"
        ),
        "secret": base64.b32encode(device.bin_key).decode(),
        "required": second_factor_required(request.user),
        "next": _next(request),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@authenticated
def security(request):
    """The account's security: the second factor, its recovery codes, the sessions."""
    user = request.user
    context = {
        "enrolled": two_factor.has_second_factor(user),
        "required": second_factor_required(user),
        "codes_left": RecoveryCode.objects.filter(user=user, used_at__isnull=True).count(),
        "form": CodeForm(),
    }
    return render(request, "accounts/security.html", context)


@authenticated
@require_POST
def disable(request):
    if second_factor_required(request.user):
        raise PermissionDenied(_("Your role requires a second factor: it cannot be turned off."))
    form = CodeForm(request.POST)
    if form.is_valid() and two_factor.verify(request, form.cleaned_data["code"]):
        two_factor.remove(request, request.user)
        messages.success(request, _("The second factor has been turned off."))
    else:
        messages.error(request, _("The code is not right: the second factor stays on."))
    return redirect("accounts:security")


@authenticated
@require_POST
def new_codes(request):
    form = CodeForm(request.POST)
    if not (form.is_valid() and two_factor.verify(request, form.cleaned_data["code"])):
        messages.error(request, _("The code is not right: your recovery codes are unchanged."))
        return redirect("accounts:security")
    codes = two_factor.new_recovery_codes(request.user)
    return render(request, "accounts/two_factor_codes.html", {"codes": codes, "next": "/"})


@authenticated
def reset(request, pk):
    """An administrator removes the second factor of someone who lost their phone; they set
    up a new one at their next sign-in."""
    other = get_user_model().objects.filter(pk=pk).first()
    if other is None or not can_reset_second_factor(request.user, other):
        raise Http404
    if request.method == "POST":
        two_factor.remove(request, other)
        messages.success(
            request,
            _(
                "The second factor of %(user)s has been removed. They will set up a new one at their next sign-in."
            )
            % {"user": other},
        )
        return redirect("accounts:security")
    return render(request, "accounts/two_factor_reset.html", {"other": other})
