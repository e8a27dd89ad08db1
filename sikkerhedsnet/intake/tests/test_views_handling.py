from datetime import datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from sikkerhedsnet.audit.models import AccessLog
from sikkerhedsnet.cases.models import Case
from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.intake.models import (
    Addendum,
    Decision,
    DecisionKind,
    Notification,
    NotifierFeedback,
    PatternReview,
    Status,
)
from sikkerhedsnet.intake.services.handling import (
    decision_record,
    urgent_assessment_record,
)
from sikkerhedsnet.intake.tests.factories import CPH, make_notification
from sikkerhedsnet.people.models import Role, User
from sikkerhedsnet.people.tests import factories as f

FRI = datetime(2026, 11, 20, 16, 0, tzinfo=CPH)


@pytest.fixture
def intake(world: World) -> User:
    return world.role_users["intake"]


@pytest.fixture
def client(intake: User) -> Client:
    return client_for(intake)


def url(notification: Notification, action: str = "") -> str:
    return f"/visitation/{notification.pk}/{action}"


def assessed(notification: Notification, actor: User) -> Notification:
    urgent_assessment_record(
        actor=actor,
        notification=notification,
        expected_version=notification.version,
        danger_to_health_or_development=False,
        acute_help_needed=False,
        note="Ingen akut fare.",
    )
    notification.refresh_from_db()
    return notification


def decided(notification: Notification, actor: User, kind: DecisionKind) -> Notification:
    notification = assessed(notification, actor)
    decision_record(
        actor=actor,
        notification=notification,
        expected_version=notification.version,
        kind=kind,
        reason="Begrundet.",
    )
    notification.refresh_from_db()
    return notification


# Access -----------------------------------------------------------------------------------------


def test_it_requires_the_intake_role(world: World) -> None:
    notification = make_notification(child=world.child, at=FRI, user=world.colleague)
    gets = ["/visitation/", url(notification), url(notification, "kvittering.pdf")]
    posts = ["vurdering/", "afgoerelse/", "tilfoejelse/", "barn/", "samlet-vurdering/"]
    posts += ["kvittering/sendt/", "besked/"]
    for role, user in world.role_users.items():
        if role == Role.INTAKE:
            continue
        client = client_for(user)
        for path in gets:
            assert client.get(path).status_code == 404, (role, path)
        for action in posts:
            response = client.post(url(notification, action), {"version": 1, "text": "x"})
            assert response.status_code == 404, (role, action)
    assert Notification.objects.get().version == 1
    assert not AccessLog.objects.exists()


def test_a_missing_notification_is_a_404(client: Client) -> None:
    assert client.get("/visitation/999999/").status_code == 404
    assert client.post("/visitation/999999/vurdering/", {"version": 1}).status_code == 404


def test_changes_need_a_post(world: World, client: Client) -> None:
    notification = make_notification(child=None, at=FRI, name="Skolen")
    assert client.get(url(notification, "vurdering/")).status_code == 405


def test_the_menu_has_visitation_for_intake_only(world: World, client: Client) -> None:
    assert 'href="/visitation/"' in client.get("/").content.decode()
    assert 'href="/visitation/"' not in client_for(world.owner).get("/").content.decode()


# The queue ----------------------------------------------------------------------------------------


def test_the_queue_shows_the_clock_and_the_flags(world: World, client: Client) -> None:
    make_notification(child=world.child, at=FRI - timedelta(days=40), name="Skolen")
    make_notification(child=world.child, at=FRI - timedelta(days=2), name="Tandplejen")
    third = make_notification(child=world.child, at=FRI, name="Politiet")
    anonymous = make_notification(
        child=None, at=FRI + timedelta(hours=1), anonymous=True, professional=False
    )
    with time_machine.travel(FRI + timedelta(hours=10, minutes=40), tick=False):
        page = client.get("/visitation/").content.decode()
    assert page.index(third.reference) < page.index(anonymous.reference)
    assert "13 t 20 min tilbage" in page  # the third, received at 16.00, due 16.00 tomorrow
    assert "14 t 20 min tilbage" in page  # the anonymous one, an hour later
    assert "3 underretninger på 12 måneder" in page
    assert "2 forskellige underrettere på 7 dage" in page
    assert world.child.cpr_masked in page
    assert world.child.cpr_formatted not in page
    assert "(ikke matchet)" in page
    assert "20.11.2026" in page
    assert "kl. 16.00" in page


def test_an_overdue_notification_says_so_in_words(world: World, client: Client) -> None:
    make_notification(child=None, at=FRI, name="Skolen")
    with time_machine.travel(FRI + timedelta(hours=26, minutes=5), tick=False):
        page = client.get("/visitation/").content.decode()
    assert "overskredet med 2 t 5 min" in page
    assert "Overskredet" in page


def test_a_late_assessment_is_not_called_within_24_hours(
    world: World, client: Client, intake: User
) -> None:
    with time_machine.travel(FRI + timedelta(hours=26, minutes=5), tick=False):
        assessed(make_notification(child=None, at=FRI, name="Skolen"), intake)
        page = client.get("/visitation/").content.decode()
    assert "vurderet 2 t 5 min efter fristen" in page
    assert "Vurderet efter fristen" in page
    assert "inden for 24 timer</td>" not in page
    assert "Vurderet inden for 24 timer" not in page


def test_the_pattern_column_is_named_for_what_it_holds(world: World, client: Client) -> None:
    make_notification(child=world.child, at=FRI - timedelta(days=2), name="Tandplejen")
    urgent = make_notification(child=world.child, at=FRI, name="Politiet")
    Notification.objects.filter(pk=urgent.pk).update(urgent=True)
    page = client.get("/visitation/").content.decode()
    assert '<th scope="col">Gentagne underretninger</th>' in page
    assert ">Bekymring<" not in page
    assert "2 forskellige underrettere på 7 dage" in page
    # Reported as urgent is not a pattern: it stands by the notification's reference.
    reference = page.index(urgent.reference)
    assert reference < page.index("Anmeldt som akut") < page.index("</th>", reference)


def test_the_decided_tab(world: World, client: Client, intake: User) -> None:
    open_one = make_notification(child=None, at=FRI, name="Skolen")
    done = decided(
        make_notification(child=None, at=FRI, name="Politiet"), intake, DecisionKind.EARLY_ADVICE
    )
    page = client.get("/visitation/?vis=afgjorte").content.decode()
    assert done.reference in page
    assert open_one.reference not in page
    assert "Tidlig forebyggende rådgivning" in page
    assert done.reference not in client.get("/visitation/").content.decode()


def test_the_queue_is_paginated(
    world: World, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    for hour in range(3):
        make_notification(child=None, at=FRI + timedelta(hours=hour), name=f"N{hour}")
    monkeypatch.setattr("sikkerhedsnet.intake.views.handling.QUEUE_PAGE_SIZE", 2)
    first = client.get("/visitation/").content.decode()
    second = client.get("/visitation/?side=2").content.decode()
    assert "Side 1 af 2" in first
    assert "Side 2 af 2" in second


def test_the_queue_logs_no_child_reads(world: World, client: Client) -> None:
    make_notification(child=world.child, at=FRI, name="Skolen")
    client.get("/visitation/")
    assert not AccessLog.objects.exists()


# The notification's page ------------------------------------------------------------------------


def test_opening_a_notification_logs_the_child(world: World, client: Client) -> None:
    notification = make_notification(child=world.child, at=FRI, user=world.colleague)
    Notification.objects.filter(pk=notification.pk).update(text="Linje 1\n<b>Linje 2</b>")
    page = client.get(url(notification)).content.decode()
    assert "Linje 1<br>&lt;b&gt;Linje 2&lt;/b&gt;" in page
    assert world.child.cpr_formatted in page  # intake sees the full number
    log = AccessLog.objects.get()
    assert log.child == world.child
    assert log.shown == f"Underretning {notification.reference}"
    assert "underretning" in log.basis


def test_siblings_in_the_household_are_shown(world: World, client: Client) -> None:
    guardian = world.child.custodies.get().guardian
    sibling = f.ChildFactory.create(first_name="Lillesøster")
    f.CustodyFactory.create(child=sibling, guardian=guardian)
    unnotified = f.ChildFactory.create(first_name="Storebror")
    f.CustodyFactory.create(child=unnotified, guardian=guardian)
    notification = make_notification(child=world.child, at=FRI, user=world.colleague)
    make_notification(child=sibling, at=FRI, user=world.colleague)
    page = client.get(url(notification)).content.decode()
    assert "Lillesøster" in page
    assert sibling.cpr_masked in page
    assert "Storebror" in page  # the household is part of the assessment, notified or not
    unrelated = f.ChildFactory.create(first_name="Nabobarn")
    assert client.get(f"/boern/{unrelated.pk}/").status_code == 404


def test_an_anonymous_notification(world: World, client: Client) -> None:
    notification = make_notification(child=None, at=FRI, anonymous=True, professional=False)
    page = client.get(url(notification)).content.decode()
    assert "Anonym" in page
    assert "Dan kvittering" not in page
    assert client.get(url(notification, "kvittering.pdf")).status_code == 404
    assert not AccessLog.objects.exists()


def test_assess_then_decide(world: World, client: Client, intake: User) -> None:
    received = timezone.now() - timedelta(hours=1)
    notification = make_notification(child=world.child, at=received, user=world.colleague)
    response = client.post(
        url(notification, "vurdering/"),
        {"version": 1, "danger": "yes", "acute_help": "no", "note": "Bekymrende."},
    )
    assert response.status_code == 302
    assert response["Location"] == url(notification)
    notification.refresh_from_db()
    assert notification.status == Status.ASSESSED
    page = client.get(url(notification)).content.decode()
    assert "Vurderingen er gemt." in page
    assert "Bekymrende." in page
    assert "vurderet inden for fristen" in page

    response = client.post(
        url(notification, "afgoerelse/"),
        {"version": notification.version, "kind": "screening_inquiry", "reason": ""},
    )
    assert response.status_code == 302
    assert Decision.objects.get().kind == DecisionKind.SCREENING_INQUIRY
    page = client.get(url(notification)).content.decode()
    assert "Afdækning" in page
    assert "Afgjort" in page


def test_a_missing_answer_is_named_in_danish(world: World, client: Client) -> None:
    notification = make_notification(child=None, at=FRI, name="Skolen")
    response = client.post(url(notification, "vurdering/"), {"version": 1, "note": "Noget."})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Svar ja eller nej: er barnets sundhed eller udvikling i fare?" in page
    assert "Noget." in page  # the typed reason is kept


def test_no_action_without_a_reason_is_refused(world: World, client: Client, intake: User) -> None:
    notification = assessed(make_notification(child=None, at=FRI, name="Skolen"), intake)
    response = client.post(
        url(notification, "afgoerelse/"),
        {"version": notification.version, "kind": "no_action", "reason": " "},
    )
    assert response.status_code == 400
    assert "Skriv en begrundelse" in response.content.decode()
    assert not Decision.objects.exists()


def test_a_child_assessment_opens_a_case(world: World, client: Client, intake: User) -> None:
    notification = assessed(
        make_notification(child=world.child, at=FRI, user=world.colleague), intake
    )
    response = client.post(
        url(notification, "afgoerelse/"),
        {"version": notification.version, "kind": "child_assessment"},
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.source_notification_id == notification.pk
    page = client.get(url(notification)).content.decode()
    assert f"Sag {case.pk} oprettet" in page


def test_intake_follows_the_case_it_opened_until_it_has_a_caseworker(
    world: World, client: Client, intake: User
) -> None:
    notification = assessed(
        make_notification(child=world.child, at=FRI, user=world.colleague), intake
    )
    client.post(
        url(notification, "afgoerelse/"),
        {"version": notification.version, "kind": "child_assessment"},
    )
    case = Case.objects.get()
    link = f'href="/sager/{case.pk}/"'
    assert link in client.get(url(notification)).content.decode()
    assert client.get(f"/sager/{case.pk}/").status_code == 200
    Case.objects.filter(pk=case.pk).update(caseworker=world.role_users["caseworker"])
    assert link not in client.get(url(notification)).content.decode()
    assert client.get(f"/sager/{case.pk}/").status_code == 404


def test_a_child_assessment_without_the_child_is_refused(
    world: World, client: Client, intake: User
) -> None:
    notification = assessed(make_notification(child=None, at=FRI, name="Skolen"), intake)
    response = client.post(
        url(notification, "afgoerelse/"),
        {"version": notification.version, "kind": "child_assessment"},
    )
    assert response.status_code == 400
    assert "kræver, at barnet er fundet" in response.content.decode()


def test_a_colleagues_change_is_a_conflict_that_keeps_the_text(
    world: World, client: Client, intake: User
) -> None:
    notification = make_notification(child=None, at=FRI, name="Skolen")
    colleague = User.objects.create(username="kollega", role=Role.INTAKE, first_name="Karin")
    assessed(notification, colleague)  # Karin assessed while our page showed version 1
    response = client.post(
        url(notification, "vurdering/"),
        {"version": 1, "danger": "yes", "acute_help": "yes", "note": "Min egen vurdering."},
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "En kollega har netop ændret underretningen" in page
    assert "Karin" in page
    assert "status »Vurderet«" in page
    assert "Min egen vurdering." in page  # her words are on the page, not lost
    notification.refresh_from_db()
    assert notification.urgent_assessment.note == "Ingen akut fare."


def test_a_conflict_keeps_the_form_with_the_new_version(
    world: World, client: Client, intake: User
) -> None:
    notification = make_notification(child=None, at=FRI, name="Skolen")
    client.post(url(notification, "tilfoejelse/"), {"version": 1, "text": "Ny oplysning."})
    response = client.post(
        url(notification, "vurdering/"),
        {"version": 1, "danger": "no", "acute_help": "no", "note": "Skrevet før tilføjelsen."},
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert 'name="version" value="2"' in page
    assert "Skrevet før tilføjelsen.</textarea>" in page
    assert "Ny oplysning." in page


def test_add_an_addendum(world: World, client: Client) -> None:
    notification = make_notification(child=None, at=FRI, name="Skolen")
    response = client.post(url(notification, "tilfoejelse/"), {"version": 1, "text": "Mere."})
    assert response.status_code == 302
    assert Addendum.objects.get().text == "Mere."
    empty = client.post(url(notification, "tilfoejelse/"), {"version": 2, "text": ""})
    assert empty.status_code == 400
    assert "Skriv tilføjelsen." in empty.content.decode()


def test_match_the_child_by_cpr(world: World, client: Client) -> None:
    notification = make_notification(child=None, at=FRI, name="Skolen")
    unknown = client.post(url(notification, "barn/"), {"version": 1, "cpr": "010101-1234"})
    assert unknown.status_code == 400
    assert "intet barn med det CPR-nummer" in unknown.content.decode()
    response = client.post(
        url(notification, "barn/"), {"version": 1, "cpr": world.child.cpr_formatted}
    )
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.child == world.child


def test_sending_the_receipt_and_reading_it_again(world: World, client: Client) -> None:
    notification = make_notification(child=world.child, at=FRI, user=world.colleague)
    page = client.get(url(notification)).content.decode()
    assert "Send kvittering" in page
    assert client.get(url(notification, "kvittering.pdf")).status_code == 404
    response = client.post(url(notification, "kvittering/send/"), {"version": 1})
    assert response.status_code == 302
    page = client.get(url(notification)).content.decode()
    assert "Send kvittering" not in page
    assert "Afventer afsendelse" in page
    response = client.get(url(notification, "kvittering.pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert AccessLog.objects.filter(shown__startswith="Kvittering").exists()


def test_feedback_after_the_decision(world: World, client: Client, intake: User) -> None:
    notification = make_notification(child=world.child, at=FRI, user=world.colleague)
    assert client.get(url(notification, "besked.pdf")).status_code == 404
    assert "Giv underretteren besked" not in client.get(url(notification)).content.decode()
    notification = decided(notification, intake, DecisionKind.EARLY_ADVICE)
    assert "Giv underretteren besked" in client.get(url(notification)).content.decode()
    response = client.post(url(notification, "besked/"), {"version": notification.version})
    assert response.status_code == 302
    assert NotifierFeedback.objects.get().outcome == DecisionKind.EARLY_ADVICE
    page = client.get(url(notification)).content.decode()
    assert "Underretteren fik besked" in page
    assert "Giv underretteren besked" not in page
    letter = client.get(url(notification, "besked.pdf"))
    assert letter.status_code == 200
    assert letter.content.startswith(b"%PDF-")


def test_pattern_review_is_offered_when_concern_repeats(world: World, client: Client) -> None:
    single = make_notification(child=world.other_child, at=FRI, name="Skolen")
    assert "Samlet vurdering" not in client.get(url(single)).content.decode()
    make_notification(child=world.child, at=FRI - timedelta(days=2), name="Skolen")
    notification = make_notification(child=world.child, at=FRI, name="Politiet")
    page = client.get(url(notification)).content.decode()
    assert "Gentagen bekymring" in page
    assert "Samlet vurdering" in page
    response = client.post(
        url(notification, "samlet-vurdering/"),
        {"version": notification.version, "note": "Læst samlet."},
    )
    assert response.status_code == 302
    assert PatternReview.objects.get().note == "Læst samlet."
    assert "Læst samlet." in client.get(url(notification)).content.decode()


def test_every_status_change_is_shown(world: World, client: Client, intake: User) -> None:
    notification = decided(
        make_notification(child=None, at=FRI, name="Skolen"), intake, DecisionKind.EARLY_ADVICE
    )
    page = client.get(url(notification)).content.decode()
    history = page[page.index("Statusændringer") :]
    assert history.index("Modtaget") < history.index("Vurderet")
    assert history.index("Vurderet") < history.index("Afgjort")


def test_the_worklist_links_to_the_notification(world: World, client: Client) -> None:
    notification = make_notification(
        child=None, at=timezone.now() - timedelta(hours=30), name="Skolen"
    )
    page = client.get("/opgaver/").content.decode()
    assert f'href="/visitation/{notification.pk}/"' in page
