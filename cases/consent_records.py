"""The record that a person's consent was withdrawn (``cases.models`` imports it: one app, one model list)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsentWithdrawal(models.Model):
    """The record that a person's consent was withdrawn and what was removed (no personal data)."""

    study = models.ForeignKey("cases.Study", on_delete=models.CASCADE, related_name="consent_withdrawals")
    region = models.ForeignKey("cases.Region", on_delete=models.CASCADE, related_name="consent_withdrawals")
    # The actor row stays (anonymised) so that kept ties still have two ends.
    actor = models.ForeignKey("cases.Actor", on_delete=models.SET_NULL, null=True, related_name="consent_withdrawals")
    pseudonym = models.CharField(max_length=200)
    withdrawn_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    interviews_cleared = models.PositiveIntegerField(default=0)
    codings_removed = models.PositiveIntegerField(default=0)
    ties_kept = models.PositiveIntegerField(default=0)
    ties_removed = models.PositiveIntegerField(default=0)
    history_rows_purged = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-withdrawn_at"]
        verbose_name, verbose_name_plural = _("consent withdrawal"), _("consent withdrawals")

    def __str__(self) -> str:
        return f"Consent withdrawn: {self.pseudonym} ({self.withdrawn_at:%Y-%m-%d})"
