"""The user's own settings: desktop notifications for caller ID."""

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from davor.users.http import AuthenticatedRequest
from davor.users.models import User


class AccountForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["desktop_notifications"]


@require_http_methods(["GET", "POST"])
def account(request: AuthenticatedRequest) -> HttpResponse:
    form = AccountForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("account")
    return render(request, "users/account.html", {"form": form, "nav": "account"})
