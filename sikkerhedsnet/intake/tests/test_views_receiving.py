"""The receiving pages: the public form, the professional's form and list, intake's register."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from time_machine import TimeMachineFixture

from sikkerhedsnet.audit.models import AccessLog
from sikkerhedsnet.conftest import World, client_for, comparable_page
from sikkerhedsnet.intake.models import (
    Channel,
    Decision,
    DecisionKind,
    Notification,
    NotifierFeedback,
    SourceKind,
    UrgentAssessment,
    source_kind_for,
)
from sikkerhedsnet.intake.services.receiving import address_key
from sikkerhedsnet.intake.tests.factories import CPH, make_notification
from sikkerhedsnet.people.models import Role, UnitKind
from sikkerhedsnet.people.tests import factories as f

NOW = datetime(2026, 11, 20, 16, 0, tzinfo=CPH)  # a Friday


TODAY = NOW
pytestmark = pytest.mark.usefixtures("today")


def public_data(**changes: str) -> dict[str, str]:
    return {
        "child_name": "Ida Holm",
        "child_address": "Vestergade 3, Herning",
        "text": "Ida kommer ofte alene hjem sent om aftenen.",
        "relation": "family",
        "anonymous": "yes",
        **changes,
    }


def professional_data(**changes: str) -> dict[str, str]:
    return {"duty_ground": "need_of_support", "text": "Barnet er ofte sultent.", **changes}


def register_data(**changes: str) -> dict[str, str]:
    return {
        "channel": "phone",
        "received_on": "20.11.2026",
        "received_time": "09.15",
        "child_name": "Ida Holm",
        "source_kind": "police",
        "is_professional": "on",
        "duty_ground": "abuse",
        "notifier_name": "Peter Politi",
        "notifier_organisation": "Midt- og Vestjyllands Politi",
        "notifier_phone": "11 22 33 44",
        "text": "Politiet var kaldt ud til husspektakler.",
        **changes,
    }


# The public form ------------------------------------------------------------------------------


def test_the_public_form_needs_no_login(db: None) -> None:
    response = Client().get("/underretning/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Er barnet i akut fare, så ring 112." in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert page.count('type="radio"') == 4 + 2
    # Not anonymous is the starting choice, so the name shows as required, not "(valgfri)".
    assert 'for="id_notifier_name">Dit navn</label>' in page


def test_a_citizen_notifies_anonymously_and_sees_the_receipt(db: None) -> None:
    client = Client()
    response = client.post("/underretning/", public_data())
    assert response.status_code == 302
    assert response["Location"] == "/underretning/kvittering/"
    notification = Notification.objects.get()
    assert notification.channel == Channel.PUBLIC_FORM
    assert notification.source_kind == SourceKind.FAMILY
    assert notification.is_anonymous
    assert not notification.is_professional
    assert notification.child is None
    assert notification.child_name_given == "Ida Holm"
    assert notification.child_address_given == "Vestergade 3, Herning"
    assert notification.receipt_due_on is None
    page = client.get(response["Location"]).content.decode()
    assert notification.reference in page
    assert "Modtaget den 20.11.2026 kl. 16.00." in page
    assert "Du er anonym" in page


def test_the_receipt_is_not_in_the_link(db: None) -> None:
    Client().post("/underretning/", public_data())
    reference = Notification.objects.get().reference
    page = Client().get("/underretning/kvittering/").content.decode()
    assert reference not in page
    assert "Der er ingen kvittering at vise" in page


def test_anonymous_stores_no_name_even_when_one_was_typed(db: None) -> None:
    data = public_data(notifier_name="Hanne Jensen", notifier_email="hanne@example.dk")
    Client().post("/underretning/", data)
    notification = Notification.objects.get()
    assert notification.notifier_name == notification.notifier_email == ""
    assert notification.notifier_key.startswith("anonymous:")


def test_a_named_citizen_is_stored_with_contact_details(db: None) -> None:
    client = Client()
    data = public_data(anonymous="no", notifier_name="Hanne Jensen", notifier_phone="12345678")
    client.post("/underretning/", data)
    notification = Notification.objects.get()
    assert not notification.is_anonymous
    assert (notification.notifier_name, notification.notifier_phone) == ("Hanne Jensen", "12345678")
    assert "Kommunen kontakter dig" in client.get("/underretning/kvittering/").content.decode()


def test_no_raw_address_is_stored(db: None) -> None:
    Client(REMOTE_ADDR="203.0.113.7").post("/underretning/", public_data())
    notification = Notification.objects.get()
    assert notification.submitted_from == address_key("203.0.113.7")
    stored = Notification.objects.filter(pk=notification.pk).values().get()
    assert not any("203.0.113" in str(value) for value in stored.values())


def test_a_known_cpr_number_names_the_child(world: World) -> None:
    data = public_data(child_cpr=world.child.cpr, child_name="")
    Client().post("/underretning/", data)
    assert Notification.objects.get().child == world.child


def test_an_unknown_cpr_number_is_kept_for_matching_later(db: None) -> None:
    Client().post("/underretning/", public_data(child_cpr="010120-1234"))
    notification = Notification.objects.get()
    assert notification.child is None
    assert notification.child_name_given == "Ida Holm (CPR 010120-1234)"


def test_the_receipt_page_does_not_tell_whether_the_cpr_is_known(world: World) -> None:
    pages = []
    for cpr in (world.child.cpr, "010120-1234"):
        client = Client()
        client.post("/underretning/", public_data(child_cpr=cpr))
        response = client.get("/underretning/kvittering/")
        latest = Notification.objects.order_by("-pk").first()
        assert latest is not None
        page = comparable_page(response.content, "/underretning/kvittering/")
        pages.append(page.replace(latest.reference, "REF"))
    assert pages[0] == pages[1]


def test_the_public_form_is_csrf_protected(db: None) -> None:
    client = Client(enforce_csrf_checks=True)
    assert client.post("/underretning/", public_data()).status_code == 403
    client.get("/underretning/")
    token = client.cookies["csrftoken"].value
    response = client.post("/underretning/", {**public_data(), "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_a_logged_in_user_may_use_the_public_form_too(world: World) -> None:
    assert client_for(world.colleague).get("/underretning/").status_code == 200


# The rate limit ---------------------------------------------------------------------------------


def test_the_sixth_in_an_hour_is_refused_and_the_text_kept(
    db: None, time_machine: TimeMachineFixture
) -> None:
    client = Client(REMOTE_ADDR="198.51.100.4")
    for minute in range(5):
        time_machine.move_to(NOW + timedelta(minutes=minute * 10), tick=False)
        assert client.post("/underretning/", public_data()).status_code == 302
    time_machine.move_to(NOW + timedelta(minutes=50), tick=False)
    response = client.post("/underretning/", public_data(text="Den sjette bekymring."))
    assert response.status_code == 429
    page = response.content.decode()
    assert "Du kan sende igen den 20.11.2026 kl. 17.00." in page
    assert "kontakt kommunen på telefon" in page
    assert "Den sjette bekymring." in page
    assert Notification.objects.count() == 5


def test_another_address_is_not_limited(db: None) -> None:
    for _ in range(5):
        Client(REMOTE_ADDR="198.51.100.4").post("/underretning/", public_data())
    response = Client(REMOTE_ADDR="198.51.100.5").post("/underretning/", public_data())
    assert response.status_code == 302


def test_the_count_resets_after_an_hour(db: None, time_machine: TimeMachineFixture) -> None:
    client = Client(REMOTE_ADDR="198.51.100.4")
    for _ in range(5):
        client.post("/underretning/", public_data())
    assert client.post("/underretning/", public_data()).status_code == 429
    time_machine.move_to(NOW + timedelta(minutes=59, seconds=59), tick=False)
    assert client.post("/underretning/", public_data()).status_code == 429
    time_machine.move_to(NOW + timedelta(hours=1), tick=False)
    assert client.post("/underretning/", public_data()).status_code == 302
    assert Notification.objects.count() == 6


def test_the_limit_is_the_policys(db: None, settings: Any) -> None:
    settings.SIKKERHEDSNET_POLICY = {"public_form_submissions_per_hour": 1}
    client = Client()
    assert client.post("/underretning/", public_data()).status_code == 302
    assert client.post("/underretning/", public_data()).status_code == 429


def test_professional_notifications_do_not_count_against_the_form(world: World) -> None:
    for _ in range(6):
        client_for(world.colleague).post(f"/boern/{world.child.pk}/underret/", professional_data())
    assert Client().post("/underretning/", public_data()).status_code == 302


# A professional notifies from the child's page -------------------------------------------------


def test_the_professional_notifies_and_sees_the_receipt_deadline(world: World) -> None:
    client = client_for(world.colleague)
    response = client.post(f"/boern/{world.child.pk}/underret/", professional_data(urgent="on"))
    assert response.status_code == 302
    notification = Notification.objects.get()
    assert response["Location"] == f"/underretninger/mine/{notification.pk}/"
    assert notification.child == world.child
    assert notification.notifier_user == world.colleague
    assert notification.is_professional
    assert not notification.is_anonymous
    assert notification.source_kind == SourceKind.DAYCARE  # Solsikken is a daycare
    assert notification.notifier_organisation == "Solsikken"
    assert notification.channel == Channel.PROFESSIONAL
    assert notification.duty_ground == "need_of_support"
    assert notification.urgent
    # Friday 20 November: six working days on is Monday 30 November.
    assert notification.receipt_due_on == date(2026, 11, 30)
    page = client.get(response["Location"]).content.decode()
    assert "Underretningen er sendt til visitationen." in page
    assert notification.reference in page
    assert "Du får en kvittering senest den 30.11.2026." in page
    assert "Visitationen vurderer underretningen senest den 21.11.2026 kl. 16.00." in page


@pytest.mark.parametrize(
    ("kind", "source"),
    [
        (UnitKind.SCHOOL, SourceKind.SCHOOL),
        (UnitKind.SFO, SourceKind.SCHOOL),
        (UnitKind.DAYCARE, SourceKind.DAYCARE),
        (UnitKind.HEALTH_VISITING, SourceKind.HEALTH),
        (UnitKind.DENTAL, SourceKind.HEALTH),
        (UnitKind.FAMILY_DEPARTMENT, SourceKind.OTHER),
    ],
)
def test_the_source_follows_the_unit_kind(db: None, kind: str, source: SourceKind) -> None:
    assert source_kind_for(f.UnitFactory.build(kind=kind)) == source
    assert source_kind_for(None) == SourceKind.OTHER


def test_a_school_teacher_notifies_as_the_school(world: World) -> None:
    school = f.UnitFactory.create(name="Vestre Skole", kind=UnitKind.SCHOOL)
    teacher = f.staff(Role.PROFESSIONAL, school, username="tove")
    f.EnrolmentFactory.create(child=world.child, unit=school)
    client_for(teacher).post(f"/boern/{world.child.pk}/underret/", professional_data())
    notification = Notification.objects.get()
    assert notification.source_kind == SourceKind.SCHOOL
    assert notification.notifier_organisation == "Vestre Skole"


def test_a_meeting_outcome_is_recorded_as_such(world: World) -> None:
    data = professional_data(from_meeting="on")
    client_for(world.owner).post(f"/boern/{world.child.pk}/underret/", data)
    assert Notification.objects.get().channel == Channel.MEETING


def test_the_form_shows_who_notifies_and_logs_the_read(world: World) -> None:
    response = client_for(world.colleague).get(f"/boern/{world.child.pk}/underret/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Du underretter som Bob" in page
    assert "Solsikken" in page
    assert "kvittering inden for 6 hverdage" in page
    assert page.count('type="radio"') == 4
    assert AccessLog.objects.filter(user=world.colleague, child=world.child).exists()


def test_an_error_keeps_the_text_and_says_what_is_missing(world: World) -> None:
    url = f"/boern/{world.child.pk}/underret/"
    response = client_for(world.colleague).post(url, {"text": "Min tekst."})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Vælg, hvorfor du underretter." in page
    assert "Min tekst." in page
    assert not Notification.objects.exists()


def test_it_requires_access_to_the_child(world: World) -> None:
    url = f"/boern/{world.child.pk}/underret/"
    assert client_for(world.outsider).get(url).status_code == 404
    assert client_for(world.outsider).post(url, professional_data()).status_code == 404
    assert client_for(world.colleague).get("/boern/999999/underret/").status_code == 404
    assert not Notification.objects.exists()
    assert not AccessLog.objects.filter(user=world.outsider).exists()


def test_the_receiving_side_does_not_notify_from_the_child_page(world: World) -> None:
    make_notification(
        child=world.child, at=NOW - timedelta(days=1), name="Skolen"
    )  # intake sees the child
    intake = world.role_users[Role.INTAKE]
    assert client_for(intake).get(f"/boern/{world.child.pk}/").status_code == 200
    assert client_for(intake).get(f"/boern/{world.child.pk}/underret/").status_code == 404
    assert not AccessLog.objects.filter(user=intake, shown="Underretning om barnet").exists()


# The child's page -------------------------------------------------------------------------------


def test_the_child_page_offers_to_notify(world: World) -> None:
    for user in (world.colleague, world.owner):
        page = client_for(user).get(f"/boern/{world.child.pk}/").content.decode()
        assert f'href="/boern/{world.child.pk}/underret/"' in page
        assert "Underret kommunen" in page


def test_the_child_page_lists_her_own_notifications_only(world: World) -> None:
    mine = make_notification(child=world.child, at=NOW - timedelta(days=2), user=world.colleague)
    theirs = make_notification(child=world.child, at=NOW - timedelta(days=1), user=world.owner)
    page = client_for(world.colleague).get(f"/boern/{world.child.pk}/").content.decode()
    assert mine.reference in page
    assert theirs.reference not in page


def test_intake_sees_no_notify_button_on_the_child_page(world: World) -> None:
    make_notification(child=world.child, at=NOW - timedelta(days=1), name="Skolen")
    intake = world.role_users[Role.INTAKE]
    page = client_for(intake).get(f"/boern/{world.child.pk}/").content.decode()
    assert "/underret/" not in page


# Mine underretninger ---------------------------------------------------------------------------


def test_my_notifications_list_my_own_with_receipt_and_outcome(world: World) -> None:
    mine = make_notification(child=world.child, at=NOW - timedelta(days=10), user=world.colleague)
    answered = make_notification(
        child=world.child, at=NOW - timedelta(days=20), user=world.colleague
    )
    theirs = make_notification(child=world.other_child, at=NOW, user=world.outsider)
    intake = world.role_users[Role.INTAKE]
    Notification.objects.filter(pk=answered.pk).update(receipt_sent_at=NOW - timedelta(days=18))
    NotifierFeedback.objects.create(
        notification=answered,
        outcome=DecisionKind.CHILD_ASSESSMENT,
        sent_at=NOW - timedelta(days=5),
        sent_by=intake,
    )
    page = client_for(world.colleague).get("/underretninger/mine/").content.decode()
    assert mine.reference in page
    assert answered.reference in page
    assert theirs.reference not in page
    assert "Sendt 02.11.2026" in page
    assert "Ikke endnu – senest" in page
    assert "Børnefaglig undersøgelse" in page
    assert world.child.first_name in page
    assert AccessLog.objects.filter(user=world.colleague, child=world.child).count() == 1


def test_the_notifier_never_sees_intakes_reasons(world: World) -> None:
    notification = make_notification(
        child=world.child, at=NOW - timedelta(days=3), user=world.colleague
    )
    intake = world.role_users[Role.INTAKE]
    UrgentAssessment.objects.create(
        notification=notification,
        danger_to_health_or_development=True,
        acute_help_needed=False,
        note="VISITATIONENS VURDERING",
        assessed_by=intake,
        assessed_at=NOW - timedelta(days=3),
    )
    Decision.objects.create(
        notification=notification,
        kind=DecisionKind.NO_ACTION,
        reason="VISITATIONENS BEGRUNDELSE",
        decided_by=intake,
        decided_at=NOW - timedelta(days=2),
    )
    client = client_for(world.colleague)
    for url in ("/underretninger/mine/", f"/underretninger/mine/{notification.pk}/"):
        page = client.get(url).content.decode()
        assert "VISITATIONENS" not in page
        assert "Ingen yderligere handling" not in page  # the decision; only feedback tells


def test_another_users_notification_is_404(world: World) -> None:
    theirs = make_notification(child=world.child, at=NOW, user=world.owner)
    assert client_for(world.colleague).get(f"/underretninger/mine/{theirs.pk}/").status_code == 404
    assert client_for(world.owner).get(f"/underretninger/mine/{theirs.pk}/").status_code == 200
    assert client_for(world.owner).get("/underretninger/mine/999999/").status_code == 404


def test_the_list_is_empty_for_someone_who_never_notified(world: World) -> None:
    page = client_for(world.role_users[Role.MANAGEMENT]).get("/underretninger/mine/")
    assert "Du har ikke sendt nogen underretninger." in page.content.decode()


# Intake registers a phone call or a letter -----------------------------------------------------


def test_intake_registers_a_phone_call(world: World) -> None:
    intake = world.role_users[Role.INTAKE]
    client = client_for(intake)
    response = client.post("/visitation/registrer/", register_data(urgent="on"))
    assert response.status_code == 302
    notification = Notification.objects.get()
    assert notification.channel == Channel.PHONE
    assert notification.received_at == datetime(2026, 11, 20, 9, 15, tzinfo=CPH)
    assert notification.registered_by == intake
    assert notification.notifier_user is None
    assert notification.is_professional
    assert notification.urgent
    assert notification.source_kind == SourceKind.POLICE
    assert notification.duty_ground == "abuse"
    assert notification.notifier_organisation == "Midt- og Vestjyllands Politi"
    assert notification.receipt_due_on is not None
    page = client.get(response["Location"]).content.decode()
    assert notification.reference in page
    assert "Den skal vurderes senest 21.11.2026 kl. 09.15." in page


def test_intake_registers_an_anonymous_letter_about_a_known_child(world: World) -> None:
    data = register_data(
        channel="letter",
        is_professional="",
        anonymous="on",
        source_kind="citizen",
        duty_ground="",
        child_cpr=world.child.cpr,
        child_name="",
    )
    client_for(world.role_users[Role.INTAKE]).post("/visitation/registrer/", data)
    notification = Notification.objects.get()
    assert notification.channel == Channel.LETTER
    assert notification.child == world.child
    assert notification.is_anonymous
    assert notification.notifier_name == ""
    assert notification.notifier_organisation == ""
    assert notification.notifier_phone == ""
    assert notification.receipt_due_on is None


def test_intake_is_told_when_the_cpr_is_unknown(world: World) -> None:
    client = client_for(world.role_users[Role.INTAKE])
    response = client.post(
        "/visitation/registrer/", register_data(child_cpr="010120-1234"), follow=True
    )
    assert "CPR-nummeret findes ikke i Sikkerhedsnet" in response.content.decode()
    assert Notification.objects.get().child_name_given == "Ida Holm (CPR 010120-1234)"


def test_a_future_time_of_receipt_is_refused(world: World) -> None:
    client = client_for(world.role_users[Role.INTAKE])
    response = client.post("/visitation/registrer/", register_data(received_time="16.30"))
    assert response.status_code == 200
    assert "Tidspunktet ligger i fremtiden." in response.content.decode()
    assert not Notification.objects.exists()


def test_only_intake_registers(world: World) -> None:
    for role in Role.values:
        if role == Role.INTAKE:
            continue
        client = client_for(world.role_users[role])
        assert client.get("/visitation/registrer/").status_code == 404, role
        assert client.post("/visitation/registrer/", register_data()).status_code == 404, role
    assert not Notification.objects.exists()
    assert Client().get("/visitation/registrer/").status_code == 302  # to the login page
