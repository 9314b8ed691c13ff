"""Failed logins are limited per (user name, address) pair, and more slowly per user name and per
address; every way in (login page, admin login, API token) says "locked, try again in N minutes"."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.urls import reverse
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
ATTACKER = "203.0.113.7"
ALICES_DESK = "192.0.2.1"
LOCKED = "Too many failed logins. Try again in 15 minutes."


@pytest.fixture(autouse=True)
def limits(settings):
    settings.LOGIN_FAILURE_LIMIT = 5
    settings.LOGIN_GLOBAL_FAILURE_LIMIT = 50
    settings.LOGIN_LOCKOUT_SECONDS = 900
    caches["login_throttle"].clear()
    yield
    caches["login_throttle"].clear()


def attempt(client, username, password, address=ATTACKER):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def fail_from_many_addresses(client, username, count):
    for index in range(count):
        attempt(client, username, "wrong", address=f"198.51.{index // 200}.{index % 200 + 1}")


def test_wrong_password_says_so(client, alice):
    response = attempt(client, "alice", "wrong")
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_the_pair_is_locked_after_the_limit_even_with_the_right_password(client, alice):
    for _ in range(5):
        attempt(client, "alice", "wrong")
    response = attempt(client, "alice", PASSWORD)
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_attacker_failing_for_alice_at_one_address_does_not_stop_alice_at_another(client, alice):
    for _ in range(5):
        attempt(client, "Alice ", "wrong")
    assert LOCKED in attempt(client, "alice", PASSWORD).content.decode()
    assert attempt(client, "alice", PASSWORD, address=ALICES_DESK).status_code == 302


def test_49_failures_over_many_addresses_leave_the_name_open(client, alice):
    fail_from_many_addresses(client, "alice", 49)
    assert attempt(client, "alice", PASSWORD, address=ALICES_DESK).status_code == 302


def test_50_failures_over_many_addresses_lock_the_name_everywhere(client, alice):
    fail_from_many_addresses(client, "Alice", 50)
    response = attempt(client, "alice", PASSWORD, address=ALICES_DESK)
    assert response.status_code == 200 and LOCKED in response.content.decode()


def test_colleagues_at_one_address_mistyping_do_not_lock_each_other_out(client, alice, bob):
    for name in ("bob", "carol", "dave", "erin", "frank"):
        attempt(client, name, "wrong", address=ALICES_DESK)
    assert attempt(client, "alice", PASSWORD, address=ALICES_DESK).status_code == 302


def test_one_address_guessing_50_names_is_locked(client, alice):
    for index in range(50):
        attempt(client, f"user{index}", "wrong")
    assert LOCKED in attempt(client, "alice", PASSWORD).content.decode()


def test_success_clears_the_pairs_count(client, alice):
    for _ in range(4):
        attempt(client, "alice", "wrong")
    assert attempt(client, "alice", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        attempt(client, "alice", "wrong")
    assert attempt(client, "alice", PASSWORD).status_code == 302


def test_the_minutes_are_those_left_of_the_window(client, alice, settings):
    settings.LOGIN_LOCKOUT_SECONDS = 61  # two minutes begun: "2 minutes"
    for _ in range(5):
        attempt(client, "alice", "wrong")
    assert "Too many failed logins. Try again in 2 minutes." in attempt(client, "alice", PASSWORD).content.decode()


def test_the_admin_login_the_api_token_and_the_page_share_one_count(client, staff):
    api = APIClient()
    token = reverse("api:token")
    for _ in range(2):
        assert api.post(token, {"username": "staff", "password": "wrong"}, REMOTE_ADDR=ATTACKER).status_code == 400
    for _ in range(2):
        client.post(reverse("admin:login"), {"username": "staff", "password": "wrong"}, REMOTE_ADDR=ATTACKER)
    attempt(client, "staff", "wrong")  # three ways in, one count: the fifth failure
    assert LOCKED in attempt(client, "staff", PASSWORD).content.decode()


def test_the_admin_login_names_the_minutes(client, staff):
    for _ in range(5):
        attempt(client, "staff", "wrong")
    response = client.post(reverse("admin:login"), {"username": "staff", "password": PASSWORD}, REMOTE_ADDR=ATTACKER)
    assert response.status_code == 200 and LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_api_token_endpoint_answers_429_naming_the_minutes(client, alice):
    for _ in range(5):
        attempt(client, "alice", "wrong")
    refused = APIClient().post(reverse("api:token"), {"username": "alice", "password": PASSWORD}, REMOTE_ADDR=ATTACKER)
    assert refused.status_code == 429
    assert refused.json() == {"detail": LOCKED}
    assert 890 <= int(refused["Retry-After"]) <= 900
    allowed = APIClient().post(
        reverse("api:token"), {"username": "alice", "password": PASSWORD}, REMOTE_ADDR=ALICES_DESK
    )
    assert allowed.status_code == 200 and allowed.json()["token"]


def test_the_api_token_endpoint_with_a_json_list_is_a_400(alice):
    response = APIClient().post(reverse("api:token"), [1, 2], format="json")
    assert response.status_code == 400
