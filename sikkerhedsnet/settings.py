"""Settings for Sikkerhedsnet. Everything deployment-specific comes from the environment."""

import os
from pathlib import Path

import dj_database_url

from sikkerhedsnet.policy import _overrides_from_environment, build_policy

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("SIKKERHEDSNET_VAR_DIR", PROJECT_DIR / "var"))

DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"
SECRET_KEY = os.environ.get(
    "DJANGO_SECRET_KEY", "insecure-development-key-only-for-the-demo-and-tests"
)
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "sikkerhedsnet.core",
    "sikkerhedsnet.people",
    "sikkerhedsnet.audit",
    "sikkerhedsnet.post",
    "sikkerhedsnet.safetynet",
    "sikkerhedsnet.screening",
    "sikkerhedsnet.intake",
    "sikkerhedsnet.collaboration",
    "sikkerhedsnet.cases",
    "sikkerhedsnet.measures",
    "sikkerhedsnet.casework",
    "sikkerhedsnet.imports",
    "sikkerhedsnet.synth",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The UI language: the user's choice, else Danish; never the browser's (people/middleware.py).
    "sikkerhedsnet.people.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    # After login: a new or reset password is changed before anything else (people/middleware.py).
    "sikkerhedsnet.people.middleware.PasswordChangeRequiredMiddleware",
]

ROOT_URLCONF = "sikkerhedsnet.urls"
WSGI_APPLICATION = "sikkerhedsnet.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The letters' shared base (lib is no app, so its templates are listed here).
        "DIRS": [BASE_DIR / "lib" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sikkerhedsnet.core.context_processors.navigation",
            ],
        },
    },
]

DEFAULT_SQLITE = f"sqlite:///{VAR_DIR / 'sikkerhedsnet.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", DEFAULT_SQLITE))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer writes; IMMEDIATE avoids "database is locked"
    # surprises when two requests upgrade a read transaction to a write at the same time.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("SQLITE_TEST_NAME", "")}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The safety-net rules are short queries whose correlated subqueries the planner costs high;
    # JIT compiling them took longer than running them (all rules at 150,000 children: 1.07 s
    # with JIT, 0.51 s without).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2 hashes new passwords; the PBKDF2 hashers stay so that existing hashes still verify, and
# Django re-hashes them with Argon2 at the next login. (Tests use a fast hasher: conftest.py.)
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

POLICY_AT_STARTUP = build_policy(_overrides_from_environment())

# Idle timeout: the session expires after the policy's idle minutes without a request.
SESSION_COOKIE_AGE = POLICY_AT_STARTUP.session_idle_minutes * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

AXES_FAILURE_LIMIT = POLICY_AT_STARTUP.login_failure_limit
AXES_COOLOFF_TIME = POLICY_AT_STARTUP.login_lockout_minutes / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_SENSITIVE_PARAMETERS = ["password"]
AXES_VERBOSE = False

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("SIKKERHEDSNET_STATIC_ROOT", PROJECT_DIR / "static_root"))
NODE_MODULES = PROJECT_DIR / "node_modules"
STATICFILES_DIRS = [
    ("dkfds", NODE_MODULES / "dkfds" / "dist"),
    ("htmx", NODE_MODULES / "htmx.org" / "dist"),
    # Charts: Vega-Lite specs built with altair, drawn by vega-embed without eval (ast: true).
    ("vega", NODE_MODULES / "vega" / "build"),
    ("vega-lite", NODE_MODULES / "vega-lite" / "build"),
    ("vega-embed", NODE_MODULES / "vega-embed" / "build"),
    # The API's documentation page (/api/docs) draws Swagger UI from here, not from a CDN.
    ("swagger-ui", NODE_MODULES / "swagger-ui-dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Outgoing letters (sikkerhedsnet/post): the delivery channel, and where the demo's channel puts
# its Digital Post messages (MeMo XML). The sender is the municipality, by its CVR number; the
# demo's is made up. SIKKERHEDSNET_MEMO_XSD may name the official MeMo_Message.xsd to validate
# against instead of the subset the project carries.
SIKKERHEDSNET_POST_CHANNEL = os.environ.get(
    "SIKKERHEDSNET_POST_CHANNEL", "sikkerhedsnet.post.channels.MemoOutbox"
)
SIKKERHEDSNET_POST_OUTBOX = Path(os.environ.get("SIKKERHEDSNET_POST_OUTBOX", VAR_DIR / "outbox"))
SIKKERHEDSNET_MUNICIPALITY_CVR = os.environ.get("SIKKERHEDSNET_MUNICIPALITY_CVR", "11223344")
SIKKERHEDSNET_MUNICIPALITY_NAME = os.environ.get("SIKKERHEDSNET_MUNICIPALITY_NAME", "")
SIKKERHEDSNET_MEMO_XSD = os.environ.get("SIKKERHEDSNET_MEMO_XSD", "")

# The municipality's identity on every page (core/shell.py): its logo in the header (a static
# path or an address; empty: the name stands alone), its contact details in the footer, and the
# page on how personal data is handled (/persondata/). A key left out keeps its default.
SIKKERHEDSNET_MUNICIPALITY_LOGO = os.environ.get("SIKKERHEDSNET_MUNICIPALITY_LOGO", "")
SIKKERHEDSNET_MUNICIPALITY_CONTACT: dict[str, str] = {}
SIKKERHEDSNET_PRIVACY: dict[str, object] = {}
# The accessibility statement (/tilgaengelighed/), in the structure the Danish Agency for
# Digital Government asks for (lov om tilgængelighed af offentlige organers websteder og
# mobilapplikationer). The municipality overrides the defaults in core/shell.py.
SIKKERHEDSNET_ACCESSIBILITY: dict[str, object] = {}

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
IMPORT_MAX_BYTES = 20 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

SIKKERHEDSNET_POLICY: dict[str, object] = {}
