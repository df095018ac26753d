"""Davor's settings, read from the environment.

Nothing here needs editing to run Davor: ``DAVOR_DATA_DIR`` (default
``./var``) holds the SQLite database and the generated secret key,
``DATABASE_URL`` switches to PostgreSQL, ``EMAIL_URL`` configures mail.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from davor.lib.files import private_dir, private_write, sqlite_private

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = private_dir(Path(os.environ.get("DAVOR_DATA_DIR", BASE_DIR / "var")).resolve())


def _env_flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """The key from the environment, else one generated once into the data directory."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        private_write(path, secrets.token_urlsafe(50).encode())
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _env_flag("DAVOR_DEBUG")
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "simple_history",
    "ninja",  # only for its bundled Swagger UI (static files): the API docs work offline
    "davor.users",
    "davor.customers",
    "davor.orders",
    "davor.agenda",
    "davor.pipeline",
    "davor.calls",
    "davor.search",
    "davor.telephony",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "davor.lib.bounds.InputBoundsMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "davor.users.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "davor.urls"
WSGI_APPLICATION = "davor.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
            ],
            "builtins": ["django.templatetags.i18n", "davor.lib.template_filters"],
        },
    },
]

_SQLITE_OPTIONS = {
    # WAL lets readers go on while a wrap-up is written; IMMEDIATE takes the
    # write lock at BEGIN so two writers queue instead of failing mid-transaction.
    # A 64 MB page cache per connection (SQLite's default is 2 MB) keeps the
    # search index and the rows a search joins in memory.
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536;"
    ),
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'davor.sqlite3'}"),
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = _SQLITE_OPTIONS
    if str(DATABASES["default"]["NAME"]) not in {"", ":memory:"}:
        # Created 0600 before SQLite opens it, so that its -wal and -shm files are 0600 too.
        sqlite_private(Path(DATABASES["default"]["NAME"]))
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    # Davor's tables are read from memory or SSD. PostgreSQL's default random_page_cost (4, for
    # spinning disks) makes the planner walk 20,000 customers for a name that the full-text index
    # finds in a millisecond. An ``options`` in DATABASE_URL's query string takes precedence.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c random_page_cost=1.1")
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "users.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "today"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Berlin")
USE_I18N = True
FORMAT_MODULE_PATH = ["davor.formats"]  # British English dates and times (see davor/formats)
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Serve straight from the app and project folders: no collectstatic step to forget.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = _env_flag("DAVOR_HTTPS")
CSRF_COOKIE_SECURE = _env_flag("DAVOR_HTTPS")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
}


def _mailers(url: str) -> dict:
    """``EMAIL_URL`` as Django's MAILERS setting.

    ``smtp://user:pass@host:587?tls=1`` (STARTTLS), ``smtps://…`` (TLS from the
    start), ``?timeout=`` in seconds (default 10, so that a dead server fails
    a sending quickly), ``console://`` prints mail instead of sending it. The
    backend is Django's SMTP backend that also keeps the server's answer.
    """
    parts = urlsplit(url)
    query = {name: values[-1] for name, values in parse_qs(parts.query).items()}
    if parts.scheme == "console":
        return {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
    if parts.scheme not in {"smtp", "smtps"}:
        raise ValueError(f"EMAIL_URL must start with smtp://, smtps:// or console://, not {parts.scheme}://")
    use_ssl = parts.scheme == "smtps"
    use_tls = not use_ssl and query.get("tls", "0").lower() in {"1", "true", "yes", "on"}
    options = {
        "host": parts.hostname or "localhost",
        "port": parts.port or (465 if use_ssl else 587 if use_tls else 25),
        "username": unquote(parts.username or ""),
        "password": unquote(parts.password or ""),
        "use_tls": use_tls,
        "use_ssl": use_ssl,
        "timeout": float(query.get("timeout", "10")),
    }
    return {"default": {"BACKEND": "davor.orders.mailer.EmailBackend", "OPTIONS": options}}


MAILERS = _mailers(os.environ.get("EMAIL_URL", "smtp://localhost:25"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "davor@localhost")
# Faxes go out as e-mail to <number>@<this domain>, the way e-mail-to-fax gateways take them.
DAVOR_FAX_GATEWAY_DOMAIN = os.environ.get("DAVOR_FAX_GATEWAY_DOMAIN", "").strip()

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_secrets": {"()": "davor.lib.logs.RedactSecrets"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_secrets"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        # Where request paths are logged: the record is cleaned before any handler sees it.
        "django.request": {"filters": ["redact_secrets"]},
        "django.server": {"filters": ["redact_secrets"]},
    },
}

# How many of a customer's calls the customer page's timeline shows.
DAVOR_BRIEFING_CALLS = 20

# Agenda: background work, reminders, calendars and care messages (davor/agenda).
INSTALLED_APPS += ["django_tasks_db"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
DAVOR_BUDGET_CALL_WEEKS = int(os.environ.get("DAVOR_BUDGET_CALL_WEEKS", "4"))
DAVOR_DIGEST_HOUR = int(os.environ.get("DAVOR_DIGEST_HOUR", "7"))
# An appointment agreed without a duration goes into calendars with this one (a zero-length event is lost).
DAVOR_DEFAULT_APPOINTMENT_MINUTES = int(os.environ.get("DAVOR_DEFAULT_APPOINTMENT_MINUTES", "60"))
DAVOR_BASE_URL = os.environ.get("DAVOR_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
DAVOR_SMS_URL = os.environ.get("DAVOR_SMS_URL", "")
DAVOR_SMS_TOKEN = os.environ.get("DAVOR_SMS_TOKEN", "")
# Hosts (names or addresses) Davor may connect to although they resolve to a loopback, private,
# link-local or reserved address: a calendar server or SMS gateway inside the office network.
DAVOR_OUTBOUND_ALLOW_HOSTS = [
    h.strip() for h in os.environ.get("DAVOR_OUTBOUND_ALLOW_HOSTS", "").split(",") if h.strip()
]

# Trust (issue 7): login throttling, cookies, proxies.
# django-axes counts failed sign-ins per user name *and* address, so that a
# colleague's typos do not lock the whole office behind one NAT address.
INSTALLED_APPS += ["axes"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]  # last: it turns a lockout into the lockout page
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("DAVOR_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DAVOR_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "davor.users.views.locked_out"
AXES_VERBOSE = False
# Cookies: never readable by scripts (htmx sends the CSRF token from the page,
# not from the cookie), not sent on cross-site posts, HTTPS-only with DAVOR_HTTPS.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "davor_session"
# Behind a reverse proxy that terminates TLS, Django sees plain HTTP; trust the
# proxy's X-Forwarded-Proto (and its X-Forwarded-For for axes and the audit log)
# only when told that such a proxy is the only way in — otherwise a client could forge them.
if _env_flag("DAVOR_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    AXES_IPWARE_PROXY_COUNT = 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
if _env_flag("DAVOR_HTTPS"):
    SECURE_SSL_REDIRECT = _env_flag("DAVOR_SSL_REDIRECT")
    SECURE_HSTS_SECONDS = int(os.environ.get("DAVOR_HSTS_SECONDS", "0"))
DAVOR_IMPORT_DIR = DATA_DIR / "imports"
# The most rows one import file may hold: a larger file is refused with a message saying so (split it).
DAVOR_IMPORT_MAX_ROWS = int(os.environ.get("DAVOR_IMPORT_MAX_ROWS", "20000"))
