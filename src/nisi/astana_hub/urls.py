from django.urls import path

from nisi.astana_hub.views import assets, fees, financing, governance, home, participants, programmes, workers

app_name = "astana_hub"
urlpatterns = [
    path("", home.home, name="home"),
    *participants.urlpatterns,
    *workers.urlpatterns,
    *fees.urlpatterns,
    *assets.urlpatterns,
    *financing.urlpatterns,
    *programmes.urlpatterns,
    *governance.urlpatterns,
]
