from django.urls import path

from vstb.accounts import views, views_sessions, views_tokens, views_two_factor, views_users

app_name = "accounts"
urlpatterns = [
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("password/", views.password_change, name="password_change"),
    path("password/done/", views.password_change_done, name="password_change_done"),
    path("password/reset/", views.password_reset, name="password_reset"),
    path("password/reset/sent/", views.password_reset_done, name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("password/reset/complete/", views.password_reset_complete, name="password_reset_complete"),
    path("security/", views_two_factor.security, name="security"),
    path("two-factor/", views_two_factor.verify, name="two_factor_verify"),
    path("two-factor/setup/", views_two_factor.setup, name="two_factor_setup"),
    path("two-factor/off/", views_two_factor.disable, name="two_factor_disable"),
    path("two-factor/codes/", views_two_factor.new_codes, name="two_factor_codes"),
    path("two-factor/reset/<int:pk>/", views_two_factor.reset, name="two_factor_reset"),
    path("people/", views_users.user_list, name="user_list"),
    path("people/new/", views_users.user_create, name="user_create"),
    path("people/<int:pk>/", views_users.user_detail, name="user_detail"),
    path("people/<int:pk>/active/", views_users.user_active, name="user_active"),
    path("people/<int:pk>/invite/", views_users.user_invite, name="user_invite"),
    path("people/roles/<int:pk>/end/", views_users.role_end, name="role_end"),
    path("sessions/", views_sessions.session_list, name="sessions"),
    path("api-tokens/", views_tokens.token_list, name="api_tokens"),
    path("api-tokens/<int:pk>/revoke/", views_tokens.token_revoke, name="api_token_revoke"),
    path("sessions/sign-out-others/", views_sessions.sign_out_others, name="sign_out_others"),
]
