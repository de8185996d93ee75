from django.apps import AppConfig


class ConferenceConfig(AppConfig):
    name = "palermo.conference"
    label = "conference"
    verbose_name = "Conference of the Parties"

    def ready(self) -> None:
        from palermo.conference import audit, rules  # noqa: F401 (rules: registers the permissions)

        audit.register()
