"""Types shared by the access modules."""

from django.contrib.auth.models import AnonymousUser

from vstb.accounts.models import User

# Whoever makes a request: a person signed in, or nobody.
AnyUser = User | AnonymousUser
