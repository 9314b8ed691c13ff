from __future__ import annotations

from django.urls import path

from coding.privacy import views as consent_views

app_name = "consent"

urlpatterns = [
    path("actors/<int:pk>/withdraw-consent/", consent_views.withdraw_consent, name="withdraw"),
    path("actors/<int:pk>/pseudonymise/", consent_views.pseudonymise, name="pseudonymise"),
]
