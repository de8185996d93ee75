from django.urls import path

from palermo.accounts.views import administration, login, onboarding, own_account, password_reset

app_name = "accounts"
urlpatterns = [
    path("login/", login.login_view, name="login"),
    path("login/verify/", login.login_verify, name="login_verify"),
    path("logout/", login.logout_view, name="logout"),
    path("confirm-password/", login.confirm_password, name="confirm_password"),
    path("password-reset/", password_reset.PasswordResetRequest.as_view(), name="password_reset"),
    path("password-reset/sent/", password_reset.PasswordResetSent.as_view(), name="password_reset_sent"),
    path(
        "password-reset/<uidb64>/<token>/",
        password_reset.PasswordResetConfirm.as_view(),
        name="password_reset_confirm",
    ),
    path("activate/<str:token>/", onboarding.activate, name="activate"),
    path("two-factor/", onboarding.two_factor_setup, name="two_factor_setup"),
    path("profile/", own_account.my_account, name="profile"),
    path("profile/password/", own_account.password_change, name="password_change"),
    path("profile/language/", own_account.language, name="language"),
    path("profile/authenticators/new/", own_account.device_add, name="device_add"),
    path("profile/authenticators/<int:pk>/remove/", own_account.device_remove, name="device_remove"),
    path("users/", administration.user_list, name="users"),
    path("users/invite/", administration.user_invite, name="invite"),
    path("users/<int:pk>/", administration.user_detail, name="user"),
    path("users/<int:pk>/role/", administration.user_change_role, name="change_role"),
    path("users/<int:pk>/<slug:action>/", administration.user_action, name="user_action"),
    path("organisations/new/", administration.organisation_add, name="organisation_add"),
    path("audit-log/", administration.audit_log, name="audit_log"),
]
