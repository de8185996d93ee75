from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "palermo.register"
    label = "register"
    verbose_name = "Register"
