"""People manage their own people (issue 11, item 10): a secretariat's pages for the accounts
at its unit and below; the rules are access.users."""

from django import forms
from django.contrib import messages
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from vstb import access
from vstb.access import authenticated
from vstb.accounts import services
from vstb.accounts.models import Role, User
from vstb.lib.pagination import paginate
from vstb.lib.search import search_words
from vstb.notifications.services import site_url
from vstb.org.forms import DateField
from vstb.org.models import Agency


class RoleForm(forms.Form):
    unit = forms.ModelChoiceField(label=gettext_lazy("Unit"), queryset=None)
    kind = forms.ChoiceField(label=gettext_lazy("Role"))
    agency = forms.ModelChoiceField(
        label=gettext_lazy("Agency (for a focal point)"), queryset=None, required=False
    )
    valid_to = DateField(label=gettext_lazy("Ends on (optional)"), required=False)

    def __init__(self, *args, manager, **kwargs):
        super().__init__(*args, **kwargs)
        self.manager = manager
        units = access.units_to_grant_at(manager).filter(valid_to__isnull=True)
        self.fields["unit"].queryset = units.order_by("level", "name")
        self.fields["kind"].choices = access.kinds_to_grant(manager)
        self.fields["agency"].queryset = Agency.objects.filter(unit__in=units, active=True)

    def clean(self):
        cleaned = super().clean()
        unit, kind = cleaned.get("unit"), cleaned.get("kind")
        if unit is not None and kind and not access.can_grant(self.manager, unit, kind):
            raise forms.ValidationError(
                _("You can give roles only at your unit and the units below it.")
            )
        agency = cleaned.get("agency")
        if kind == "focal_point" and agency is None:
            self.add_error("agency", _("Choose the agency this focal point works for."))
        if agency is not None and unit is not None and agency.unit_id != unit.pk:
            self.add_error("agency", _("The agency must belong to the role's unit."))
        return cleaned

    def give(self, user: User) -> Role:
        data = self.cleaned_data
        return services.give_role(
            user, data["unit"], data["kind"], data.get("agency"), data.get("valid_to")
        )


class NewUserForm(RoleForm):
    full_name = forms.CharField(label=gettext_lazy("Full name"), max_length=150)
    email = forms.EmailField(label=gettext_lazy("E-mail (the invitation is sent there)"))
    username = forms.RegexField(
        label=gettext_lazy("User name"),
        regex=r"^[\w.@+-]{3,150}$",
        error_messages={
            "invalid": gettext_lazy("Use 3 or more letters, digits or . @ + - _ without spaces.")
        },
    )

    field_order = ["full_name", "email", "username", "unit", "kind", "agency", "valid_to"]

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This user name is taken. Choose another."))
        return username


def invite(request, user: User) -> None:
    """E-mail the person a link to choose their password (valid as long as a reset link)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = site_url() + reverse("accounts:password_reset_confirm", args=[uid, token])
    body = render_to_string(
        "accounts/invitation_email.txt", {"user": user, "link": link, "by": request.user}
    )
    transaction.on_commit(lambda: send_mail(_("Your VSTB account"), body, None, [user.email]))


@authenticated
def user_list(request):
    if not access.manages_users(request.user):
        raise PermissionDenied
    users = access.users_visible_to(request.user).order_by("full_name", "username")
    query = request.GET.get("q", "")
    for word in search_words(query):
        users = users.filter(
            Q(full_name__icontains=word) | Q(username__icontains=word) | Q(email__icontains=word)
        )
    context = {"page_obj": paginate(request, users), "query": query}
    return render(request, "accounts/user_list.html", context)


@authenticated
def user_create(request):
    if not access.manages_users(request.user):
        raise PermissionDenied
    form = NewUserForm(request.POST or None, manager=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            data = form.cleaned_data
            user = services.create_person(data["username"], data["email"], data["full_name"])
            form.give(user)
            invite(request, user)
        messages.success(
            request,
            _("The account has been created and the invitation sent to %(email)s.")
            % {"email": user.email},
        )
        return redirect("accounts:user_detail", pk=user.pk)
    return render(request, "accounts/user_form.html", {"form": form})


@authenticated
def user_detail(request, pk):
    other = access.get_user_for_manager(request.user, pk)
    form = RoleForm(request.POST or None, manager=request.user)
    if request.method == "POST" and form.is_valid():
        form.give(other)
        messages.success(request, _("The role has been given."))
        return redirect("accounts:user_detail", pk=other.pk)
    context = {
        "other": other,
        "roles": other.roles.select_related("unit", "agency").order_by("unit__path"),
        "form": form,
        "can_change": access.can_change_account(request.user, other),
    }
    return render(request, "accounts/user_detail.html", context)


@authenticated
@require_POST
def role_end(request, pk):
    role = access.get_role_for_manager(request.user, pk)
    services.end_role(role)
    messages.success(request, _("The role has ended today."))
    return redirect("accounts:user_detail", pk=role.user_id)


@authenticated
@require_POST
def user_active(request, pk):
    other = access.get_user_for_manager(request.user, pk, write=True)
    other.is_active = not other.is_active
    other.save(update_fields=["is_active"])
    if other.is_active:
        messages.success(request, _("The account can sign in again."))
    else:
        messages.success(request, _("The account has been deactivated: it can no longer sign in."))
    return redirect("accounts:user_detail", pk=other.pk)


@authenticated
@require_POST
def user_invite(request, pk):
    other = access.get_user_for_manager(request.user, pk, write=True)
    invite(request, other)
    messages.success(
        request, _("The invitation has been sent again to %(email)s.") % {"email": other.email}
    )
    return redirect("accounts:user_detail", pk=other.pk)
