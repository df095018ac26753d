from django.contrib.auth import views as auth_views
from django.urls import path

from davor.users import views, views_account, views_tokens

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", views.set_language, name="set_language"),
    path("account/", views_account.account, name="account"),
    path("account/tokens/", views_tokens.tokens, name="api_tokens"),
    path("account/tokens/<int:token_id>/revoke/", views_tokens.token_revoke, name="api_token_revoke"),
    path("audit/", views.audit, name="audit"),
]
