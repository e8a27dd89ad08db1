from django.urls import URLPattern

app_name = "casework"

urlpatterns: list[URLPattern] = []
