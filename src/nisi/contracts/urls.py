from django.urls import URLPattern, URLResolver

app_name = "contracts"

urlpatterns: list[URLPattern | URLResolver] = []

from nisi.contracts.views import home as _home  # noqa: E402  (each area appends its pages)
from nisi.contracts.views import plans as _plans  # noqa: E402
from nisi.contracts.views import plans_public as _plans_public  # noqa: E402

urlpatterns += [*_home.urlpatterns, *_plans.urlpatterns, *_plans_public.urlpatterns]
