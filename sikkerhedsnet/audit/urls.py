from django.urls import path

from sikkerhedsnet.audit import views

app_name = "audit"
urlpatterns = [path("adgangslog/", views.access_log, name="access_log")]
