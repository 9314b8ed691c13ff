# Run by tests/search/test_sqlite.py through "manage.py shell -c" on a fresh SQLite database:
# the search, its hits and an auto-coding run on the embedded default. Prints one JSON line.
import json

from django.contrib.auth import get_user_model
from django.test import Client

from cases.models import Interview, Membership, Region, Study
from coding.models import Code, CodingScheme
from coding.search import plans, selectors, services
from coding.search.query import parse

scheme = CodingScheme.objects.create(name="Probe scheme")
code = Code.objects.create(scheme=scheme, name="Cooperation")
study = Study.objects.create(title="Probe", coding_scheme=scheme)
user = get_user_model().objects.create_user("probe", password="probe-pass-123")
Membership.objects.create(study=study, user=user, role="lead")
region = Region.objects.create(study=study, name="Dortmund", country="DE", technology_field="ict")
Interview.objects.create(region=region, title="A", language="en", transcript="Our firm grew.\nTwo firms met.")
Interview.objects.create(region=region, title="B", language="en", transcript="No such word; a confirmation.")
Interview.objects.create(region=region, title="C", language="de", transcript="Kooperationen mit Firmen.")

tally = {}
for text in ("firm", "firms", "firm -grew", '"two firms"', "kooperation or nothing"):
    query = parse(text)
    found = selectors.with_hits(list(selectors.matching_interviews(study, query, selectors.Filters())), query)
    tally[text] = {each.interview.title: [(hit.start, hit.end) for hit in each.hits] for each in found}

args = {"study": study, "query": parse("firm"), "filters": selectors.Filters(), "code": code, "unit": "sentence"}
token = plans.plan(coder=user, **args).token
run = services.autocode_hits(coder=user, plan_token=token, **args)
tally["coded"] = sorted(coding.quote for coding in run.created)
tally["undone"] = services.autocode_undo(study=study, user=user, token=run.token, role="lead")

client = Client()
client.force_login(user)
tally["page_status"] = client.get(f"/studies/{study.pk}/search/", {"q": "firm"}, HTTP_HOST="localhost").status_code
print(json.dumps(tally))
