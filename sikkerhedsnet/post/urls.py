from django.urls import path

from sikkerhedsnet.post import views

app_name = "post"

urlpatterns = [
    path("breve/<int:letter_id>/", views.letter_detail, name="letter"),
    path("breve/<int:letter_id>/brev.pdf", views.letter_pdf, name="pdf"),
    path("breve/<int:letter_id>/send-igen/", views.retry, name="retry"),
    path(
        "breve/<int:letter_id>/sendt-paa-anden-maade/", views.sent_otherwise, name="sent_otherwise"
    ),
]
