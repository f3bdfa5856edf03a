"""VSTB settings: one module, driven by environment variables (see README, "Configuration")."""

import secrets
from datetime import timedelta
from pathlib import Path

from vstb.lib.env import data_dir, database_from_url, envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = data_dir()

DEBUG = envbool("VSTB_DEBUG", False)
# Set by `vstb demo`: every page then says that its people and indicator figures are made up.
VSTB_DEMO = envbool("VSTB_DEMO", False)
# HTTPS-only cookies, HSTS and redirects are on wherever the site is not a local demo.
HTTPS = envbool("VSTB_HTTPS", not DEBUG)


def _secret_key() -> str:
    key = envstr("VSTB_SECRET_KEY")
    if key:
        return key
    # A single-host install keeps a generated key beside its data; several app processes on
    # several hosts must share one through VSTB_SECRET_KEY.
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = envlist("VSTB_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = envlist("VSTB_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    # The API (issue 18, decision 0023); its static files serve the schema's browsable page.
    "ninja",
    "vstb.core",
    "vstb.accounts",
    "vstb.org",
    "vstb.documents",
    "vstb.plans",
    "vstb.activities",
    "vstb.reporting",
    "vstb.issuing",
    "vstb.reviews",
    "vstb.meetings",
    "vstb.budget",
    "vstb.leaders",
    "vstb.inspections",
    "vstb.commendations",
    "vstb.indicators",
    "vstb.notifications",
    "vstb.cases",
    "vstb.audit",
    "vstb.api",
    "vstb.bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (no inline script) and Permissions-Policy on every response.
    "vstb.lib.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Vietnamese unless the user picked English: browsers' Accept-Language is ignored.
    "vstb.lib.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session passed the second factor.
    "django_otp.middleware.OTPMiddleware",
    # An account that has or needs a second factor reaches nothing else until it passes it.
    # Under /api/: the person is the owner of the request's API token, never a session.
    "vstb.api.middleware.ApiTokenMiddleware",
    "vstb.accounts.two_factor.SecondFactorMiddleware",
    # Who acts and from where, for the audit trail; refusals and downloads recorded.
    "vstb.audit.recorder.AuditMiddleware",
    # Too large a body is refused before anything reads it (413).
    "vstb.lib.middleware.RequestSizeLimitMiddleware",
    "vstb.accounts.middleware.IdleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Deny by default: a view that declares no access rule is refused (vstb/access/).
    "vstb.accounts.middleware.AccessRuleMiddleware",
    # Last, as django-axes requires, so that it sees the outcome of the login view.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vstb.urls"
WSGI_APPLICATION = "vstb.wsgi.application"

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
                "vstb.notifications.context.unread",
                "vstb.cases.context.menu",
                "vstb.core.context.demo",
            ],
            "builtins": ["vstb.lib.templatetags.vstb"],
        },
    }
]

DATABASES = {"default": database_from_url(envstr("DATABASE_URL"), DATA_DIR / "vstb.sqlite3")}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATA_DIR.mkdir(parents=True, exist_ok=True)  # the embedded database lives there
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # must come first: it refuses locked-out logins
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "vstb.accounts.hashers.Argon2PasswordHasher",  # argon2id at OWASP's cost (see the module)
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",  # reads older hashes, re-hashed on login
]
# The password policy (vstb/accounts/passwords.py): 12 characters or more, unlike the person's
# names, not a common password, not digits only, not only words tried first.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "vstb.accounts.passwords.ContextWordsValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout (vstb/accounts/lockout.py): 5 failed sign-ins for one user name from one address
# lock that name at that address for 30 minutes; VSTB_LOCKOUT_ADDRESS_FAILURES failures from
# one address, over all names, lock the address. A commune office shares one address behind
# NAT: the address limit is high enough for its clerks' typos, low enough to stop spraying.
AXES_FAILURE_LIMIT = envint("VSTB_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("VSTB_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = "vstb.accounts.lockout.parameters"
AXES_CLIENT_IP_CALLABLE = "vstb.accounts.lockout.client_address"
VSTB_LOCKOUT_ADDRESS_FAILURES = envint("VSTB_LOCKOUT_ADDRESS_FAILURES", 50)
# Two-factor sign-in (vstb/accounts/two_factor.py): required for system administrators and the
# roles listed here (the cases issue adds its case workers); optional for everyone else.
VSTB_SECOND_FACTOR_ROLES = envlist("VSTB_SECOND_FACTOR_ROLES", ["admin"])

# The case register (vstb/cases). Survivors' names, contacts and addresses are encrypted with
# keys kept outside the database (vstb/cases/crypto.py): the key file's JSON in
# VSTB_CASE_KEYS, or the key file, created on a single host that has none. Keep the key file
# on another disk than the database's backups, and back it up apart.
VSTB_CASE_KEYS = envstr("VSTB_CASE_KEYS")
VSTB_CASE_KEY_FILE = envstr("VSTB_CASE_KEY_FILE") or str(DATA_DIR / "case_keys.json")
# Figures of the case register shown above the commune: a count under this is suppressed.
VSTB_CASE_MIN_CELL = envint("VSTB_CASE_MIN_CELL", 5)
# How long a closed case is kept before `vstb case-retention` lists it for erasure (days).
# No retention period for these records is set by a text we have confirmed: a choice of
# each province, five years by default.
VSTB_CASE_RETENTION_DAYS = envint("VSTB_CASE_RETENTION_DAYS", 5 * 365)
OTP_TOTP_ISSUER = "VSTB"
# How many reverse proxies (nginx, a load balancer) stand in front of VSTB: their
# X-Forwarded-For gives the client's address. 0 when gunicorn faces the clients itself.
VSTB_TRUSTED_PROXIES = envint("VSTB_TRUSTED_PROXIES", 0)
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Sessions end after VSTB_IDLE_MINUTES without a request (60 by default): a request pushes
# the expiry forward, so only idleness ends a session. The session row is written at most
# once a minute (accounts.middleware.IdleSessionMiddleware), not on every request: on a
# deadline day that write was a share of every page's time.
SESSION_COOKIE_AGE = envint("VSTB_IDLE_MINUTES", 60) * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_TOUCH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# However active, a session ends this many hours after signing in (a working day and more).
VSTB_SESSION_MAX_HOURS = envint("VSTB_SESSION_MAX_HOURS", 12)
# Over HTTPS the cookies carry the __Host- prefix: the browser keeps them only when set over
# HTTPS for this exact host and path "/", so a neighbouring subdomain cannot plant one.
SESSION_COOKIE_NAME = "__Host-sessionid" if HTTPS else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if HTTPS else "csrftoken"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = HTTPS and envbool("VSTB_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True
# dd/mm/yyyy in both languages (vstb/formats/).
FORMAT_MODULE_PATH = ["vstb.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(envstr("VSTB_STATIC_ROOT") or DATA_DIR / "static")
STORAGES = {
    "default": {"BACKEND": "vstb.core.storage.SharedFileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and envbool("VSTB_MANIFEST_STATIC", True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploaded files live outside the web root and are served only through access-checked views.
# They are read and written only through Django's storage API (a test keeps it so): with
# several app hosts, VSTB_FILES_DIR is a filesystem they all mount (decision 0022).
MEDIA_ROOT = Path(envstr("VSTB_FILES_DIR") or DATA_DIR / "files")
# Or S3-compatible object storage every host reaches, when a bucket is named (decision 0022).
# Keys left empty are found by boto3 (AWS_ACCESS_KEY_ID, …, an instance's role). Objects stay
# private: no ACL is sent and no signed URL is made; the views read them through the storage.
if envstr("VSTB_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "vstb.core.storage_s3.SharedS3Storage",
        "OPTIONS": {
            "bucket_name": envstr("VSTB_S3_BUCKET"),
            "endpoint_url": envstr("VSTB_S3_ENDPOINT_URL") or None,
            "region_name": envstr("VSTB_S3_REGION") or None,
            "access_key": envstr("VSTB_S3_ACCESS_KEY") or None,
            "secret_key": envstr("VSTB_S3_SECRET_KEY") or None,
        },
    }
VSTB_EVIDENCE_MAX_MB = envint("VSTB_EVIDENCE_MAX_MB", 10)
VSTB_IMPORT_MAX_MB = envint("VSTB_IMPORT_MAX_MB", 20)
# Digital signatures (decision 0025): each issuing body's PKCS#12 certificate and its
# passphrase as units/<unit code>-<ubnd|committee>.p12 and .pass, the certification
# authorities it is checked against in trust/ (PEM or DER) and their revocation lists in crl/.
VSTB_SIGNING_DIR = Path(envstr("VSTB_SIGNING_DIR") or DATA_DIR / "signing")
# The largest request body accepted: the largest upload and its form around it.
VSTB_REQUEST_MAX_MB = envint(
    "VSTB_REQUEST_MAX_MB", max(VSTB_IMPORT_MAX_MB, VSTB_EVIDENCE_MAX_MB) + 1
)
# Uploads above 2.5 MB stream to a temporary file, never into memory; each file is cut off
# at VSTB_REQUEST_MAX_MB even when the request did not say its length.
FILE_UPLOAD_HANDLERS = ["vstb.lib.uploads.LimitedUploadHandler"]
# Small-cell suppression on public pages: a published report's count below this many (but
# above zero) shows as "fewer than N", never the number. In a ward, "2 victims of violence"
# or "1 woman director" can point to a person the neighbours know; statistical offices
# publish no cell under a threshold for that reason (5 is a usual choice; raise it for
# small units). Zero stays zero: it tells nothing about anyone.
VSTB_PUBLIC_MIN_CELL = envint("VSTB_PUBLIC_MIN_CELL", 5)

EMAIL_BACKEND = envstr("VSTB_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = envstr("VSTB_EMAIL_HOST", "localhost")
EMAIL_PORT = envint("VSTB_EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = envstr("VSTB_FROM_EMAIL", "VSTB <no-reply@vstb.local>")
# A mail server that does not answer holds a background job this long, not forever.
EMAIL_TIMEOUT = envint("VSTB_EMAIL_TIMEOUT", 30)

# Work off the request (docs/decisions/0019-background-work.md): jobs are rows in the database
# that `vstb worker` processes run; no broker. Every job finishes within VSTB_JOB_SECONDS; a
# job still "running" after that had its worker killed, and `vstb worker` runs it again.
TASKS = {
    "default": {
        "BACKEND": envstr("VSTB_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
VSTB_JOB_SECONDS = envint("VSTB_JOB_SECONDS", 600)
# Each worker writes a beat this often; one silent for VSTB_WORKER_SILENT_SECONDS has died
# and its running jobs go back to the queue (vstb/core/jobs.py).
VSTB_WORKER_BEAT_SECONDS = envint("VSTB_WORKER_BEAT_SECONDS", 5)
VSTB_WORKER_SILENT_SECONDS = envint("VSTB_WORKER_SILENT_SECONDS", 30)
# How much a worker lowers its scheduling priority (nice), so that conversions and OCR on a
# host that also serves pages wait for the page requests (0: as the web processes).
VSTB_WORKER_NICE = envint("VSTB_WORKER_NICE", 10)
# An issued plan's or document's PDF is made by the worker as soon as it is issued.
VSTB_PDF_WHEN_ISSUED = envbool("VSTB_PDF_WHEN_ISSUED", True)
# Kept PDFs older than this are deleted by `vstb prune-pdfs` (made again when next asked for).
VSTB_PDF_KEEP_DAYS = envint("VSTB_PDF_KEEP_DAYS", 30)
# Audit entries older than this are deleted by `vstb prune-audit`. Not a figure from a
# regulation (none found for this system's logs): five years, a plan cycle, unless set.
VSTB_AUDIT_RETENTION_DAYS = envint("VSTB_AUDIT_RETENTION_DAYS", 5 * 365)
# The address e-mails link to (reminders): the site as users reach it.
VSTB_SITE_URL = envstr("VSTB_SITE_URL", "http://127.0.0.1:8000")
# Webhooks to loopback, private and link-local addresses are refused, so that a unit cannot
# make the server call what sits behind it; on for a closed network whose systems have
# private addresses only (vstb/notifications/webhooks.py).
VSTB_WEBHOOK_ALLOW_PRIVATE = envbool("VSTB_WEBHOOK_ALLOW_PRIVATE", False)
# A webhook's log keeps its finished deliveries this long (older ones are removed when the
# webhook is next called). Not a figure from a regulation: a quarter and its reports.
VSTB_WEBHOOK_LOG_DAYS = envint("VSTB_WEBHOOK_LOG_DAYS", 90)
# The body a province's reports are addressed to at the national level (Unit.body_name):
# the National Committee for the Advancement of Women (Decision 114/2008/QĐ-TTg).
VSTB_NATIONAL_BODY = envstr(
    "VSTB_NATIONAL_BODY", "Ủy ban Quốc gia vì sự tiến bộ của phụ nữ Việt Nam"
)

# API (issue 18): requests a token may make in one minute, counted in the database so that
# every host shares the count; a program over it gets 429 with Retry-After.
VSTB_API_RATE_PER_MINUTE = envint("VSTB_API_RATE_PER_MINUTE", 600)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("VSTB_LOG_LEVEL", "WARNING")},
}
