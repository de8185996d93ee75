"""Palermo settings: one module, driven by environment variables and the installation's settings file
`<data folder>/palermo.env` (the environment wins over the file, the file over the defaults; see
docs/configuration.md and palermo/installation.py)."""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from palermo import installation

# What the installation's settings file gives (read below, once the data folder is known).
FILE_SETTINGS: dict[str, str] = {}


def _lookup(name: str) -> str | None:
    """NAME from the environment; when it is unset or empty there, from the settings file."""
    return os.environ.get(name) or FILE_SETTINGS.get(name)


def env_str(name: str, default: str = "") -> str:
    """A string from NAME, or from the file named by NAME_FILE (for secrets mounted as files)."""
    file_name = _lookup(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return _lookup(name) or default


def env_bool(name: str, default: bool = False) -> bool:
    value = _lookup(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = _lookup(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc


PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent.parent
DATA_DIR = installation.data_dir()
SETTINGS_FILE = installation.settings_file(DATA_DIR)
FILE_SETTINGS.update(installation.read_settings_file(SETTINGS_FILE))
NODE_MODULES_DIR = Path(env_str("PALERMO_NODE_MODULES", str(REPO_DIR / "node_modules"))).resolve()

# Demo mode: a local, single-user-machine set-up with demo accounts. Never on a public server.
DEMO_MODE = env_bool("PALERMO_DEMO")
DEBUG = env_bool("PALERMO_DEBUG", default=False)


def _secret_key() -> str:
    key = env_str("PALERMO_SECRET_KEY")
    if key:
        return key
    if not DEMO_MODE:
        where = "it does not set it" if SETTINGS_FILE.exists() else "there is no such file"
        raise ImproperlyConfigured(
            "PALERMO_SECRET_KEY (or PALERMO_SECRET_KEY_FILE) is not set, neither in the environment nor in "
            f"the settings file {SETTINGS_FILE} ({where}). For a local demo, run `palermo demo` (it writes "
            "that file); for an installation, `palermo init` writes it with a new secret key. If the "
            "installation's data folder is elsewhere, set PALERMO_DATA_DIR (docs/configuration.md)."
        )
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = [h for h in env_str("PALERMO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in env_str("PALERMO_CSRF_TRUSTED_ORIGINS").split(",") if o]
SITE_URL = env_str("PALERMO_SITE_URL", "http://127.0.0.1:8000")
# The licence of the open data (API, downloads), shown on the API page and in the OpenAPI schema.
DATA_LICENCE = env_str("PALERMO_DATA_LICENCE", "CC BY 4.0")
DATA_LICENCE_URL = env_str("PALERMO_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "rules.apps.AutodiscoverRulesConfig",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served by the app (no CDN): /api/docs/
    "palermo.core",
    "palermo.accounts",
    "palermo.register",
    "palermo.knowledge",
    "palermo.review",
    "palermo.cooperation",
    "palermo.conference",
    "palermo.networks",
    "palermo.api",
]

MIDDLEWARE = [
    "palermo.core.middleware.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "palermo.core.middleware.ContentSecurityPolicyMiddleware",
    "palermo.core.uploads.RequestSizeMiddleware",  # before anything reads the body
    "palermo.core.middleware.RejectNullCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "palermo.accounts.middleware.RequireTwoFactorMiddleware",
    "palermo.accounts.sign_in.SignInToSeeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "palermo.core.middleware.ExplainMethodNotAllowedMiddleware",
]

ROOT_URLCONF = "palermo.urls"
CSRF_FAILURE_VIEW = "palermo.core.views.csrf_failure"
WSGI_APPLICATION = "palermo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "palermo.core.context_processors.palermo",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'palermo.sqlite3'}"),
        conn_max_age=env_int("PALERMO_DB_CONN_MAX_AGE", 0),
    )
}
# auto_vacuum takes effect in a new file only (an older one is converted by the search index's next rebuild)
SQLITE_INIT = "PRAGMA auto_vacuum=INCREMENTAL; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "init_command": SQLITE_INIT}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Accounts and security
INVITATION_VALID_DAYS = env_int("PALERMO_INVITATION_VALID_DAYS", 10)
# Background jobs: a running job without a heartbeat for this long was abandoned (its worker was killed) and
# is taken again from its checkpoint (docs/architecture.md, "Background jobs").
JOBS_STALE_SECONDS = env_int("PALERMO_JOBS_STALE_SECONDS", 30)
# The largest file imported into an investigation (FtM JSON lines, CSV or XLSX), in megabytes.
NETWORKS_IMPORT_MAX_BYTES = env_int("PALERMO_NETWORKS_IMPORT_MAX_MB", 2048) * 1024 * 1024
# The exchange rates that following the money converts amounts with: a CSV of date,currency,rate (units of
# the reporting currency per unit, e.g. the ECB's euro reference rates). Empty: Palermo's illustrative table
# of invented rates (networks/data/rates/demo-rates.csv), labelled so wherever a converted amount is shown.
NETWORKS_RATES_FILE = env_str("PALERMO_NETWORKS_RATES_FILE", "")
LOGIN_FAILURE_LIMIT = env_int("PALERMO_LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_WINDOW_MINUTES = env_int("PALERMO_LOGIN_FAILURE_WINDOW_MINUTES", 15)
LOGIN_LOCKOUT_MAX_MINUTES = env_int("PALERMO_LOGIN_LOCKOUT_MAX_MINUTES", 24 * 60)
REAUTHENTICATION_MINUTES = env_int("PALERMO_REAUTHENTICATION_MINUTES", 10)
# How many reverse proxies in front of the app append to X-Forwarded-For (0: the app faces the clients).
TRUSTED_PROXIES = env_int("PALERMO_TRUSTED_PROXIES", 0)
OTP_TOTP_ISSUER = "Palermo"

SECURE_HTTPS = env_bool("PALERMO_HTTPS", default=not DEMO_MODE)
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("PALERMO_SESSION_HOURS", 8) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if SECURE_HTTPS:
    SECURE_SSL_REDIRECT = env_bool("PALERMO_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("PALERMO_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("PALERMO_HSTS_PRELOAD")
# HSTS preloading is a commitment for the whole domain: an operator's choice (PALERMO_HSTS_PRELOAD), not a defect.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

EMAIL_BACKEND = env_str(
    "PALERMO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEMO_MODE
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("PALERMO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("PALERMO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("PALERMO_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_str("PALERMO_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("PALERMO_EMAIL_TLS")
DEFAULT_FROM_EMAIL = env_str("PALERMO_FROM_EMAIL", "palermo@localhost")

# Languages: the six official languages of the United Nations.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["palermo.formats"]
TIME_ZONE = "UTC"

# Uploaded files (PDF attachments) live in the data folder and are served only through views that check
# permissions: there is deliberately no MEDIA_URL route.
MEDIA_ROOT = DATA_DIR / "media"
MAX_ATTACHMENT_BYTES = env_int("PALERMO_MAX_ATTACHMENT_MB", 20) * 1024 * 1024
# The open-data file is rewritten beside the requests (knowledge/domain/open_data.py); tests write it inline.
OPEN_DATA_IN_BACKGROUND = True
FILE_UPLOAD_PERMISSIONS = 0o640
# A request larger than its view accepts is refused before its body is read (palermo.core.uploads: a form
# DATA_UPLOAD_MAX_MEMORY_SIZE, an upload its file's limit plus 1 MB); a file above 1 MB is streamed to a
# temporary file, never held in memory. The proxy's body limit matches (docs/deployment.md).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # 2.5 MB, Django's default
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [
    ("vendor/htmx", NODE_MODULES_DIR / "htmx.org" / "dist"),
    ("vendor/world-atlas", NODE_MODULES_DIR / "world-atlas"),
]
# Single files of npm packages that ship more than the app serves (palermo.core.vendor_files): the link chart's
# Cytoscape.js and its force-directed layout (fCoSE, which needs cose-base and layout-base).
VENDOR_FILES = {
    "vendor/cytoscape/cytoscape.min.js": NODE_MODULES_DIR / "cytoscape" / "dist" / "cytoscape.min.js",
    "vendor/layout-base/layout-base.js": NODE_MODULES_DIR / "layout-base" / "layout-base.js",
    "vendor/cose-base/cose-base.js": NODE_MODULES_DIR / "cose-base" / "cose-base.js",
    "vendor/cytoscape-fcose/cytoscape-fcose.js": NODE_MODULES_DIR / "cytoscape-fcose" / "cytoscape-fcose.js",
}
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "palermo.core.vendor_files.VendorFilesFinder",
]
WHITENOISE_USE_FINDERS = DEMO_MODE or DEBUG
if WHITENOISE_USE_FINDERS:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # served from the finders; WhiteNoise wants the folder
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not (DEMO_MODE or DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "palermo.api.catalogue.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PARSER_CLASSES": [
        "palermo.api.inputs.SafeJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "palermo.api.inputs.BoundedPagination",
    "PAGE_SIZE": 100,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Palermo API",
    "DESCRIPTION": "Open data of the register of the UN Convention against Transnational Organized Crime "
    "and its Protocols.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "LICENSE": {"name": DATA_LICENCE, "url": DATA_LICENCE_URL},
    "ENUM_NAME_OVERRIDES": {
        "PartyKindEnum": "palermo.register.models.parties.Party.Kind",
        "DeclarationKindEnum": "palermo.register.models.declarations.Declaration.Kind",
        "RecordKindEnum": "palermo.knowledge.models.records.RecordKind",
        "CurationStateEnum": "palermo.knowledge.models.records.CurationState",
        "DocumentKindEnum": "palermo.review.models.steps.DocumentKind",
        "DocumentStateEnum": "palermo.review.models.steps.DocumentState",
        "AuthorityKindEnum": "palermo.cooperation.models.authorities.AuthorityKind",
        "RequestKindEnum": "palermo.cooperation.models.requests.RequestKind",
        "SourceKindEnum": "palermo.networks.models.entities.SourceKind",
        "UploadKindEnum": ["ftm_lines", "mapping"],
        "SourceStateEnum": "palermo.networks.models.entities.SourceState",
        "MemberRoleEnum": "palermo.networks.models.investigations.MemberRole",
        "VerdictEnum": "palermo.networks.models.resolution.Verdict",
        "RequestStateEnum": "palermo.cooperation.models.requests.RequestState",
        "QuestionnaireStateEnum": "palermo.conference.models.questionnaires.QuestionnaireState",
        "ReplyStateEnum": "palermo.conference.models.questionnaires.ReplyState",
        "AnswerKindEnum": "palermo.conference.models.questionnaires.AnswerKind",
        "RecipientsEnum": "palermo.conference.models.questionnaires.Recipients",
        "ChannelEnum": "palermo.cooperation.models.authorities.Channel",
        "ConferenceDocumentKindEnum": "palermo.conference.models.meetings.DocumentKind",
        "ConferenceDecisionKindEnum": "palermo.conference.models.decisions.DecisionKind",
        "ConferenceBodyEnum": "palermo.conference.models.meetings.Body",
        "AddresseeEnum": "palermo.conference.models.decisions.Addressee",
        "FollowUpStatusEnum": "palermo.conference.models.decisions.FollowUpStatus",
        "AssistanceKindEnum": "palermo.review.models.answers.AssistanceKind",
        "AssistanceProviderEnum": "palermo.conference.models.assistance.Provider",
        "RegionalGroupEnum": "palermo.register.models.parties.RegionalGroup",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("PALERMO_LOG_LEVEL", "WARNING")},
}
