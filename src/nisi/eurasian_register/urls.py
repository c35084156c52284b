app_name = "eurasian_register"
urlpatterns: list = []
