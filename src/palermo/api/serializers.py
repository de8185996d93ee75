from drf_spectacular.utils import extend_schema_field
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
            "languages",
            "source",
            "is_demo",
        ]


class ArticleText(serializers.Serializer):
    title = serializers.CharField()
    text = serializers.CharField()
    chapter_title = serializers.CharField(allow_null=True, help_text="null: not available in this language")


class InstrumentText(serializers.Serializer):
    title = serializers.CharField()
    preamble = serializers.CharField(
        allow_null=True, help_text='"": the instrument has none; null: not available in this language'
    )
    closing = serializers.CharField(allow_null=True)
    source = serializers.CharField()


class ArticleSerializer(serializers.ModelSerializer):
    texts = serializers.SerializerMethodField(
        help_text="The authentic texts Palermo holds, by language code (English, French, Spanish)"
    )

    class Meta:
        model = Article
        fields = ["number", "title", "chapter", "chapter_title", "text", "texts"]

    @extend_schema_field(serializers.DictField(child=ArticleText()))
    def get_texts(self, article) -> dict:
        english = {"title": article.title, "text": article.text, "chapter_title": article.chapter_title}
        return {
            "en": english,
            **{
                language: {
                    "title": article.titles.get(language, ""),
                    "text": text,
                    "chapter_title": article.chapter_titles.get(language) if article.chapter else "",
                }
                for language, text in sorted(article.texts.items())
            },
        }


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
    texts = serializers.SerializerMethodField(
        help_text="Title, preamble, closing and source of each authentic text Palermo holds, by language code"
    )

    class Meta(InstrumentSerializer.Meta):
        fields = [*InstrumentSerializer.Meta.fields, "preamble", "articles", "closing", "source", "texts"]

    @extend_schema_field(serializers.DictField(child=InstrumentText()))
    def get_texts(self, instrument) -> dict:
        english = {
            "title": instrument.title,
            "preamble": instrument.preamble,
            "closing": instrument.closing,
            "source": instrument.source,
        }
        return {
            "en": english,
            **{
                language: {
                    "title": instrument.titles.get(language) or instrument.title,
                    "preamble": instrument.preambles.get(language),
                    "closing": instrument.closings.get(language),
                    "source": source,
                }
                for language, source in sorted(instrument.sources.items())
            },
        }
