"""A long import or export run by the worker: its file, status, progress, and result or problems.

Created by the import pages and the API (``coding.jobs.services.job_submit``); the worker runs it
(``coding.jobs.tasks.run_job``) and the job page polls it. A dump import has no study until it is
done: such a job is seen by the user who uploaded it only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.models import Study


class JobKind(models.TextChoices):
    DUMP_IMPORT = "dump_import", _("Study import from a JSON dump")
    QDPX_IMPORT = "qdpx_import", _("Coded project import (.qdpx)")
    QDPX_EXPORT = "qdpx_export", _("Coded project export (.qdpx)")
    CSV_IMPORT = "csv_import", _("CSV import of actors or interactions")
    TABLE_EXPORT = "table_export", _("Statistics table export (.xlsx)")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("waiting for the worker")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class Job(models.Model):
    kind = models.CharField(max_length=20, choices=JobKind.choices)
    study = models.ForeignKey(
        Study,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="jobs",
        help_text="Blank for a dump import until it is done.",
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs")
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    upload = models.FileField(upload_to="jobs/%Y/%m/", blank=True, help_text="Deleted when the job is finished.")
    output = models.FileField(upload_to="exports/%Y/%m/", blank=True, help_text="The file an export job made.")
    filename = models.CharField(max_length=255, help_text="The uploaded file's own name, for messages.")
    params = models.JSONField(default=dict, blank=True, help_text="The import form's other choices, as ids.")
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True, help_text="A note on how the job ran (e.g. in the request).")
    problems = models.JSONField(default=list, blank=True, help_text="[{where, message}] of a failed import.")
    result = models.JSONField(null=True, blank=True, help_text="What a finished job made (summary, study id).")
    sent_at = models.DateTimeField(null=True, blank=True, help_text="When the worker's queue took the job.")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=JobStatus.values), name="job_status_known"),
            models.CheckConstraint(condition=Q(kind__in=JobKind.values), name="job_kind_known"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filename} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
