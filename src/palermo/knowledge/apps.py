from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "palermo.knowledge"
    label = "knowledge"
    verbose_name = "Knowledge base"
