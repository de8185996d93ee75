"""Investigations through the API, with the same rules as the pages (the domain functions decide): the
caller's investigations, opening one, its members and its shares with other authorities. Everything of
an investigation is 404 for everyone who is not a member of it — the secretariat included."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from palermo.api.inputs import body
from palermo.cooperation.models import Authority
from palermo.cooperation.rules import authority_of
from palermo.networks.domain import investigations as domain
from palermo.networks.models import Investigation, MemberRole, Membership, Share
from palermo.networks.queries import investigations_visible_to
from palermo.networks.rules import is_investigator
from palermo.networks.views.access import investigation_or_404

Problem = inline_serializer("NetworksProblem", {"detail": serializers.CharField()})


class InvestigationSerializer(serializers.ModelSerializer):
    authority = serializers.IntegerField(source="authority_id")
    state = serializers.CharField(source="authority.party_id")

    class Meta:
        model = Investigation
        fields = [
            "id",
            "title",
            "reference",
            "summary",
            "authority",
            "state",
            "hit_notices",
            "is_demo",
            "created_at",
        ]


class InvestigationBody(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    reference = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    summary = serializers.CharField(max_length=20_000, required=False, allow_blank=True, default="")
    hit_notices = serializers.BooleanField(required=False, default=True)


class MembershipSerializer(serializers.ModelSerializer):
    user = serializers.IntegerField(source="user_id")
    name = serializers.SerializerMethodField()
    authority = serializers.SerializerMethodField()

    class Meta:
        model = Membership
        fields = ["id", "user", "name", "authority", "role", "added_at"]

    def get_name(self, membership) -> str:
        return membership.user.get_full_name() or membership.user.email

    def get_authority(self, membership) -> int | None:
        authority = authority_of(membership.user)
        return authority.pk if authority else None


class MemberBody(serializers.Serializer):
    user = serializers.IntegerField(min_value=1)
    role = serializers.ChoiceField(choices=MemberRole.choices)


class RoleBody(serializers.Serializer):
    role = serializers.ChoiceField(choices=MemberRole.choices)


class ShareSerializer(serializers.ModelSerializer):
    authority = serializers.IntegerField(source="authority_id")
    active = serializers.SerializerMethodField()

    class Meta:
        model = Share
        fields = ["id", "authority", "note", "shared_at", "revoked_at", "active"]

    def get_active(self, share) -> bool:
        return share.revoked_at is None


class ShareBody(serializers.Serializer):
    authority = serializers.IntegerField(min_value=1)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


def _refused(problem: Exception) -> Response:
    return Response({"detail": str(problem)}, status=status.HTTP_400_BAD_REQUEST)


class InvestigationsView(APIView):
    @extend_schema(responses=InvestigationSerializer(many=True), description="The caller's investigations.")
    def get(self, request):
        if authority_of(request.user) is None or not is_investigator(request.user):
            raise Http404
        found = investigations_visible_to(request.user).order_by("-created_at", "-pk")
        return Response(InvestigationSerializer(found, many=True).data)

    @extend_schema(
        request=InvestigationBody,
        responses={201: InvestigationSerializer, 400: OpenApiResponse(Problem)},
        description="Open an investigation of the caller's authority; the caller becomes its lead.",
    )
    def post(self, request):
        if not request.user.has_perm("networks.create_investigation"):
            raise Http404
        data = body(InvestigationBody, request)
        investigation = domain.create_investigation(user=request.user, request=request, **data)
        return Response(InvestigationSerializer(investigation).data, status=status.HTTP_201_CREATED)


class InvestigationView(APIView):
    @extend_schema(responses=InvestigationSerializer)
    def get(self, request, pk: int):
        return Response(InvestigationSerializer(investigation_or_404(request.user, pk)).data)

    @extend_schema(
        request=InvestigationBody, responses={200: InvestigationSerializer, 400: OpenApiResponse(Problem)}
    )
    def put(self, request, pk: int):
        investigation = investigation_or_404(request.user, pk, "networks.lead_investigation")
        data = body(InvestigationBody, request)
        domain.update_investigation(investigation=investigation, user=request.user, request=request, **data)
        return Response(InvestigationSerializer(investigation).data)


class MembersView(APIView):
    @extend_schema(responses=MembershipSerializer(many=True))
    def get(self, request, pk: int):
        investigation = investigation_or_404(request.user, pk)
        memberships = investigation.memberships.select_related("user__organisation__authority")
        return Response(MembershipSerializer(memberships, many=True).data)

    @extend_schema(request=MemberBody, responses={201: MembershipSerializer, 400: OpenApiResponse(Problem)})
    def post(self, request, pk: int):
        investigation = investigation_or_404(request.user, pk, "networks.lead_investigation")
        data = body(MemberBody, request)
        member = domain.eligible_users(investigation).filter(pk=data["user"]).first()
        if member is None:
            return _refused(domain.InvestigationError(domain.not_eligible_message()))
        membership = domain.add_member(
            investigation=investigation, user=request.user, member=member, role=data["role"], request=request
        )
        return Response(MembershipSerializer(membership).data, status=status.HTTP_201_CREATED)


class MemberView(APIView):
    def _membership(self, request, pk: int, membership_id: int):
        investigation = investigation_or_404(request.user, pk, "networks.lead_investigation")
        return get_object_or_404(investigation.memberships.select_related("user"), pk=membership_id)

    @extend_schema(request=RoleBody, responses={200: MembershipSerializer, 400: OpenApiResponse(Problem)})
    def patch(self, request, pk: int, membership_id: int):
        membership = self._membership(request, pk, membership_id)
        data = body(RoleBody, request)
        try:
            domain.change_role(membership=membership, user=request.user, role=data["role"], request=request)
        except domain.InvestigationError as problem:
            return _refused(problem)
        return Response(MembershipSerializer(membership).data)

    @extend_schema(request=None, responses={204: None, 400: OpenApiResponse(Problem)})
    def delete(self, request, pk: int, membership_id: int):
        membership = self._membership(request, pk, membership_id)
        try:
            domain.remove_member(membership=membership, user=request.user, request=request)
        except domain.InvestigationError as problem:
            return _refused(problem)
        return Response(status=status.HTTP_204_NO_CONTENT)


class SharesView(APIView):
    @extend_schema(responses=ShareSerializer(many=True))
    def get(self, request, pk: int):
        investigation = investigation_or_404(request.user, pk)
        return Response(ShareSerializer(investigation.shares.all(), many=True).data)

    @extend_schema(request=ShareBody, responses={201: ShareSerializer, 400: OpenApiResponse(Problem)})
    def post(self, request, pk: int):
        investigation = investigation_or_404(request.user, pk, "networks.lead_investigation")
        data = body(ShareBody, request)
        authority = Authority.objects.filter(pk=data["authority"], organisation__isnull=False).first()
        if authority is None:
            return Response(
                {"authority": [domain.no_such_authority_message()]}, status=status.HTTP_400_BAD_REQUEST
            )
        try:
            share = domain.share_investigation(
                investigation=investigation,
                user=request.user,
                authority=authority,
                note=data["note"],
                request=request,
            )
        except domain.InvestigationError as problem:
            return _refused(problem)
        return Response(ShareSerializer(share).data, status=status.HTTP_201_CREATED)


class ShareRevokeView(APIView):
    @extend_schema(request=None, responses={200: ShareSerializer, 400: OpenApiResponse(Problem)})
    def post(self, request, pk: int, share_id: int):
        investigation = investigation_or_404(request.user, pk, "networks.lead_investigation")
        share = get_object_or_404(investigation.shares.all(), pk=share_id)
        try:
            domain.revoke_share(share=share, user=request.user, request=request)
        except domain.InvestigationError as problem:
            return _refused(problem)
        return Response(ShareSerializer(share).data)


urlpatterns = [
    path("investigations/", InvestigationsView.as_view(), name="networks-investigations"),
    path("investigations/<int:pk>/", InvestigationView.as_view(), name="networks-investigation"),
    path("investigations/<int:pk>/members/", MembersView.as_view(), name="networks-members"),
    path(
        "investigations/<int:pk>/members/<int:membership_id>/", MemberView.as_view(), name="networks-member"
    ),
    path("investigations/<int:pk>/shares/", SharesView.as_view(), name="networks-shares"),
    path(
        "investigations/<int:pk>/shares/<int:share_id>/revoke/",
        ShareRevokeView.as_view(),
        name="networks-share-revoke",
    ),
]
