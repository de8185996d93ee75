from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "palermo.review"
    label = "review"
    verbose_name = "Review Mechanism"
