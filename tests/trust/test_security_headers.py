"""Security headers: CSP on pages, nosniff, framing denied; HSTS and secure cookies in production."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_pages_send_csp_nosniff_and_deny_framing(client, alice, study):
    client.force_login(alice)
    for url in (reverse("cases:study-list"), reverse("cases:study-detail", args=[study.pk])):
        response = client.get(url)
        assert response.status_code == 200, url
        csp = response["Content-Security-Policy"]
        assert "default-src 'self'" in csp
        assert "script-src 'self'" in csp
        assert "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";", 1)[0]
        assert "object-src 'none'" in csp
        assert "frame-ancestors 'none'" in csp
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_login_page_has_csp_for_anonymous(client):
    response = client.get(reverse("login"))
    assert "Content-Security-Policy" in response


def test_production_settings_enable_hsts_and_secure_cookies():
    """Settings are read at import time, so load them in a fresh interpreter with production env."""
    env = {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_SETTINGS_MODULE": "cluster_site.settings",
    }
    for key in ("DJANGO_SECURE_COOKIES", "DJANGO_SECURE_SSL_REDIRECT", "DJANGO_SECURE_HSTS_SECONDS"):
        env.pop(key, None)
    code = (
        "import json, django; django.setup(); from django.conf import settings as s;"
        "print(json.dumps([s.DEBUG, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_HTTPONLY]))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    debug, hsts, session_secure, csrf_secure, ssl_redirect, httponly = json.loads(out.stdout)
    assert debug is False
    assert hsts >= 60 * 60 * 24 * 365
    assert session_secure and csrf_secure and ssl_redirect and httponly
