from nisi.industry_needs.views import app_name, urlpatterns

__all__ = ["app_name", "urlpatterns"]
