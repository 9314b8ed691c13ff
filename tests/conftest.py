"""Shared fixtures: named personas with different access, as in healthchecks' tests.

- alice: lead of ``study`` · bob: coder of ``study`` · carol: viewer of ``study``
- mallory: lead of ``other_study`` only (a non-member of ``study``) · staff: Django staff, no membership
"""

from __future__ import annotations

import pytest

from cases.choices import Role
from tests import factories

# One session-wide Chromium for every browser test, wherever it lives.
pytest_plugins = ["tests.browser_fixtures"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with empty caches: failed-login counts (schemathesis posts random
    credentials to the token endpoint) must not lock later tests' logins from 127.0.0.1."""
    from django.core.cache import caches

    for each in caches.all():
        each.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language: a German request (LocaleMiddleware activates
    the language for the thread and leaves it) must not make the next test read German."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def study(db):
    return factories.StudyFactory(title="Microsystems clusters compared")


@pytest.fixture
def other_study(db):
    return factories.StudyFactory(title="Someone else's study")


@pytest.fixture
def alice(study):
    user = factories.UserFactory(username="alice")
    factories.MembershipFactory(study=study, user=user, role=Role.LEAD)
    return user


@pytest.fixture
def bob(study):
    user = factories.UserFactory(username="bob")
    factories.MembershipFactory(study=study, user=user, role=Role.CODER)
    return user


@pytest.fixture
def carol(study):
    user = factories.UserFactory(username="carol")
    factories.MembershipFactory(study=study, user=user, role=Role.VIEWER)
    return user


@pytest.fixture
def mallory(other_study):
    user = factories.UserFactory(username="mallory")
    factories.MembershipFactory(study=other_study, user=user, role=Role.LEAD)
    return user


@pytest.fixture
def staff(db):
    return factories.UserFactory(username="staff", is_staff=True)


@pytest.fixture
def region(study):
    return factories.RegionFactory(study=study, name="Dortmund", country="Germany")


@pytest.fixture
def other_region(other_study):
    return factories.RegionFactory(study=other_study, name="Göteborg", country="Sweden")
