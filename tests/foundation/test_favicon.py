"""Review rev5: every page logged a 404 for /favicon.ico."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_pages_name_the_site_icon(client, alice):
    client.force_login(alice)
    html = client.get("/studies/").content.decode()
    assert '<link rel="icon" href="/static/site/favicon.svg"' in html


def test_favicon_ico_redirects_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("site/favicon.svg")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_page_loads_without_a_404_for_the_icon(page, log_in, alice):
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    log_in("alice")
    page.goto("/studies/")
    page.wait_for_load_state("networkidle")
    icon = page.evaluate("document.querySelector('link[rel=icon]').href")
    assert page.request.get(icon).status == 200
    assert not missing
