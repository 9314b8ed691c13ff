"""Failed logins are limited per user name and per address; a success clears the count."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def small_limit(settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_LOCKOUT_SECONDS = 600
    caches["login_throttle"].clear()
    yield
    caches["login_throttle"].clear()


def attempt(client, username, password, address="203.0.113.7"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_wrong_password_says_so(client, alice):
    response = attempt(client, "alice", "wrong")
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_locked_after_the_limit_even_with_the_right_password(client, alice):
    for _ in range(3):
        attempt(client, "alice", "wrong")
    response = attempt(client, "alice", PASSWORD)
    assert response.status_code == 200
    assert "Too many failed logins. Try again in 10 minutes." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_follows_the_user_name_to_other_addresses(client, alice):
    for index in range(3):
        attempt(client, "Alice ", "wrong", address=f"198.51.100.{index}")
    assert "Too many failed logins" in attempt(client, "alice", PASSWORD, address="192.0.2.1").content.decode()


def test_one_address_guessing_many_names_is_locked(client, alice):
    for name in ("root", "admin", "bob"):
        attempt(client, name, "wrong")
    assert "Too many failed logins" in attempt(client, "alice", PASSWORD).content.decode()


def test_success_below_the_limit_resets_the_count(client, alice):
    attempt(client, "alice", "wrong")
    attempt(client, "alice", "wrong")
    assert attempt(client, "alice", PASSWORD, address="192.0.2.9").status_code == 302
    client.logout()
    attempt(client, "alice", "wrong", address="192.0.2.10")
    assert attempt(client, "alice", PASSWORD, address="192.0.2.11").status_code == 302


def test_the_admin_login_and_the_api_token_count_and_respect_the_lockout(client, alice):
    from rest_framework.test import APIClient

    api = APIClient()
    token = reverse("api:token")
    assert api.post(token, {"username": "alice", "password": "wrong"}, REMOTE_ADDR="198.51.100.1").status_code == 400
    client.post(reverse("admin:login"), {"username": "alice", "password": "wrong"}, REMOTE_ADDR="198.51.100.2")
    attempt(client, "alice", "wrong", address="198.51.100.3")  # three ways in, one count
    assert "Too many failed logins" in attempt(client, "alice", PASSWORD, address="192.0.2.1").content.decode()
    refused = api.post(token, {"username": "alice", "password": PASSWORD}, REMOTE_ADDR="192.0.2.2")
    assert refused.status_code == 400 and "token" not in refused.json()
