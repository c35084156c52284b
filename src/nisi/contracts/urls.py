from django.urls import URLPattern, URLResolver

from nisi.contracts.views import (
    customers,
    examination,
    home,
    objections,
    ocds,
    offtake,
    offtake_register,
    plans,
    plans_opinion,
    plans_public,
    programmes,
    purchases,
    purchases_public,
    systemic,
)

app_name = "contracts"

urlpatterns: list[URLPattern | URLResolver] = [
    *home.urlpatterns,
    *customers.urlpatterns,
    *plans.urlpatterns,
    *plans_public.urlpatterns,
    *plans_opinion.urlpatterns,
    *examination.urlpatterns,
    *objections.urlpatterns,
    *offtake.urlpatterns,
    *offtake_register.urlpatterns,
    *programmes.urlpatterns,
    *purchases.urlpatterns,
    *purchases_public.urlpatterns,
    *systemic.urlpatterns,
    *ocds.urlpatterns,
]
