from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "palermo.networks"
    label = "networks"
    verbose_name = "Networks"

    def ready(self) -> None:
        import palermo.networks.ftm.model  # noqa: F401  (FtM with Palermo's extension, before anything uses FtM)
        from palermo.networks import audit, rules  # noqa: F401  (permissions and audit wording)

        audit.register()
