from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from cases.language.views import language_choose
from cluster_site.login_throttle import ThrottledAdminAuthenticationForm, ThrottledLoginView


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Pages name the icon in base.html; this is for the browsers' own /favicon.ico request on
    pages that do not (the admin, JSON, downloads). Resolved per request: the hashed name needs
    the collectstatic manifest, which may not exist yet when the URLconf is imported."""
    return HttpResponsePermanentRedirect(static("site/favicon.svg"))


# The admin's login says "locked, try again in N minutes" like the login page.
admin.site.login_form = ThrottledAdminAuthenticationForm

urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
    path("accounts/login/", ThrottledLoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("language/", language_choose, name="language"),
    # The scripts' texts in the page's language (gettext() in static/*.js).
    path("jsi18n/", login_required(JavaScriptCatalog.as_view()), name="javascript-catalog"),
    path("admin/", admin.site.urls),
    path("api/", include("coding.api.urls")),
    path("", include("coding.history.urls")),
    path("", include("coding.codebook.urls")),
    path("", include("coding.privacy.urls")),
    path("", include("coding.worker.urls")),
    path("", include("coding.partitions.urls")),
    path("", include("coding.layout.urls")),
    path("", include("coding.comparison.urls")),
    path("", include("coding.qca.urls")),
    path("", include("coding.jobs.urls")),
    path("", include("coding.exchange.urls")),
    path("", include("coding.interviews.urls")),
    path("", include("coding.workbench.urls")),
    path("", include("coding.search.urls")),
    path("", include("coding.memos.urls")),
    path("", include("coding.variables.urls")),
    path("", include("cases.urls")),
]

handler400 = "cluster_site.errors.bad_request"
handler404 = "cluster_site.errors.page_not_found"
