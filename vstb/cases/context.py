"""The case register's entries in the top bar, for those who hold a case role."""

from django.utils.functional import SimpleLazyObject

from vstb import access


def menu(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def entries() -> dict:
        return {
            "register": access.opens_case_register(user),
            "report": access.records_cases(user),
            "referrals": access.receives_referrals(user),
        }

    return {"case_menu": SimpleLazyObject(entries)}
