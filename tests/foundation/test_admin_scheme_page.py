"""The admin's page of a large coding scheme stays small and fast: a read-only tree of links
instead of a form per code (a 307-code scheme's page with inline forms was 8.6 MB and took 7 s)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coding.models import Code
from tests import factories

pytestmark = pytest.mark.django_db


def scheme_of(size: int):
    """A scheme of ``size`` codes: a tenth of them top-level, each with nine sub-codes."""
    scheme = factories.CodingSchemeFactory(name="Large", version=1)
    factories.StudyFactory(coding_scheme=scheme)  # in use, as the real 307-code scheme was
    tops = Code.objects.bulk_create(Code(scheme=scheme, name=f"Top {n:03d}", order=n) for n in range(size // 10))
    Code.objects.bulk_create(
        Code(scheme=scheme, parent=top, name=f"Sub {n:03d}", order=n) for top in tops for n in range(9)
    )
    assert scheme.codes.count() == size
    return scheme


@pytest.mark.parametrize("size", [30, 300])
def test_the_scheme_page_of_300_codes_is_under_1_mb_with_queries_that_do_not_grow(
    admin_client, django_assert_max_num_queries, size
):
    scheme = scheme_of(size)
    url = reverse("admin:coding_codingscheme_change", args=[scheme.pk])
    # The same ceiling for 30 and 300 codes: session, user, the scheme with its counts, its studies
    # (in use?), the code tree (one query), content types; nothing per code (measured: 8 and 7, the
    # first request of a session loading one cache more). The 300-code page is about 91 kB.
    with django_assert_max_num_queries(8):
        response = admin_client.get(url)
    assert response.status_code == 200
    assert len(response.content) < 1_000_000
    page = response.content.decode()
    assert page.count('class="addlink" href="/admin/coding/code/add/?scheme=') == size + 1  # each code + "Add a code"
    assert "Sub 008" in page and f"the {size} codes" in page
