from django.urls import URLPattern, URLResolver

app_name = "contracts"

urlpatterns: list[URLPattern | URLResolver] = []

# --- purchases and systemic enterprises (ctpurch) ---
from nisi.contracts.views import purchases as _purchases_views  # noqa: E402
from nisi.contracts.views import systemic as _systemic_views  # noqa: E402

urlpatterns += [*_purchases_views.urlpatterns, *_systemic_views.urlpatterns]
