"""The default coding scheme, built from docs/domain.md and installed by migration 0003.

Each code is (name, colour, concept, definition, example, children). Studies pin this version;
a research team adapts it by copying it to a new version in the admin.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from django.db.backends.base.schema import BaseDatabaseSchemaEditor
    from django.db.migrations.state import StateApps

SCHEME_NAME = "Regional cluster sociology"
SCHEME_VERSION = 1
SCHEME_DESCRIPTION = (
    "Concepts for comparative case studies of regional high-tech clusters: proximity, coordination "
    "modes, trust, brokerage, collective learning, emergence, Grabher's sociality types, actor "
    "capabilities and knowledge."
)


class CodeSpec(NamedTuple):
    name: str
    colour: str
    concept: str
    definition: str
    example: str = ""
    children: tuple[CodeSpec, ...] = ()


def _c(name: str, colour: str, concept: str, definition: str, example: str = "", *children: CodeSpec) -> CodeSpec:
    return CodeSpec(name, colour, concept, definition, example, tuple(children))


DEFAULT_CODES: tuple[CodeSpec, ...] = (
    _c(
        "Proximity", "#4c78a8", "Proximity",
        "How closeness between actors is produced: by place, by shared social context, or by media.",
        "",
        _c("Geographical proximity", "#5b8cc0", "Proximity",
           "Actors are close in space (same town, campus, building) and say this matters for their contacts.",
           "\"We are three streets apart, so you just walk over.\""),
        _c("Social proximity", "#6a9fd8", "Proximity",
           "Closeness through shared background, friendship, former colleagues or a common community, "
           "independent of distance.",
           "\"We did our PhDs in the same group, that is why I call him first.\""),
        _c("Face-to-face (co-presence)", "#3a6591", "Proximity",
           "Interaction that needs being in the same place: meetings, lab visits, chance encounters.",
           "\"You only really understand their process when you stand in their clean room.\""),
        _c("Reachability through media", "#2e5275", "Proximity",
           "Contact kept up by phone, video, e-mail or online platforms rather than by co-presence.",
           "\"With Munich it is all video calls now.\""),
        _c("Low-threshold contacts", "#7fb3e6", "Opportunity structure",
           "Places and formats that make contact easy and cheap, an opportunity structure for ties.",
           "",
           _c("Cafés and informal meeting places", "#8cc0ee", "Opportunity structure",
              "Informal venues where people of different organisations meet by chance or by habit.",
              "\"Half the deals here started at the café next to the institute.\""),
           _c("Public lecture series", "#99ccf5", "Opportunity structure",
              "Regular open talks that bring researchers, firms and the public together.",
              "\"The Thursday lecture is where you see who is new in town.\""),
           _c("Events and fairs", "#a6d5fa", "Opportunity structure",
              "Conferences, fairs, network evenings organised in or for the region.",
              "\"At the cluster night I met the people from the foundry.\""),
           _c("Foundries, incubators, technology centres", "#b3ddfc", "Opportunity structure",
              "Shared infrastructure whose users meet each other while using it.",
              "\"In the incubator the kitchen is the real meeting room.\""),
           _c("Training networks", "#c0e4fd", "Opportunity structure",
              "Joint vocational or continuing training across firms that creates contacts among staff.",
              "\"Our apprentices train together with those of three other firms.\"")),
    ),
    _c(
        "Coordination", "#e45756", "Coordination mode",
        "How actors relate to each other in pursuing their goals; one pair of actors can show several modes.",
        "",
        _c("Competition", "#ec7a79", "Coordination mode",
           "Parallel striving for the same prize (customers, funding, staff); may involve no interaction at all.",
           "\"We both bid for the same EU call, but we never talk about it.\""),
        _c("Rivalry", "#d1403f", "Coordination mode",
           "Direct, personal, goal-directed attention to a specific other: poaching staff, bragging rights, "
           "measuring oneself against them.",
           "\"They took two of our best engineers last year, and they made sure we knew.\""),
        _c("Confrontation / conflict", "#a82e2d", "Coordination mode",
           "Open dispute: legal action, public disagreement, blocked decisions, broken agreements.",
           "\"The union and the management did not speak for months over the shift model.\""),
        _c("Cooperation", "#f29c9b", "Coordination mode",
           "Partial joint control of the environment: joint projects, shared resources, agreements. "
           "Not necessarily 'good' cooperation.",
           "\"We share the measurement lab and split the costs.\""),
        _c("Co-opetition", "#f7bcbb", "Coordination mode",
           "The same pair of actors both rivals or competes and cooperates.",
           "\"We fight over customers and still run the training network together.\""),
    ),
    _c(
        "Trust", "#54a24b", "Trust (Beckert)",
        "Why a truster takes the risk of relying on another: the trustee's self-presentation, "
        "information from the network, institutions.",
        "",
        _c("Commitment", "#6bb862", "Trust (Beckert)",
           "Exit barriers and advance performance expecting reciprocity: the trustee binds themselves.",
           "\"They paid for the first prototype before we had signed anything.\""),
        _c("Expectation congruence", "#82c979", "Trust (Beckert)",
           "The trustee shows that they share the truster's expectations and ways of doing things.",
           "\"They think like engineers, like us; you don't have to explain everything.\""),
        _c("Competence", "#3f8a37", "Trust (Beckert)",
           "The trustee demonstrates that they are able to do what they promise.",
           "\"Their simulation results were right every time, so we rely on them.\""),
        _c("Integrity", "#2f6b29", "Trust (Beckert)",
           "The trustee shows that they keep to norms and do not exploit the truster's vulnerability.",
           "\"When they found our error they told us instead of using it.\""),
        _c("Network information (gossip, reputation)", "#99d691", "Trust",
           "Trust or distrust based on what third parties say about the trustee.",
           "\"Everybody here knows that you can work with them.\""),
        _c("Institutional trust", "#b0e2a9", "Trust",
           "Reliance on contracts, chambers, standards, public rules instead of the person.",
           "\"We have a framework agreement through the chamber, that is enough.\""),
        _c("Reciprocity norms", "#c7ecc2", "Trust",
           "Statements about giving and returning favours as an expected rule of the region.",
           "\"If you help someone here, it comes back to you.\""),
    ),
    _c(
        "Brokerage", "#f58518", "Structural holes (Burt)",
        "An actor connects others who are not connected themselves, in one of Burt's four forms.",
        "",
        _c("Making interests known", "#f79a40", "Brokerage (Burt)",
           "Making both sides of a structural hole aware of each other's interests and difficulties.",
           "\"I told the university what the SMEs actually need from graduates.\""),
        _c("Transferring best practice", "#f9af68", "Brokerage (Burt)",
           "Carrying a practice that works in one group to another group.",
           "\"We took the quality routine we learned at Bosch to the small suppliers.\""),
        _c("Drawing analogies", "#fbc490", "Brokerage (Burt)",
           "Seeing that a problem in one group is like a problem another group has solved.",
           "\"Their packaging problem is the same as ours in medical sensors.\""),
        _c("Synthesis", "#fdd9b8", "Brokerage (Burt)",
           "Combining beliefs or behaviours of different groups into something new.",
           "\"Out of the two approaches we built a new test procedure.\""),
    ),
    _c(
        "Collective learning", "#b279a2", "Collective learning",
        "Learning that happens between organisations of the region rather than inside one firm.",
        "",
        _c("Common language", "#c294b6", "Collective learning (Keeble)",
           "Shared terms and codes that make communication across organisations easy.",
           "\"Here everyone means the same thing by 'wafer level'.\""),
        _c("Shared specific knowledge", "#d2afca", "Collective learning (Lawson/Lorenz)",
           "Knowledge held in common by the region's actors, specific to its technology.",
           ""),
        _c("Shared problem solving", "#e2cade", "Collective learning (Lawson/Lorenz)",
           "A common understanding of how problems are approached and solved.",
           ""),
        _c("Learning by monitoring", "#9a5f8b", "Collective learning (Sabel)",
           "Partners watch and evaluate each other's performance and learn from it while cooperating.",
           "\"Each quarter we compare yields with our partner and discuss the differences.\""),
        _c("Organisational inertia", "#804c73", "Collective learning",
           "Routines or commitments that keep an organisation from learning or changing.",
           "\"The big firm still does it the way they did in the nineties.\""),
    ),
    _c(
        "Emergence", "#eeca3b", "Emergence",
        "Collective results of interaction that no single actor produced.",
        "",
        _c("Club-like interactions", "#f2d665", "Emergence",
           "A closed circle of actors that cooperate repeatedly and exclude others.",
           "\"It is always the same five companies at the table.\""),
        _c("Collective goods", "#f5e08e", "Emergence",
           "Goods produced jointly and usable by the members: training networks, foundries, standards.",
           "\"The shared clean room would never have existed for a single firm.\""),
        _c("Shared routines and norms", "#d9b21f", "Emergence",
           "Ways of doing things that have become common across organisations of the region.",
           ""),
        _c("Boundary objects", "#bf9a12", "Emergence",
           "Objects (prototypes, roadmaps, standards) that different groups use and interpret together.",
           ""),
        _c("Knowledge practices", "#f8ebb8", "Emergence",
           "Practices by which knowledge is produced, validated and passed on in the region.",
           ""),
    ),
    _c(
        "Sociality type (Grabher)", "#72b7b2", "Grabher's sociality types",
        "The kind of sociality a relation or setting shows (see docs/domain.md).",
        "",
        _c("Communality", "#5aa7a2", "Grabher's sociality types",
           "Strong, long-lasting, trusting ties with emotional attachment, often including the private sphere.",
           "\"We have known each other since school; our families go on holiday together.\""),
        _c("Sociality", "#8bc7c3", "Grabher's sociality types",
           "Intense but short-lived ties, often project-based, with little commitment.",
           "\"For the fair project we worked day and night together, then everyone moved on.\""),
        _c("Connectivity", "#a7d6d3", "Grabher's sociality types",
           "Weak, fleeting, often media-based ties serving information exchange.",
           "\"We follow each other on LinkedIn and exchange the odd e-mail.\""),
    ),
    _c(
        "Actor capabilities", "#9d755d", "Actor capabilities",
        "What individual persons are able to do between organisations and worlds.",
        "",
        _c("Boundary spanning", "#b08b75", "Actor capabilities",
           "A person works across organisational or regional borders and links them.",
           "\"She sits on the board of the institute and of the chamber.\""),
        _c("Double loyalty", "#c3a28e", "Actor capabilities",
           "A person is loyal to two organisations at once (e.g. former employer and current firm).",
           "\"I still feel I belong to the university as much as to my start-up.\""),
        _c("Bridging cognitive dissonance", "#8a6550", "Actor capabilities",
           "A person translates between groups that think differently, e.g. researchers and managers.",
           ""),
    ),
    _c(
        "Knowledge", "#bab0ac", "Knowledge",
        "Kinds of knowledge that flow or do not flow between actors.",
        "",
        _c("Tacit knowledge", "#a59c97", "Knowledge",
           "Knowledge that is hard to write down and travels with people and co-presence.",
           "\"You can't put the trick with the etching into a manual.\""),
        _c("Codified knowledge", "#cfc7c3", "Knowledge",
           "Knowledge written down in documents, patents, publications or software.",
           ""),
        _c("Experience knowledge", "#8f8681", "Knowledge",
           "Knowledge gained by doing, from practice.",
           ""),
        _c("Planning knowledge", "#ddd7d4", "Knowledge",
           "Knowledge for planning and steering, e.g. roadmaps and market studies.",
           ""),
    ),
)  # fmt: skip


def iter_codes(codes: tuple[CodeSpec, ...] = DEFAULT_CODES, parent: str = "") -> Iterator[tuple[str, str, CodeSpec]]:
    """(path, parent path, spec) of every code, parents before children; paths join names with '/'."""
    for spec in codes:
        path = f"{parent}/{spec.name}" if parent else spec.name
        yield path, parent, spec
        yield from iter_codes(spec.children, path)


def default_scheme_codes() -> list[str]:
    """Paths of all default codes, e.g. "Coordination/Rivalry" (for the demo data and tests)."""
    return [path for path, _parent, _spec in iter_codes()]


def install_default_scheme(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    CodingScheme = apps.get_model("coding", "CodingScheme")
    Code = apps.get_model("coding", "Code")
    scheme, created = CodingScheme.objects.get_or_create(
        name=SCHEME_NAME, version=SCHEME_VERSION, defaults={"description": SCHEME_DESCRIPTION}
    )
    if not created:
        return
    by_path: dict[str, object] = {}
    siblings: dict[str, int] = {}
    for path, parent, spec in iter_codes():
        order = siblings.get(parent, 0)
        siblings[parent] = order + 1
        by_path[path] = Code.objects.create(
            scheme=scheme,
            parent=by_path.get(parent),
            name=spec.name,
            colour=spec.colour,
            concept=spec.concept,
            definition=spec.definition,
            example=spec.example,
            order=order,
        )


def remove_default_scheme(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    CodingScheme = apps.get_model("coding", "CodingScheme")
    Code = apps.get_model("coding", "Code")
    scheme = CodingScheme.objects.filter(name=SCHEME_NAME, version=SCHEME_VERSION).first()
    if scheme is None:
        return
    # Children first: a code's parent is PROTECTed.
    codes = list(Code.objects.filter(scheme=scheme).values_list("pk", "parent_id"))
    depth = {pk: 0 for pk, _ in codes}
    parents = dict(codes)
    for pk in depth:
        node = parents[pk]
        while node is not None:
            depth[pk] += 1
            node = parents[node]
    for pk in sorted(depth, key=lambda pk: depth[pk], reverse=True):
        Code.objects.filter(pk=pk).delete()
    scheme.delete()
