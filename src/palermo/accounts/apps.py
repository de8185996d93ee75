from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "palermo.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from palermo.accounts import security_events  # noqa: F401  (connects the auth signals)
