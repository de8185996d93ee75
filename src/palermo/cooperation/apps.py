from django.apps import AppConfig


class CooperationConfig(AppConfig):
    name = "palermo.cooperation"
    label = "cooperation"
    verbose_name = "International cooperation"

    def ready(self) -> None:
        from palermo.cooperation import audit

        audit.register()
