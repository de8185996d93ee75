"""The upload form of an investigation's sources: FtM JSON lines, or a CSV/XLSX table with an FtM mapping
(YAML, uploaded or pasted). The import itself checks the file (domain.imports.start_import)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from palermo.networks.ftm.mapping import MAX_MAPPING_BYTES
from palermo.networks.models import SourceKind

UPLOAD_KINDS = [
    (SourceKind.FTM_LINES.value, SourceKind.FTM_LINES.label),
    (SourceKind.MAPPING.value, SourceKind.MAPPING.label),
]
MAPPING_EXAMPLE = """people:
  entities:
    person:
      schema: Person
      keys: [id]
      properties:
        name: {column: full_name}
        birthDate: {column: dob}
        nationality: {column: nationality}"""


class SourceUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of file"),
        choices=UPLOAD_KINDS,
        widget=forms.RadioSelect,
        initial=SourceKind.FTM_LINES.value,
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("FtM JSON lines (.json, .jsonl, .ftm.json), or a table (.csv, .xlsx) with a mapping."),
    )
    mapping_file = forms.FileField(
        label=_("Mapping file (YAML)"), required=False, help_text=_("For a table: the FtM mapping as a file…")
    )
    mapping_text = forms.CharField(
        label=_("Mapping (YAML)"),
        required=False,
        max_length=MAX_MAPPING_BYTES,
        help_text=_("…or pasted here."),
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false", "class": "code", "dir": "ltr"}),
    )

    def clean(self):
        cleaned = super().clean()
        mapping = cleaned.get("mapping_text", "")
        upload = cleaned.get("mapping_file")
        if upload is not None:
            if upload.size > MAX_MAPPING_BYTES:
                self.add_error(
                    "mapping_file",
                    _("A mapping is at most %(size)s KB.") % {"size": MAX_MAPPING_BYTES // 1024},
                )
                return cleaned
            try:
                mapping = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                self.add_error("mapping_file", _("The mapping must be a UTF-8 text file."))
                return cleaned
        if cleaned.get("kind") == SourceKind.MAPPING and not mapping.strip():
            self.add_error("mapping_text", _("A table needs a mapping: upload it or paste it."))
        cleaned["mapping"] = mapping if cleaned.get("kind") == SourceKind.MAPPING else None
        return cleaned
