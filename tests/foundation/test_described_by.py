"""Every ``aria-describedby`` on every page points at an element that is there (issue 18: help
texts rendered without the id Django's widgets refer to). The pages are the access matrix's GET
routes, fetched as the study's lead, so a new page is checked without being listed here."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from tests.trust.test_access_matrix import MATRIX, make_world, url_of

pytestmark = pytest.mark.django_db

PAGES = sorted(name for name, entry in MATRIX.items() if entry.method == "get")


class IdsAndReferences(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.references: list[tuple[str, str]] = []  # (tag, referenced id)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        for token in (values.get("aria-describedby") or "").split():
            self.references.append((tag, token))


@pytest.fixture
def world(study, alice, bob, carol):
    return make_world(study, bob)


@pytest.mark.parametrize("name", PAGES)
def test_aria_describedby_points_at_an_element_of_the_page(client, world, name):
    client.force_login(world["study"].memberships.get(role="lead").user)
    response = client.get(url_of(name, MATRIX[name], world))
    if "text/html" not in response.get("Content-Type", ""):
        pytest.skip(f"{name} answers {response.get('Content-Type')}")
    page = IdsAndReferences()
    page.feed(response.content.decode())
    dangling = [(tag, token) for tag, token in page.references if token not in page.ids]
    assert not dangling, f"{name}: aria-describedby without its element: {dangling}"
