from django.urls import URLPattern, URLResolver, path

from sikkerhedsnet.measures.views import (
    catalogue,
    decision_letters,
    decisions,
    follow_up,
    placements,
)

app_name = "measures"

CASE = "sager/<int:case_id>/"
MEASURE = f"{CASE}foranstaltninger/<int:measure_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    # The catalogue, capacity and cost.
    path("foranstaltninger/tilbud/", catalogue.offer_list, name="offer_list"),
    path("foranstaltninger/tilbud/nyt/", catalogue.offer_new, name="offer_new"),
    path("foranstaltninger/tilbud/<int:offer_id>/", catalogue.offer_edit, name="offer_edit"),
    path("foranstaltninger/kapacitet/", catalogue.capacity, name="capacity"),
    # A case's measures.
    path(f"{CASE}foranstaltninger/ny/", decisions.measure_new, name="measure_new"),
    path(f"{CASE}netvaerksafdaekning/ny/", decisions.network_search_new, name="network_search_new"),
    path(MEASURE, decisions.measure_detail, name="measure_detail"),
    path(f"{MEASURE}start/", decisions.measure_start_view, name="measure_start"),
    path(f"{MEASURE}afslut/", decisions.measure_end_view, name="measure_end"),
    path(f"{MEASURE}flyt/", placements.measure_move_view, name="measure_move"),
    path(f"{MEASURE}traek-tilbage/", decisions.measure_withdraw_view, name="measure_withdraw"),
    # Decisions in law (a refusal has no measure) and their letters.
    path(f"{CASE}afslag/nyt/", decision_letters.refusal_new, name="refusal_new"),
    path(
        f"{CASE}afgoerelser/<int:decision_id>/",
        decision_letters.decision_detail,
        name="decision_detail",
    ),
    path(
        f"{CASE}afgoerelser/breve/<int:letter_id>/brev.pdf",
        decision_letters.decision_letter_pdf,
        name="decision_letter_pdf",
    ),
    # Follow-up, supervision, and the move to adulthood.
    path(f"{MEASURE}opfoelgning/", follow_up.follow_up, name="follow_up"),
    path(
        f"{MEASURE}opfoelgning/interval/", follow_up.follow_up_interval, name="follow_up_interval"
    ),
    path(f"{MEASURE}tilsyn/", follow_up.supervision, name="supervision"),
    path(f"{CASE}koordinator/", follow_up.coordinator, name="coordinator"),
    path("overgang/", follow_up.transition_list, name="transition_list"),
    path("overgang/dagsorden/", follow_up.transition_agenda, name="transition_agenda"),
]
