from rest_framework import serializers

from palermo.register.models import Article, Declaration, Instrument, Participation, Party


class ParticipationSerializer(serializers.ModelSerializer):
    instrument = serializers.CharField(source="instrument_id")
    party = serializers.CharField(source="party_id")

    class Meta:
        model = Participation
        fields = [
            "party",
            "instrument",
            "signature",
            "consent",
            "consent_kind",
            "entry_into_force",
            "as_of",
            "source",
        ]


class PartySerializer(serializers.ModelSerializer):
    regional_group = serializers.CharField(allow_null=True, source="regional_group_or_none")
    url = serializers.HyperlinkedIdentityField(view_name="api:party-detail", lookup_field="code")

    class Meta:
        model = Party
        fields = ["code", "url", "name", "names", "kind", "un_member", "regional_group"]


class PartyDetailSerializer(PartySerializer):
    participation = ParticipationSerializer(many=True, read_only=True)
    declarations = serializers.SerializerMethodField()

    class Meta(PartySerializer.Meta):
        fields = [*PartySerializer.Meta.fields, "participation", "declarations"]

    def get_declarations(self, party) -> list[dict]:
        return DeclarationSerializer(party.declarations.all(), many=True).data


class DeclarationSerializer(serializers.ModelSerializer):
    party = serializers.CharField(source="party_id")
    instrument = serializers.CharField(source="instrument_id")

    class Meta:
        model = Declaration
        fields = [
            "id",
            "party",
            "instrument",
            "kind",
            "article",
            "date",
            "text",
            "uses_convention_as_legal_basis",
            "source",
            "is_demo",
        ]


class ArticleSerializer(serializers.ModelSerializer):
    class Meta:
        model = Article
        fields = ["number", "title", "chapter", "chapter_title", "text"]


class InstrumentSerializer(serializers.ModelSerializer):
    parent = serializers.CharField(source="parent_id", allow_null=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:instrument-detail", lookup_field="code")

    class Meta:
        model = Instrument
        fields = [
            "code",
            "url",
            "title",
            "short_title",
            "parent",
            "adopted",
            "entry_into_force",
            "untc_chapter",
        ]


class InstrumentDetailSerializer(InstrumentSerializer):
    articles = ArticleSerializer(many=True, read_only=True)

    class Meta(InstrumentSerializer.Meta):
        fields = [*InstrumentSerializer.Meta.fields, "preamble", "articles", "closing", "source"]
