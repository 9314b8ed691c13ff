"""The CSV import as a job (``coding.jobs``), for the mapping page and the API alike.

The file was read in the request (``table.read_table``: a file that is no CSV is refused at once);
the mapping is checked at once too, so a required field left out never waits for the worker. The
job stores the parsed table (``table_json``), so the worker checks and writes the rows without
reading the file again; ``csv_import`` stays all or nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile

from coding.exchange.csv_import.fields import TARGETS
from coding.exchange.csv_import.table import CsvTable, table_json
from coding.exchange.csv_import.validation import check_mapping
from coding.exchange.records import ImportErrors, Problem
from coding.jobs.models import Job, JobKind
from coding.jobs.services import job_submit
from coding.variables.models import Variable
from coding.variables.values import ACTOR

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from cases.models import Region


def csv_import_job(
    *, region: Region, target: str, table: CsvTable, mapping: Mapping[str, str], user: User, filename: str
) -> Job:
    """Queue the import of ``table`` into ``region``; raises ImportErrors for a mapping that cannot work."""
    if target not in TARGETS:
        raise ImportErrors([Problem("target", f"Unknown import target {target!r}: actors or interactions.")])
    variables = (
        {v.name: v for v in Variable.objects.filter(study_id=region.study_id, target=ACTOR)}
        if target == "actors"
        else {}
    )
    problems = check_mapping(target, mapping, table.header, variables)
    if problems:
        raise ImportErrors(problems)
    params = {"region": region.pk, "target": target, "mapping": dict(mapping)}
    stored = ContentFile(table_json(table), name=filename or "upload.csv")
    return job_submit(kind=JobKind.CSV_IMPORT, user=user, upload=stored, study=region.study, params=params)
