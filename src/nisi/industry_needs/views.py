from django.urls import URLPattern

app_name = "industry_needs"
urlpatterns: list[URLPattern] = []
