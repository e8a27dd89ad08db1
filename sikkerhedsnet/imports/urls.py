from django.urls import path

from sikkerhedsnet.imports import views

app_name = "imports"
urlpatterns = [
    path("import/", views.upload, name="upload"),
    path("import/eksport/<slug:name>.<slug:file_type>", views.export, name="export"),
]
