from django.urls import path

from sikkerhedsnet.safetynet import views

app_name = "safetynet"
urlpatterns = [
    path("opgaver/", views.my_tasks, name="my_tasks"),
    path("enheder/<int:unit_id>/opgaver/", views.unit_tasks, name="unit_tasks"),
]
