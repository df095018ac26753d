from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Team(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    class Role(models.TextChoices):
        SELLER = "seller", _("Seller")
        MANAGER = "manager", _("Sales manager")
        ADMIN = "admin", _("Administrator")

    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.SELLER)
    team = models.ForeignKey(
        Team, verbose_name=_("team"), null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    language = models.CharField(
        _("language"), max_length=5, choices=[("de", "Deutsch"), ("en", "English")], default="de"
    )
    phone_extension = models.CharField(_("phone extension"), max_length=20, blank=True)
    # Caller ID as a desktop notification too (the browser asks for permission once); off until the user asks.
    desktop_notifications = models.BooleanField(_("desktop notification when the phone rings"), default=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def is_manager(self) -> bool:
        return self.role in (self.Role.MANAGER, self.Role.ADMIN) or self.is_superuser

    @property
    def initials(self) -> str:
        parts = [p for p in (self.first_name, self.last_name) if p]
        return "".join(p[0] for p in parts).upper() or self.username[:2].upper()


class ApiToken(models.Model):
    """A personal API token: the secret is shown once, only its SHA-256 is kept.

    A token acts as its user, with that user's permissions and nothing more.
    """

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12, help_text=_("The first characters, to recognise a token."))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class AuditEvent(models.Model):
    """Who did what, when, from where: sign-ins, exports, imports, erasures, permission changes.

    ``details`` holds counts, formats and field names, never the personal data
    itself: the log must survive an erasure without undoing it.
    """

    class Action(models.TextChoices):
        LOGIN = "login", _("Signed in")
        LOGIN_FAILED = "login_failed", _("Sign-in failed")
        EXPORT = "export", _("Export")
        IMPORT = "import", _("Import")
        PERSONAL_DATA_EXPORT = "gdpr_export", _("Personal data export")
        ERASURE = "erasure", _("Erasure")
        PERMISSION_CHANGE = "permissions", _("Permission change")
        BACKUP = "backup", _("Backup")
        RESTORE = "restore", _("Restore")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        User, verbose_name=_("who"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The name typed at a failed sign-in, which may belong to no user.
    username = models.CharField(_("user name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=50, blank=True)
    object_id = models.CharField(_("object id"), max_length=50, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"
