"""Settings shared by every environment; values that differ come from the environment."""

import datetime
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "cms",
    "courses",
    "credits",
    "learners",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtailmedia",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django_filters",
    "axes",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "academy.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

X_FRAME_OPTIONS = "DENY"  # Wagtail's preview marks its own responses SAMEORIGIN.

ROOT_URLCONF = "academy.urls"
WSGI_APPLICATION = "academy.wsgi.application"
ASGI_APPLICATION = "academy.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "learners.context_processors.capacities",
            ],
        },
    },
]

# SQLite file by default so that one command runs the site; PostgreSQL in production.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "academy",
        }
    }
    # Sessions read from Redis and survive a Redis restart through the database.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # Per-process memory: fine for one process; set REDIS_URL when running several.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Seconds an anonymous catalogue page is served from the cache; publishing bumps the version.
ACADEMY_PAGE_CACHE_SECONDS = int(os.environ.get("ACADEMY_PAGE_CACHE_SECONDS", "300"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "learners.auth.CredentialBackend",
]
# Sign-in throttling keys on the account together with the address, never on the address alone:
# a whole plant signs in from one address. The account is the same however its name is typed.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "learners.auth.lockout_username"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "learners.auth.lockout_response"
AXES_VERBOSE = False

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Certificate scans and roster files: outside MEDIA_ROOT, so no web server ever serves them directly.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Evidence files with personal data; never under MEDIA_URL.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Serve uploaded files from Django itself (development and tests; production uses a web server or object storage).
ACADEMY_SERVE_MEDIA = env_bool("ACADEMY_SERVE_MEDIA", DEBUG)

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "吉林省企业安全生产网络学院"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Uploads: an allow-list of types and a size cap for every kind of file editors upload.
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Decompression-bomb guard: an image may not declare more pixels than this.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "pptx", "xlsx", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "courses.uploads.CheckedDocumentForm"
WAGTAILMEDIA = {
    "MEDIA_FORM_BASE": "courses.uploads.CheckedMediaForm",
    "AUDIO_EXTENSIONS": ["mp3", "m4a"],
    "VIDEO_EXTENSIONS": ["mp4", "webm"],
}
ACADEMY_MEDIA_MAX_UPLOAD_BYTES = int(os.environ.get("ACADEMY_MEDIA_MAX_UPLOAD_BYTES", str(500 * 1024 * 1024)))

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "academy.api.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "academy.paginator.Pagination",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_THROTTLE_RATES": {},
    "EXCEPTION_HANDLER": "academy.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "吉林省企业安全生产网络学院 API",
    "DESCRIPTION": "The academy's catalogue, people, study and credits.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Only the academy's own API; Wagtail's internal admin API is not a public contract.
    "PREPROCESSING_HOOKS": ["academy.api.public_endpoints_only"],
    # One name per vocabulary in the schema, wherever it is used.
    "ENUM_NAME_OVERRIDES": {
        "Role": "learners.choices.Role",
        "Prefecture": "learners.choices.Prefecture",
        "Industry": "learners.choices.Industry",
        "CertificateKind": "learners.models.CertificateKind",
        "AssessmentKind": "learners.models.AssessmentKind",
        "CertificateStatus": "learners.lifelong_file.selectors.CertificateStatus",
        "RosterImportStatus": "learners.models.RosterImportStatus",
        "LessonKind": "courses.models.LessonKind",
        "StudySource": "credits.models.StudySource",
        "EmploymentType": "learners.models.EmploymentType",
        "EnrolmentSource": "courses.enrolments.models.EnrolmentSource",
        "RecognitionKind": "credits.models.RecognitionKind",
        "RecognitionStatus": "credits.recognition.services.RecognitionStatus",
        "VerdictStatus": "credits.compliance.verdicts.Status",
        "VerdictMissing": "credits.compliance.verdicts.Missing",
        "RequirementKind": "credits.models.RequirementKind",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "jieba": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# Evidence files (certificate scans, sign-in sheets) and roster uploads.
ACADEMY_EVIDENCE_MAX_UPLOAD_BYTES = int(
    os.environ.get("ACADEMY_EVIDENCE_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024))
)
ACADEMY_ROSTER_MAX_UPLOAD_BYTES = int(
    os.environ.get("ACADEMY_ROSTER_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024))
)
ACADEMY_ROSTER_MAX_ROWS = int(os.environ.get("ACADEMY_ROSTER_MAX_ROWS", "20000"))

# Study time (see README, "The study heartbeat protocol"). Class hours and the daily limit are the
# conversion standard's, which authority staff edit in the admin (`credits.ConversionStandard`).
ACADEMY_HEARTBEAT_SECONDS = int(os.environ.get("ACADEMY_HEARTBEAT_SECONDS", "30"))
# The "still there?" check (在线确认): on lessons of at least PRESENCE_CHECK_MIN_LESSON_MINUTES, at a random
# moment between PRESENCE_CHECK_MIN and _MAX minutes after the last check the learner is asked to press a
# button; without an answer within PRESENCE_CHECK_ANSWER_SECONDS crediting stops until they answer.
ACADEMY_PRESENCE_CHECK = env_bool("ACADEMY_PRESENCE_CHECK", True)
ACADEMY_PRESENCE_CHECK_MIN_LESSON_MINUTES = int(
    os.environ.get("ACADEMY_PRESENCE_CHECK_MIN_LESSON_MINUTES", "10")
)
ACADEMY_PRESENCE_CHECK_MIN_MINUTES = float(os.environ.get("ACADEMY_PRESENCE_CHECK_MIN_MINUTES", "8"))
ACADEMY_PRESENCE_CHECK_MAX_MINUTES = float(os.environ.get("ACADEMY_PRESENCE_CHECK_MAX_MINUTES", "20"))
ACADEMY_PRESENCE_CHECK_ANSWER_SECONDS = int(os.environ.get("ACADEMY_PRESENCE_CHECK_ANSWER_SECONDS", "60"))
