from django.urls import path

from sikkerhedsnet.imports import views

app_name = "imports"
urlpatterns = [
    path("import/", views.upload, name="upload"),
    path("import/eksport/<slug:name>.<slug:file_type>", views.export, name="export"),
    path("import/importer/", views.run_list, name="run_list"),
    path("import/importer/enhed/<int:unit_id>/", views.run_list, name="unit_run_list"),
    path("import/importer/<int:run_id>/", views.run_detail, name="run_detail"),
]
