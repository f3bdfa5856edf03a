from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from vstb.access import public
from vstb.core.views import hand_over, health, home
from vstb.indicators.views import public_indicators
from vstb.indicators.views_public import public_document, public_index

admin.site.site_header = "VSTB"

urlpatterns = [
    path("", home, name="home"),
    path("health/", health, name="health"),
    path("units/<int:pk>/hand-over/", hand_over, name="reform"),
    path("accounts/", include("vstb.accounts.urls")),
    path("units/", include("vstb.org.urls")),
    path("plans/", include("vstb.plans.urls")),
    path("activities/", include("vstb.activities.urls")),
    path("indicators/", include("vstb.indicators.urls")),
    path("public/", public_index, name="public_index"),
    path("public/indicators/<str:key>/", public_indicators, name="public_indicators"),
    path("public/documents/<int:pk>/", public_document, name="public_document"),
    path("reporting/", include("vstb.reporting.urls")),
    path("documents/", include("vstb.issuing.urls")),
    path("reviews/", include("vstb.reviews.urls")),
    path("meetings/", include("vstb.meetings.urls")),
    path("budget/", include("vstb.budget.urls")),
    path("leaders/", include("vstb.leaders.urls")),
    path("inspections/", include("vstb.inspections.urls")),
    path("commendations/", include("vstb.commendations.urls")),
    path("notifications/", include("vstb.notifications.urls")),
    path("cases/", include("vstb.cases.urls")),
    path("history/", include("vstb.audit.urls")),
    path("language/", public(set_language), name="set_language"),
    path("api/v1/", include("vstb.api.urls", namespace="api")),
    path("admin/", admin.site.urls),
]
