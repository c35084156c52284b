from django.urls import URLPattern, URLResolver

from nisi.contracts.views import offtake, offtake_register

app_name = "contracts"

urlpatterns: list[URLPattern | URLResolver] = []
urlpatterns += offtake.urlpatterns + offtake_register.urlpatterns
