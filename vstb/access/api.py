"""Programs that use the API (issue 18): a personal token stands for its owner, with the
owner's roles as they are at each request and never more; a read-only token changes nothing."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from vstb.access._types import AnyUser
from vstb.accounts.models import ApiToken


def program_token(secret: str) -> ApiToken | None:
    """The token a program presents, if it still lets it in: not revoked, not expired, its
    owner active. Roles are not copied into the token: each request reads the owner's roles
    in force, so a role ended in the browser ends at once for the owner's programs too."""
    return ApiToken.find(secret)


def require_writing_token(token: ApiToken | None) -> None:
    """A change through the API needs a token that may write (on top of the owner's rights,
    which the object's own rule checks)."""
    if token is None or token.read_only:
        raise PermissionDenied


def api_tokens_of(user: AnyUser) -> Any:
    """A person's own tokens: nobody else sees them, administrators included (they revoke a
    person's access by deactivating the account)."""
    return (
        ApiToken.objects.filter(user_id=user.pk)
        if user.is_authenticated
        else ApiToken.objects.none()
    )


def get_api_token_for_user(user: AnyUser, pk: int) -> ApiToken:
    token = api_tokens_of(user).filter(pk=pk).first()
    if token is None:
        raise Http404
    return token
