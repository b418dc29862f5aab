"""Configuration comes from the environment; each check runs a fresh interpreter."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = (
    "import json, django; django.setup(); from django.conf import settings; "
    "print(json.dumps({'engine': settings.DATABASES['default']['ENGINE'], "
    "'name': str(settings.DATABASES['default']['NAME']), "
    "'cache': settings.CACHES['default']['BACKEND'], 'debug': settings.DEBUG, "
    "'hosts': settings.ALLOWED_HOSTS}))"
)


def settings_with(module: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG"}
    }
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": module, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_default_database_is_a_sqlite_file_and_the_cache_is_in_memory():
    result = json.loads(settings_with("academy.settings.dev").stdout)
    assert result["engine"] == "django.db.backends.sqlite3"
    assert result["name"].endswith("db.sqlite3")
    assert result["cache"].endswith("LocMemCache")
    assert result["debug"] is True


def test_database_url_and_redis_url_select_postgresql_and_redis():
    result = json.loads(
        settings_with(
            "academy.settings.dev",
            DATABASE_URL="postgres://academy:secret@db.example:5432/academy",
            REDIS_URL="redis://cache.example:6379/1",
        ).stdout
    )
    assert result["engine"] == "django.db.backends.postgresql"
    assert result["name"] == "academy"
    assert result["cache"] == "django.core.cache.backends.redis.RedisCache"


def test_production_refuses_to_start_without_a_secret_key():
    result = settings_with("academy.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_reads_debug_off_and_allowed_hosts_from_the_environment():
    result = json.loads(
        settings_with(
            "academy.settings.production", SECRET_KEY="x" * 50, ALLOWED_HOSTS="academy.jl.gov.cn", DEBUG="1"
        ).stdout
    )
    assert result["debug"] is False
    assert result["hosts"] == ["academy.jl.gov.cn"]


def test_the_benchmark_settings_load_with_every_storage_the_models_need():
    result = settings_with("tests.benchmarks.settings")
    assert result.returncode == 0, result.stderr


def test_every_dotted_path_the_settings_name_imports():
    """Settings name code by dotted path (middleware, backends, form bases, the schema's enum names); a
    module that moved leaves a path that only fails when it is used, or as a warning of `check --deploy`."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    paths = [
        *settings.MIDDLEWARE,
        *settings.AUTHENTICATION_BACKENDS,
        settings.WAGTAILDOCS_DOCUMENT_FORM_BASE,
        settings.WAGTAILMEDIA["MEDIA_FORM_BASE"],
        *settings.SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"].values(),
        *settings.SPECTACULAR_SETTINGS["PREPROCESSING_HOOKS"],
        *(
            processor
            for template in settings.TEMPLATES
            for processor in template["OPTIONS"].get("context_processors", [])
        ),
    ]
    unimportable = []
    for path in paths:
        try:
            import_string(path)
        except ImportError:
            unimportable.append(path)
    assert unimportable == []
