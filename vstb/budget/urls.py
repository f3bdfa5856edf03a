app_name = "budget"
urlpatterns: list = []
