"""The caller's saved searches through the API: list, read, save and delete (the web page's rules; another
user's saved search is 404, an anonymous caller is refused)."""

from django.urls import reverse
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.response import Response

from palermo.knowledge.domain.saved import SavedSearchError, delete_saved_search, save_search
from palermo.knowledge.models import SavedSearch


class MaySaveSearches(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return request.user.has_perm("knowledge.save_search")


class SavedSearchSerializer(serializers.ModelSerializer):
    query = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="The search's parameters as a URL query string, e.g. q=smuggling&group=AFRICAN",
    )
    search = serializers.SerializerMethodField(help_text="The search in the API")
    feed = serializers.SerializerMethodField(help_text="Atom feed of new published records it finds")

    class Meta:
        model = SavedSearch
        fields = ["id", "name", "query", "created", "search", "feed"]
        read_only_fields = ["id", "created"]

    def _url(self, name: str, saved) -> str:
        return self.context["request"].build_absolute_uri(reverse(name) + "?" + saved.query)

    def get_search(self, saved) -> str:
        return self._url("api:search", saved)

    def get_feed(self, saved) -> str:
        return self._url("knowledge:feed", saved)


class SavedSearchViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    """The caller's saved searches (signed in). POST {name, query} saves one: 400 with the reason when the
    name is empty or taken or a parameter is invalid."""

    serializer_class = SavedSearchSerializer
    permission_classes = [MaySaveSearches]
    pagination_class = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the OpenAPI schema is being generated
            return SavedSearch.objects.none()
        return SavedSearch.objects.filter(owner=self.request.user)

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            saved = save_search(
                user=request.user,
                name=serializer.validated_data["name"],
                query=serializer.validated_data.get("query", ""),
                request=request,
            )
        except SavedSearchError as problem:
            return Response({"detail": str(problem)}, status=status.HTTP_400_BAD_REQUEST)
        return Response(self.get_serializer(saved).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        delete_saved_search(user=self.request.user, saved=instance, request=self.request)
