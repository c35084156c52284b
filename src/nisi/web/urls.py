from django.contrib.auth import views as auth_views
from django.urls import path

from nisi.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", views.account, name="account"),
    path("account/notifications/<int:pk>/read/", views.notification_read, name="notification_read"),
    path("account/tokens/", views.tokens, name="tokens"),
    path("account/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("work/", views.work_queue, name="work_queue"),
    path("verify/<str:token>/", views.verify, name="verify"),
    path("documents/<str:token>.pdf", views.document_pdf, name="document_pdf"),
    path("documents/<str:token>/revoke/", views.document_revoke, name="document_revoke"),
]
