# ruff: noqa: E501  (transcripts are prose: one line per speaker turn, kept verbatim)
"""Göteborg (SE, biotech): rivalry and tension, fragmented; ties run through contracts and media."""

from __future__ import annotations

from datetime import date

from cases.demo.specs import Code, InterviewSpec, Org, OutcomeSpec, Person, RegionSpec, Tie, WaveSpec

W1, W2 = "Wave 1 (2024)", "Wave 2 (2026)"

G1 = """I: CellTrace is a spin-off from Chalmers. What does the company do?
R: We develop cell-tracking assays for drug screening. I did my PhD at Chalmers, and in 2020 we licensed the method and moved into the science park. We are fourteen people now.
I: Who do you see as your main partners here?
R: Partners is a big word. We have customers, we have the science park, we have Almi as an investor. And we have a very close competitor, Nordgen Therapeutics, which is two floors above us.
I: Tell me about Nordgen.
R: We went for the same Vinnova grant in 2023 and they got it. Since then it has been, let me say, frosty. Their CEO told a journalist they were the leading cell-assay company in West Sweden. That is simply not true, and everybody in the building knows it. It is about bragging rights, who is the star of the park.
I: Does the rivalry affect daily work?
R: Yes. They hired two of our lab technicians last spring, with a higher salary. I understand it, but it hurt. We now have non-compete clauses in every contract. Before, we shared a cell-culture room with them. Now we have our own, which is a waste of money for both of us.
I: What about the pharmaceutical company in Mölndal?
R: They are our largest customer and also a risk. They like to work with start-ups through their open innovation programme, but the contracts are very tight. Everything is in writing, every meeting has an NDA. I do not trust them in a personal sense. I trust the contract.
I: How do you meet other firms in the region?
R: There are events, the science park runs a seminar series, but I rarely go. To be honest, people in Göteborg keep to themselves. The university people stay with the university, the pharma people with pharma. There is no place where everybody mixes.
I: What role does the region play, Västra Götalandsregionen?
R: They fund the science park and they talk a lot about the life-science strategy. But the strategy documents change every three years. I have stopped reading them.
I: Would you cooperate with Nordgen if a large project required it?
R: If the EU asked us both into a consortium, maybe. Business is business. But I would check every sentence of the consortium agreement.
"""

G2 = """I: You lead external research partnerships at the site in Mölndal. How do you work with the region?
R: We have an open innovation programme. Start-ups and academic groups can apply to use our compound library and to get access to our scientists. In the region we currently have about fifteen such agreements, with Chalmers, with the University of Gothenburg and with a handful of firms, CellTrace among them.
I: How are these partnerships organised?
R: Through contracts, template agreements, and a portal. Most of the exchange happens by video and e-mail. Our scientists are in Mölndal, Cambridge and Boston, so the project teams are global anyway. Whether a partner sits ten kilometres away or in another country makes little difference for the daily work.
I: So proximity does not matter?
R: It matters for the first contact. It is easier to trust a group whose professor you have met at a dinner. But once the contract is signed, the work runs through the standard processes. We rely on the professional standards of science: data sharing rules, publication rights, audits.
I: Do you see tensions with the smaller firms?
R: Sometimes the small firms feel we dominate. They are afraid that we take their ideas. I understand that. We try to be transparent, but we are a large company with a legal department, and they are fourteen people with a lawyer they pay by the hour. That asymmetry creates mistrust.
I: There is also competition for people, I assume.
R: Very much. We need data scientists and cell biologists, and so do the start-ups and the university. Salaries have gone up a lot. Some start-ups accuse us of emptying the market, and some of our managers complain that the start-ups lure away our best people with stock options.
I: What about the two universities?
R: Chalmers and the University of Gothenburg are both strong, but they rarely work together. Each has its own innovation office, its own incubator, its own events. As a company you have to maintain two separate sets of relationships. Sometimes I have to explain one to the other.
I: How would you describe the cluster overall?
R: Excellent parts that do not form a whole. Everyone talks about the life-science cluster, but in practice there are several islands.
"""

G3 = """I: Dr Nilsson, you lead a research group at Chalmers. How do you work with the University of Gothenburg?
R: Less than we should. We are ten minutes apart by tram, but the two universities have different cultures. Chalmers is engineering, they are medicine. When we applied to the EU programme last year, we first found out that a group at the university had submitted a competing proposal on almost the same topic. Nobody had talked to anybody.
I: What happened then?
R: The EU rejected both. Afterwards, the research institute RISE invited both groups to a workshop and tried to merge the proposals. That was useful; they are neutral ground. We resubmitted together in 2025 and got the grant. Now we are in one consortium, with Mölndal Pharma and CellTrace as industrial partners.
I: How is the cooperation going?
R: Formally well. The work packages are clear. But there is still a lot of suspicion. Who is the coordinator, whose name goes first on the paper, whose students get the positions. We spent three meetings on the authorship policy alone.
I: What holds the consortium together?
R: The money from Brussels, honestly, and the reporting obligations. If the EU did not require a joint deliverable every six months, the groups would drift apart again. Each side also respects that the others are competent, which helps.
I: Do you see changes compared to two years ago?
R: A little. The younger researchers are more relaxed. Our doctoral students meet theirs at a journal club that RISE started, once a month in a café near the hospital. That is new, and it is informal. I think that will matter more in ten years than our consortium.
I: And relations with the start-ups?
R: CellTrace came out of my group, so I feel some loyalty. But the founders of Nordgen also did their PhDs in the building next door. Sometimes I feel caught between two former students who no longer speak to each other.
I: Has the regional government helped?
R: They funded the workshop at RISE. But their strategy is a list of ambitions rather than a plan.
"""

G4 = """I: You work as a business coach at the science park. What is your job?
R: I coach start-ups in the incubator, about thirty firms in life science. I help with business plans, funding applications and introductions to investors, mainly Almi and some private funds.
I: In 2024 the park tried to set up a shared laboratory. What happened?
R: That is a painful story. The idea was that five start-ups would share an expensive imaging platform. The region offered to pay half. We had two workshops. In the end CellTrace and Nordgen could not agree on the booking rules, and the other three did not want to be in the middle. The project died in early 2025.
I: Why could they not agree?
R: Personal history. They had lost people to each other and were afraid that the other would see their data on the shared machine. Every proposal I made was read as favouring one side. I think I underestimated how deep the mistrust was.
I: Does the park play a bridging role otherwise?
R: We try. We introduce firms to Mölndal Pharma's open innovation programme, and that works quite well because the pharma side likes a pre-selected pipeline. We also brought Almi in early for several firms. But we are a building, not a community. People come for the cheap lab space, not for each other.
I: Are there places where people meet informally?
R: The Friday fika in the lobby. About ten people come, always the same. We also tried an after-work series, but after three evenings nobody came any more.
I: How do you see the role of the national level?
R: Vinnova matters a lot for the early money, and their calls shape what firms do. If Vinnova announces a call on precision medicine, six start-ups suddenly discover precision medicine. That creates competition, because they all apply for the same pot.
I: Is anything improving?
R: The EU consortium that Chalmers and the university finally formed has brought two of our firms together in one work package. They have to deliver together. Perhaps a contract can do what our workshops could not.
"""

REGION = RegionSpec(
    name="Göteborg",
    country="Sweden",
    technology_field="biotech",
    lifecycle_phase="growth",
    description=(
        "Life-science cluster around two universities and a pharmaceutical site: strong parts, rival start-ups, "
        "contract-based ties to large firms and few shared places."
    ),
    latitude=57.709,
    longitude=11.975,
    waves=(
        WaveSpec(W1, date(2024, 9, 1), date(2024, 12, 15)),
        WaveSpec(W2, date(2026, 9, 1), date(2026, 12, 15)),
    ),
    orgs=(
        Org("gu", "University of Gothenburg, Sahlgrenska Academy", "university", size_band="large", founded=1891),
        Org("chalmers", "Chalmers University of Technology", "university", size_band="large", founded=1829),
        Org("pharma", "Mölndal Pharma AB", "firm_large", size_band="large", founded=1953),
        Org("celltrace", "CellTrace AB", "firm_spinoff", size_band="small", founded=2020, spun_off_from="chalmers"),
        Org("nordgen", "Nordgen Therapeutics AB", "firm_startup", size_band="small", founded=2021),
        Org("vastbio", "Västbio Analys AB", "firm_sme", size_band="medium", founded=2009),
        Org("park", "Sahlgrenska Science Park", "foundry_incubator", size_band="small", founded=2006),
        Org("rise", "RISE Research Institutes of Sweden", "research_institute", size_band="large", founded=2016),
        Org("almi", "Almi Invest Väst", "finance", size_band="small", founded=2009),
        Org("vgr", "Västra Götalandsregionen", "politics", size_band="large", founded=1999),
        Org("vinnova", "Vinnova", "politics", location="quasi_external", founded=2001),
        Org("eu", "European Commission (Horizon Europe)", "politics", location="quasi_external"),
    ),
    persons=(
        Person("lindqvist", "Karin Lindqvist", "celltrace", "founder / CEO", "executive"),
        Person("eriksson", "Johan Eriksson", "pharma", "head of external research", "manager"),
        Person("nilsson", "Dr Anna Nilsson", "chalmers", "academic", "specialist"),
        Person("berg", "Erik Berg", "park", "business coach", "employee"),
        Person(
            "holm",
            "Lars Holm",
            "nordgen",
            "founder / CEO",
            "executive",
            description="Not interviewed; mentioned by several respondents.",
        ),
    ),
    interviews=(
        InterviewSpec(
            "G1",
            "Göteborg: spin-off founder (2024)",
            W1,
            date(2024, 10, 8),
            ("lindqvist",),
            G1,
            codings=(
                Code(
                    "And we have a very close competitor, Nordgen Therapeutics, which is two floors above us.",
                    "competition",
                    "both",
                ),
                Code("We went for the same Vinnova grant in 2023 and they got it.", "competition", "both"),
                Code("It is about bragging rights, who is the star of the park.", "rivalry", "both"),
                Code("They hired two of our lab technicians last spring, with a higher salary.", "rivalry", "both"),
                Code("Now we have our own, which is a waste of money for both of us.", "conflict"),
                Code("Now we have our own, which is a waste of money for both of us.", "rivalry", "coder"),
                Code("I do not trust them in a personal sense. I trust the contract.", "trust_institutional", "both"),
                Code("people in Göteborg keep to themselves", "inertia"),
                Code("There is no place where everybody mixes.", "low_threshold", "coder"),
                Code("But the strategy documents change every three years.", "trust_institutional", "coder"),
                Code("I would check every sentence of the consortium agreement", "trust_institutional"),
            ),
        ),
        InterviewSpec(
            "G2",
            "Göteborg: pharma partnership manager (2024)",
            W1,
            date(2024, 11, 12),
            ("eriksson",),
            G2,
            mode="video",
            codings=(
                Code(
                    "Through contracts, template agreements, and a portal. Most of the exchange happens by video "
                    "and e-mail.",
                    "connectivity",
                    "both",
                ),
                Code("It is easier to trust a group whose professor you have met at a dinner.", "trust_network"),
                Code("We rely on the professional standards of science", "connectivity", "both"),
                Code("We rely on the professional standards of science", "trust_institutional", "coder"),
                Code("That asymmetry creates mistrust.", "conflict", "both"),
                Code(
                    "some of our managers complain that the start-ups lure away our best people with stock options",
                    "rivalry",
                    "both",
                ),
                Code(
                    "Chalmers and the University of Gothenburg are both strong, but they rarely work together.",
                    "competition",
                ),
                Code("Sometimes I have to explain one to the other.", "boundary_spanning", "both"),
                Code("Excellent parts that do not form a whole.", "inertia"),
            ),
        ),
        InterviewSpec(
            "G3",
            "Göteborg: university group leader (2026)",
            W2,
            date(2026, 9, 22),
            ("nilsson",),
            G3,
            codings=(
                Code(
                    "a group at the university had submitted a competing proposal on almost the same topic. Nobody "
                    "had talked to anybody.",
                    "competition",
                    "both",
                ),
                Code(
                    "the research institute RISE invited both groups to a workshop and tried to merge the proposals",
                    "brokerage_aware",
                    "both",
                ),
                Code("We resubmitted together in 2025 and got the grant.", "cooperation", "both"),
                Code("We spent three meetings on the authorship policy alone.", "rivalry"),
                Code("We spent three meetings on the authorship policy alone.", "conflict", "coder"),
                Code("The money from Brussels, honestly, and the reporting obligations.", "trust_institutional"),
                Code("Each side also respects that the others are competent", "trust_competence", "both"),
                Code(
                    "Our doctoral students meet theirs at a journal club that RISE started, once a month in a café "
                    "near the hospital.",
                    "low_threshold",
                    "both",
                ),
                Code(
                    "Sometimes I feel caught between two former students who no longer speak to each other.",
                    "double_loyalty",
                    "both",
                ),
            ),
        ),
        InterviewSpec(
            "G4",
            "Göteborg: science park business coach (2026)",
            W2,
            date(2026, 10, 14),
            ("berg",),
            G4,
            codings=(
                Code("In the end CellTrace and Nordgen could not agree on the booking rules", "conflict", "both"),
                Code(
                    "They had lost people to each other and were afraid that the other would see their data on the "
                    "shared machine.",
                    "rivalry",
                    "both",
                ),
                Code("We introduce firms to Mölndal Pharma's open innovation programme", "brokerage_aware", "both"),
                Code("But we are a building, not a community.", "inertia"),
                Code("But we are a building, not a community.", "sociality", "coder"),
                Code("The Friday fika in the lobby. About ten people come, always the same.", "low_threshold"),
                Code("That creates competition, because they all apply for the same pot.", "competition", "both"),
                Code(
                    "They have to deliver together. Perhaps a contract can do what our workshops could not.",
                    "cooperation",
                ),
            ),
        ),
    ),
    ties=(
        Tie(
            "celltrace",
            "nordgen",
            W1,
            ("competition", "rivalry"),
            (1, 3, 0, 0),
            "face_to_face",
            "workplace",
            "informal",
            "none",
            "medium",
            "high",
            (
                ("G1", "We went for the same Vinnova grant in 2023 and they got it."),
                ("G1", "It is about bragging rights, who is the star of the park."),
                ("G1", "They hired two of our lab technicians last spring, with a higher salary."),
            ),
            content="grants, staff",
            memo="Open rivalry; no cooperation in wave 1.",
        ),
        Tie(
            "lindqvist",
            "holm",
            W1,
            ("rivalry",),
            (0, 3, 0, 0),
            "documents",
            "other",
            "informal",
            "none",
            "medium",
            "medium",
            (("G1", "It is about bragging rights, who is the star of the park."),),
            content="public claims",
        ),
        Tie(
            "pharma",
            "celltrace",
            W1,
            ("cooperation",),
            (1, 0, 0, 2),
            "mixed",
            "workplace",
            "formal",
            "institutional",
            "medium",
            "high",
            (
                ("G1", "I do not trust them in a personal sense. I trust the contract."),
                (
                    "G2",
                    "Through contracts, template agreements, and a portal. Most of the exchange happens by video "
                    "and e-mail.",
                ),
            ),
            content="assay contract",
            directed=True,
        ),
        Tie(
            "almi",
            "celltrace",
            W1,
            ("cooperation",),
            (1, 0, 0, 2),
            "email",
            "formal_meeting",
            "formal",
            "competence",
            "medium",
            "medium",
            (("G1", "I would check every sentence of the consortium agreement"),),
            content="investment",
            directed=True,
        ),
        Tie(
            "vinnova",
            "nordgen",
            W1,
            ("cooperation",),
            (0, 0, 0, 1),
            "online",
            "online",
            "formal",
            "none",
            "fleeting",
            "medium",
            (("G1", "We went for the same Vinnova grant in 2023 and they got it."),),
            content="grant",
            directed=True,
        ),
        Tie(
            "pharma",
            "chalmers",
            W1,
            ("cooperation",),
            (1, 0, 0, 2),
            "video",
            "online",
            "formal",
            "institutional",
            "medium",
            "medium",
            (("G2", "We rely on the professional standards of science"),),
            content="compound library access",
        ),
        Tie(
            "pharma",
            "gu",
            W1,
            ("cooperation",),
            (1, 0, 0, 2),
            "video",
            "online",
            "formal",
            "institutional",
            "medium",
            "medium",
            (
                ("G2", "We rely on the professional standards of science"),
                ("G2", "Sometimes I have to explain one to the other."),
            ),
            content="compound library access",
        ),
        Tie(
            "pharma",
            "nordgen",
            W1,
            ("rivalry",),
            (0, 2, 0, 0),
            "mixed",
            "other",
            "informal",
            "none",
            "medium",
            "low",
            (("G2", "some of our managers complain that the start-ups lure away our best people with stock options"),),
            content="staff",
        ),
        Tie(
            "chalmers",
            "gu",
            W1,
            ("competition",),
            (0, 1, 0, 0),
            "documents",
            "other",
            "formal",
            "none",
            "long_lasting",
            "medium",
            (("G2", "Chalmers and the University of Gothenburg are both strong, but they rarely work together."),),
            content="parallel offices and incubators",
        ),
        Tie(
            "chalmers",
            "gu",
            W2,
            ("competition", "rivalry", "cooperation"),
            (2, 2, 0, 2),
            "mixed",
            "formal_meeting",
            "formal",
            "institutional",
            "medium",
            "high",
            (
                (
                    "G3",
                    "a group at the university had submitted a competing proposal on almost the same topic. Nobody "
                    "had talked to anybody.",
                ),
                ("G3", "We resubmitted together in 2025 and got the grant."),
                ("G3", "We spent three meetings on the authorship policy alone."),
            ),
            content="EU consortium",
            memo="Co-opetition pair held together by the EU contract.",
        ),
        Tie(
            "rise",
            "chalmers",
            W2,
            ("cooperation",),
            (1, 1, 0, 2),
            "face_to_face",
            "event",
            "formal",
            "competence",
            "fleeting",
            "high",
            (("G3", "the research institute RISE invited both groups to a workshop and tried to merge the proposals"),),
            content="brokered workshop",
            directed=True,
        ),
        Tie(
            "rise",
            "gu",
            W2,
            ("cooperation",),
            (1, 1, 0, 2),
            "face_to_face",
            "cafe",
            "informal",
            "competence",
            "medium",
            "medium",
            (
                (
                    "G3",
                    "the research institute RISE invited both groups to a workshop and tried to merge the proposals",
                ),
                (
                    "G3",
                    "Our doctoral students meet theirs at a journal club that RISE started, once a month in a café "
                    "near the hospital.",
                ),
            ),
            content="workshop, journal club",
            directed=True,
        ),
        Tie(
            "eu",
            "chalmers",
            W2,
            ("cooperation",),
            (0, 0, 0, 2),
            "documents",
            "online",
            "formal",
            "institutional",
            "medium",
            "high",
            (("G3", "The money from Brussels, honestly, and the reporting obligations."),),
            content="grant",
            directed=True,
        ),
        Tie(
            "nilsson",
            "lindqvist",
            W2,
            ("cooperation",),
            (2, 2, 2, 1),
            "face_to_face",
            "workplace",
            "informal",
            "commitment",
            "long_lasting",
            "medium",
            (("G3", "Sometimes I feel caught between two former students who no longer speak to each other."),),
            content="former supervision",
        ),
        Tie(
            "celltrace",
            "nordgen",
            W2,
            ("rivalry", "conflict"),
            (1, 3, 0, 0),
            "face_to_face",
            "foundry_incubator",
            "formal",
            "none",
            "medium",
            "high",
            (
                ("G4", "In the end CellTrace and Nordgen could not agree on the booking rules"),
                (
                    "G4",
                    "They had lost people to each other and were afraid that the other would see their data on the "
                    "shared machine.",
                ),
            ),
            content="failed shared imaging lab",
        ),
        Tie(
            "park",
            "pharma",
            W2,
            ("cooperation",),
            (1, 0, 0, 2),
            "email",
            "formal_meeting",
            "formal",
            "expectation_congruence",
            "medium",
            "medium",
            (("G4", "We introduce firms to Mölndal Pharma's open innovation programme"),),
            content="pre-selected start-up pipeline",
            directed=True,
        ),
        Tie(
            "berg",
            "celltrace",
            W2,
            ("cooperation", "conflict"),
            (1, 1, 0, 1),
            "face_to_face",
            "foundry_incubator",
            "formal",
            "expectation_congruence",
            "fleeting",
            "medium",
            (("G4", "In the end CellTrace and Nordgen could not agree on the booking rules"),),
            content="mediation attempt",
            directed=True,
        ),
        Tie(
            "celltrace",
            "vastbio",
            W2,
            ("cooperation",),
            (1, 0, 0, 1),
            "documents",
            "online",
            "formal",
            "institutional",
            "medium",
            "low",
            (("G4", "They have to deliver together. Perhaps a contract can do what our workshops could not."),),
            content="joint EU work package",
        ),
    ),
    outcomes=(
        OutcomeSpec(
            "EU consortium on cell-based screening",
            "joint_project",
            2025,
            ("chalmers", "gu", "rise", "pharma", "celltrace", "vastbio", "eu"),
            "Horizon Europe project after a brokered merge of two rival proposals.",
            (("G3", "We resubmitted together in 2025 and got the grant."),),
        ),
        OutcomeSpec(
            "Shared imaging platform (abandoned)",
            "foundry",
            2025,
            ("park", "vgr", "celltrace", "nordgen"),
            "Planned shared imaging lab; the project failed over booking rules and mistrust.",
            (("G4", "In the end CellTrace and Nordgen could not agree on the booking rules"),),
        ),
    ),
)
