"""A static files finder for single files of npm packages: the link chart needs four scripts from
packages that also ship demos, tests and sources, which the app must not serve or collect."""

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage


class VendorFilesFinder(BaseFinder):
    """Finds the files of settings.VENDOR_FILES: {static path: file under node_modules}."""

    def _storage(self, static_path: str) -> tuple[FileSystemStorage, str]:
        source = settings.VENDOR_FILES[static_path]
        storage = FileSystemStorage(location=str(source.parent))
        storage.prefix = static_path.rsplit("/", 1)[0]  # type: ignore[attr-defined]  (collectstatic reads it)
        return storage, source.name

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        source = settings.VENDOR_FILES.get(path)
        if source is None or not source.is_file():
            return [] if find_all else None
        return [str(source)] if find_all else str(source)

    def list(self, ignore_patterns):
        for static_path, source in settings.VENDOR_FILES.items():
            if source.is_file():
                storage, name = self._storage(static_path)
                yield name, storage
