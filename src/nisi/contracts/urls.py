from django.urls import URLPattern, URLResolver

app_name = "contracts"

urlpatterns: list[URLPattern | URLResolver] = []

# Domestic value development programmes (IP-61-1).
from nisi.contracts.views import programmes as _programmes  # noqa: E402

urlpatterns += _programmes.urlpatterns
