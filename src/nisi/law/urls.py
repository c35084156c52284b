from django.urls import path

from nisi.law import views

app_name = "law"
urlpatterns = [
    path("parameters/", views.parameters, name="parameters"),
    path("parameters/<str:name>/", views.parameter, name="parameter"),
    path("deadline/", views.deadline, name="deadline"),
    path("provisions/", views.provision_search, name="provisions"),
    path("provisions/<str:provision_id>/", views.provision, name="provision"),
]
