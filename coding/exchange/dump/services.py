"""The write of the JSON dump: a new study from a dump, all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction

from cases.models import Study
from coding.exchange.dump import reader
from coding.exchange.dump.fields import VOCABULARY
from coding.exchange.dump.importer import Importer, existing_users
from coding.exchange.records import ImportErrors
from coding.variables.fixed import fixed_names
from coding.variables.values import TARGETS
from coding.worker.services import mark_stale

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def study_import(
    *, data: bytes, user: User, filename: str = "dump", progress: Callable[[int, int], None] | None = None
) -> Study:
    """A new study from a dump, led by ``user``; ImportErrors listing every problem, nothing written.

    The whole file is checked before any row is built; the analysis of the new regions is queued
    after the commit (``mark_stale``). ``progress(done, total)`` is told of each finished stage
    (reading and checking the file, then each kind of row), for the job page's bar.
    """
    document = reader.parse(data, max_bytes=settings.IMPORT_MAX_UPLOAD_BYTES, filename=filename)
    usernames = reader.check(
        document,
        VOCABULARY,
        existing_users,
        max_transcript_chars=settings.TRANSCRIPT_MAX_UPLOAD_BYTES,
        reserved_variable_names={target: fixed_names(target) for target in TARGETS},
    )
    importer = Importer(document, user, usernames)
    study = importer.run(progress)
    if importer.problems or study is None:
        raise ImportErrors(importer.problems)
    mark_stale([region.pk for region in importer.regions.values()])
    return study
