from django import template

from vstb import access

register = template.Library()


@register.filter
def manages_users(user) -> bool:
    """{% if user|manages_users %}: a secretariat or an administrator (access.users)."""
    return access.manages_users(user)
