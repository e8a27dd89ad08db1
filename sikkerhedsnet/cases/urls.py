from django.urls import path

from sikkerhedsnet.cases.views import assignment, case, caseload, journal, letters

app_name = "cases"
urlpatterns = [
    path("sager/", caseload.home, name="home"),
    path("sager/team/", caseload.team, name="team"),
    path("sager/ny/", case.open_case, name="open"),
    path("sager/<int:case_id>/", case.case_detail, name="detail"),
    path("sager/<int:case_id>/fordel/", assignment.assign, name="assign"),
    path("sager/<int:case_id>/journal/ny/", journal.journal_add, name="journal_add"),
    path("sager/<int:case_id>/brev/ny/", letters.letter_add, name="letter_add"),
    path(
        "sager/<int:case_id>/journal/<int:entry_id>/brev.pdf",
        letters.letter_pdf,
        name="letter_pdf",
    ),
]
