import pytest
from django.urls import reverse

from davor.users.audit import audit_record
from davor.users.models import AuditEvent, User


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR="10.0.0.7")


def test_it_records_sign_ins_and_failures(client, owner):
    _login(client, "alice", "wrong")
    assert _login(client, "alice", "password").status_code == 302
    failed, ok = AuditEvent.objects.order_by("pk")
    assert (failed.action, failed.user, failed.ip) == ("login_failed", owner, "10.0.0.7")
    assert (ok.action, ok.user) == ("login", owner)


def test_axes_locks_out_after_five_failures(client, owner):
    for _ in range(5):
        _login(client, "alice", "wrong")
    response = _login(client, "alice", "password")  # the right password no longer helps
    assert response.status_code == 429
    assert "15" in response.text and ("Zu viele" in response.text or "Too many" in response.text)
    assert "_auth_user_id" not in client.session
    # Another address is not locked: the colleague behind another line can still sign in.
    ok = client.post(reverse("login"), {"username": "alice", "password": "password"}, REMOTE_ADDR="10.0.0.8")
    assert ok.status_code == 302


def test_the_audit_page_is_for_managers_and_scoped_to_the_team(client, owner, manager, outsider):
    audit_record(action="export", user=owner, details={"format": "csv"})
    audit_record(action="export", user=outsider, details={"format": "json"})
    client.force_login(manager)
    page = client.get(reverse("audit")).text
    assert "alice" in page and "charlie" not in page
    client.force_login(owner)
    assert client.get(reverse("audit")).status_code == 403
    admin = User.objects.create_user(username="root", password="x", role="admin")
    client.force_login(admin)
    page = client.get(reverse("audit")).text
    assert "alice" in page and "charlie" in page


@pytest.mark.django_db
def test_a_role_change_in_the_back_office_is_audited(client, owner, team):
    admin = User.objects.create_superuser(username="root", password="x")
    client.force_login(admin)
    url = reverse("admin:users_user_change", args=[owner.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update(
        username="alice", role="manager", team=team.pk, language="de", date_joined_0="2026-01-01",
        date_joined_1="10:00:00", password=owner.password, is_active="on",
    )  # fmt: skip
    data.pop("last_login", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = AuditEvent.objects.get(action="permissions")
    assert (event.user, event.object_id, event.details["role"]) == (admin, str(owner.pk), "manager")
    assert "role" in event.details["changed"]


def test_the_audit_page_words_the_details_in_the_readers_language(client, owner, manager):
    audit_record(
        action="export", user=owner, object_type="customer", details={"format": "xlsx", "customers": 61, "via": "cli"}
    )
    audit_record(action="permissions", user=owner, details={"changed": ["role"], "role": "manager", "created": False})
    manager.language = "de"
    manager.save(update_fields=["language"])
    client.force_login(manager)

    page = client.get(reverse("audit")).text

    assert "Format: Excel (XLSX), Kunden: 61, über: Kommandozeile" in page
    assert "Rolle: Vertriebsleitung" in page or "Rolle: Leitung" in page
    assert "neuer Benutzer: nein" in page
    assert "format: xlsx" not in page and "via: cli" not in page
