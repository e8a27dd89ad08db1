from django.urls import path

from sikkerhedsnet.cases import views

app_name = "cases"
urlpatterns = [
    path("sager/", views.home, name="home"),
    path("sager/team/", views.team, name="team"),
    path("sager/ny/", views.open_case, name="open"),
    path("sager/<int:case_id>/", views.case_detail, name="detail"),
    path("sager/<int:case_id>/fordel/", views.assign, name="assign"),
    path("sager/<int:case_id>/journal/ny/", views.journal_add, name="journal_add"),
    path("sager/<int:case_id>/brev/ny/", views.letter_add, name="letter_add"),
    path(
        "sager/<int:case_id>/journal/<int:entry_id>/brev.pdf",
        views.letter_pdf,
        name="letter_pdf",
    ),
]
