"""Admin for coding schemes: the code tree linking to each code's page, versions copied, in-use versions guarded."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import slugify
from simple_history.admin import SimpleHistoryAdmin

from cases.admin import MembersOnlyAdmin, MembersOnlyHistoryAdmin, RegionLinksForm
from cases.models import Study
from coding.codebook import services as schemes
from coding.codebook.import_forms import CodebookConfirmForm, CodebookImportForm
from coding.exchange.downloads import codebook_response
from coding.exchange.records import ImportErrors, Problem
from coding.exchange.refi.qdc_reader import read_codebook_file
from coding.exchange.refi.services import codebook_import
from coding.exchange.tables.codebook import tree_order
from coding.models import Code, Coding, CodingScheme, Interaction, Outcome
from coding.variables.models import Variable


class CodeMeaningForm(forms.ModelForm):
    """A code's form that refuses renaming or moving a code of an in-use scheme as a form error
    (the codebook's own check), before the admin's save would raise it."""

    def clean(self) -> dict:
        super().clean()
        cleaned = self.cleaned_data
        if self.instance.pk and not self.errors:
            # Apply the submitted values before asking whether the change is destructive.
            for field in ("name", "parent"):
                setattr(self.instance, field, cleaned.get(field))
            schemes.check_code_change(self.instance)
        return cleaned


def schemes_for(request: HttpRequest) -> Q:
    """Staff who are not superusers (a study's lead given the admin) see the versions their studies
    pin and the ones no study pins (drafts, imports); never another study's version."""
    if request.user.is_superuser:
        return Q()
    pinned = Study.objects.filter(coding_scheme__isnull=False).values("coding_scheme")
    return Q(pk__in=Study.objects.for_user(request.user).values("coding_scheme")) | ~Q(pk__in=pinned)


@admin.register(CodingScheme)
class CodingSchemeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "version", "code_count", "used_by", "based_on", "created_at"]
    search_fields = ["name", "description"]
    readonly_fields = ["based_on", "code_tree"]
    fields = ["name", "version", "description", "based_on", "code_tree"]
    actions = ["copy_to_new_version", "download_codebook", "download_codebook_csv", "download_codebook_xlsx"]
    change_list_template = "admin/coding/codingscheme/change_list.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet[CodingScheme]:
        return (
            super()
            .get_queryset(request)
            .filter(schemes_for(request))
            .select_related("based_on")
            .annotate(code_count=Count("codes", distinct=True), study_count=Count("studies", distinct=True))
        )

    @admin.display(description="codes", ordering="code_count")
    def code_count(self, scheme: CodingScheme) -> int:
        return scheme.code_count  # type: ignore[attr-defined]  # annotated by get_queryset

    @admin.display(description="studies using it", ordering="study_count")
    def used_by(self, scheme: CodingScheme) -> int:
        return scheme.study_count  # type: ignore[attr-defined]  # annotated by get_queryset

    @admin.display(description="codes")
    def code_tree(self, scheme: CodingScheme) -> str:
        """The tree, one line per code linking to its own page (where it is edited, with the in-use
        guard as a form error) and to a new sub-code; the paginated, searchable list of the scheme's
        codes one click away. One query, a few hundred bytes per code, whatever the scheme's size
        (an inline form per code made a 307-code scheme's page 8.6 MB)."""
        if not scheme.pk:
            return "Save the scheme, then add its codes."
        add = reverse("admin:coding_code_add")
        change = reverse("admin:coding_code_change", args=[0]).replace("/0/", "/{}/")  # one reverse, not 300
        tree = schemes.code_tree(scheme)
        rows = format_html_join(
            "",
            '<li style="padding-left:{}em"><span style="color:{}">■</span> <a href="{}">{}</a>'
            ' <a class="addlink" href="{}?scheme={}&amp;parent={}" title="Add a sub-code of {}">sub-code</a></li>',
            (
                (depth * 1.5, code.colour, change.format(code.pk), code.name, add, scheme.pk, code.pk, code.name)
                for code, depth in tree
            ),
        )
        listing = reverse("admin:coding_code_changelist") + f"?scheme__id__exact={scheme.pk}"
        return format_html(
            '<p><a class="addlink" href="{}?scheme={}">Add a code</a> · '
            '<a href="{}" style="text-decoration:underline">List, search and filter '
            "the {} codes</a> · a code's name opens it to edit, move or delete it</p>"
            '<ul class="code-tree" style="margin:0;padding:0;list-style:none">{}</ul>',
            add, scheme.pk, listing, len(tree), rows or format_html("<li>{}</li>", "no codes yet"),
        )  # fmt: skip

    def get_readonly_fields(self, request: HttpRequest, obj: CodingScheme | None = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.in_use:
            fields += ["name", "version"]  # a pinned version keeps its identity
        return fields

    def has_delete_permission(self, request: HttpRequest, obj: CodingScheme | None = None) -> bool:
        if obj is not None and obj.in_use:
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CodingScheme]) -> None:
        for scheme in queryset:
            schemes.check_scheme_deletion(scheme)
        super().delete_queryset(request, queryset)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # bulk delete would bypass the in-use guard's message
        return actions

    def get_urls(self) -> list[URLPattern]:
        import_page = path(
            "import-qdc/", self.admin_site.admin_view(self.import_codebook_view), name="coding_codingscheme_import_qdc"
        )
        return [import_page, *super().get_urls()]

    def import_codebook_view(self, request: HttpRequest) -> HttpResponse:
        """Upload a codebook (.qdc, .csv, .xlsx) as a new scheme version, or preview it first; every
        problem is listed and nothing is written."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        confirming = "content" in request.POST
        form_class = CodebookConfirmForm if confirming else CodebookImportForm
        form: CodebookImportForm | CodebookConfirmForm = form_class(request.POST or None, request.FILES or None)
        context: dict[str, Any] = {"problems": []}
        if request.method == "POST" and form.is_valid():
            content, filename = form.file()
            split_names = form.cleaned_data["split_names"]
            try:
                if "preview" in request.POST:
                    read = read_codebook_file(content, filename, split_names=split_names)
                    context["preview"] = {
                        "rows": [(len(path) - 1, code) for code, path in tree_order(read.codes)],
                        "read": read,
                        "scheme_name": form.scheme_name(filename),
                    }
                    context["confirm"] = CodebookConfirmForm.carrying(content, filename, form)
                else:
                    scheme = codebook_import(
                        data=content, name=form.scheme_name(filename), filename=filename, split_names=split_names
                    )
                    count = scheme.codes.count()
                    self.message_user(request, f"Imported {count} codes from {filename} as {scheme}.", messages.SUCCESS)
                    return redirect(reverse("admin:coding_codingscheme_change", args=[scheme.pk]))
            except ImportErrors as refused:
                context["problems"] = refused.problems
        if confirming and form.errors:  # a tampered or cut-off preview: start again
            messages_ = [str(message) for errors in form.errors.values() for message in errors]
            context["problems"] = [Problem("the previewed file", message) for message in messages_]
        context |= {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import a codebook (.qdc, .csv, .xlsx)",
            "form": CodebookImportForm() if confirming else form,
        }
        return TemplateResponse(request, "admin/coding/codingscheme/import_qdc.html", context)

    def _download(self, request: HttpRequest, queryset: QuerySet[CodingScheme], fmt: str) -> HttpResponse | None:
        if queryset.count() != 1:
            self.message_user(request, "Choose one scheme to download.", messages.WARNING)
            return None
        scheme = queryset.get()
        return codebook_response(scheme.pk, fmt, f"{slugify(scheme.name) or 'codebook'}-v{scheme.version}")

    @admin.action(description="Download as a REFI-QDA codebook (.qdc)")
    def download_codebook(self, request: HttpRequest, queryset: QuerySet[CodingScheme]) -> HttpResponse | None:
        return self._download(request, queryset, "qdc")

    @admin.action(description="Download as a CSV codebook (Taguette, spreadsheets)")
    def download_codebook_csv(self, request: HttpRequest, queryset: QuerySet[CodingScheme]) -> HttpResponse | None:
        return self._download(request, queryset, "codebook-csv")

    @admin.action(description="Download as an Excel codebook (.xlsx)")
    def download_codebook_xlsx(self, request: HttpRequest, queryset: QuerySet[CodingScheme]) -> HttpResponse | None:
        return self._download(request, queryset, "codebook-xlsx")

    @admin.action(description="Copy to a new version (with all codes)")
    def copy_to_new_version(self, request: HttpRequest, queryset: QuerySet[CodingScheme]) -> None:
        for scheme in queryset:
            copy = schemes.scheme_copy(scheme=scheme)
            self.message_user(request, f"Copied {scheme} to {copy} ({copy.codes.count()} codes).", messages.SUCCESS)


@admin.register(Code)
class CodeAdmin(SimpleHistoryAdmin):
    form = CodeMeaningForm
    list_display = ["name", "scheme", "parent", "order", "colour", "concept", "suggests_mode"]
    list_filter = ["scheme", "suggests_mode"]
    search_fields = ["name", "definition", "concept"]
    list_select_related = ["scheme", "parent"]
    autocomplete_fields = ["parent"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Code]:
        schemes_seen = CodingScheme.objects.filter(schemes_for(request)).values("pk")
        return super().get_queryset(request).filter(scheme__in=schemes_seen)

    def has_delete_permission(self, request: HttpRequest, obj: Code | None = None) -> bool:
        if obj is not None and obj.scheme.in_use:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_view(self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None) -> Any:
        """A code with codings or sub-codes is not deleted: the reason, on the code's page."""
        code = self.get_object(request, unquote(object_id))
        if code is not None and not code.scheme.in_use:  # in use: has_delete_permission answers 403
            try:
                schemes.check_code_deletion(code)
            except ValidationError as refused:
                self.message_user(request, " ".join(refused.messages), messages.ERROR)
                return redirect(reverse("admin:coding_code_change", args=[code.pk]))
        return super().delete_view(request, object_id, extra_context)

    def response_post_save_add(self, request: HttpRequest, obj: Code) -> HttpResponse:
        return self._back_to_scheme(obj)

    def response_post_save_change(self, request: HttpRequest, obj: Code) -> HttpResponse:
        return self._back_to_scheme(obj)

    def _back_to_scheme(self, code: Code) -> HttpResponse:
        """Saved: back to the scheme's tree, where codes are added and opened."""
        return redirect(reverse("admin:coding_codingscheme_change", args=[code.scheme_id]))


@admin.register(Coding)
class CodingAdmin(MembersOnlyHistoryAdmin):
    list_display = ["interview", "code", "coder", "start", "end", "created_at"]
    list_filter = ["code__scheme", "interview__region"]
    search_fields = ["quote", "memo"]
    list_select_related = ["interview", "code", "coder"]
    raw_id_fields = ["interview", "code", "coder"]


class InteractionAdminForm(RegionLinksForm):
    region_links = ("evidence",)


class OutcomeAdminForm(RegionLinksForm):
    region_links = ("actors", "evidence")


@admin.register(Interaction)
class InteractionAdmin(MembersOnlyHistoryAdmin):
    form = InteractionAdminForm
    list_display = ["__str__", "region", "wave", "confidence", "coder"]
    list_filter = ["region", "mode_cooperation", "mode_rivalry", "mode_competition", "mode_conflict", "confidence"]
    search_fields = ["source__name", "target__name", "content", "memo"]
    list_select_related = ["region", "wave", "source", "target", "coder"]
    raw_id_fields = ["source", "target", "wave", "coder", "evidence"]


@admin.register(Outcome)
class OutcomeAdmin(MembersOnlyAdmin):
    form = OutcomeAdminForm
    list_display = ["name", "kind", "region", "year"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "description"]
    list_select_related = ["region"]
    raw_id_fields = ["actors", "evidence"]


@admin.register(Variable)
class VariableAdmin(MembersOnlyAdmin):
    """The study's variables, read-only: they are defined on the study's variables page, whose
    service renames categories in the values and refuses changes that would orphan them."""

    list_display = ["name", "label", "target", "type", "study", "position"]
    list_filter = ["target", "type"]
    search_fields = ["name", "label", "description"]
    list_select_related = ["study"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
