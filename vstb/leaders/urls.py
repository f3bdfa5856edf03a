app_name = "leaders"
urlpatterns: list = []
