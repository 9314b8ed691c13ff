# ruff: noqa: E501  (transcripts are prose: one line per speaker turn, kept verbatim)
"""Cambridgeshire (UK, ICT): brokerage, many weak ties, sociality-heavy, low-threshold settings."""

from __future__ import annotations

from datetime import date

from cases.demo.specs import Code, InterviewSpec, Org, OutcomeSpec, Person, RegionSpec, Tie, WaveSpec

W1, W2 = "Wave 1 (2024)", "Wave 2 (2026)"

C1 = """I: Thank you for making time. Could you start by describing what the Cluster Network actually does?
R: We are a membership organisation, about four hundred members, mostly software and chip design firms, plus the university departments and a few investors. Honestly, most of what we do is introductions. I spend my week making both sides aware of what the other one needs. A founder tells me she cannot find a test partner for an edge-computing board, and I know that someone at Arden Silicon has exactly that problem the other way round.
I: How do these introductions happen in practice?
R: Mostly over coffee. The monthly Cambridge Tech Breakfast is the backbone, and then there is the public lecture series at the Computer Laboratory on Thursday evenings. People come for the talk and stay for the wine. Half the deals I hear about started in that queue for the wine. These are not deep friendships, you meet someone twice a year, but that is enough to pick up the phone.
I: Would you call those relationships trusting?
R: Trust here is mostly reputation. Everybody knows everybody through two people. If you behave badly in one deal, the story is in the pub by Friday. So people trust you because somebody they know vouches for you, not because they have known you for twenty years.
I: Are there tensions between members?
R: Of course. The big firms and the start-ups compete for the same engineers. Arden complains that the start-ups poach their best people, and the start-ups say Arden pays London salaries and empties the market. We tried to get them into one room about a shared graduate scheme, and that worked better than I expected.
I: What role does the Combined Authority play?
R: They fund part of our programme and they like to see numbers. They want jobs created and firms attracted. We spend a lot of energy translating between what the firms actually do and what the civil servants can report upwards. Sometimes I feel I am mainly a translator between two languages.
I: And the national level?
R: The department in London matters for the big grants, the compute programme for instance. But they talk to us through calls and portals, not through people. You fill in the form, somebody you never meet scores it.
I: What would you change if you could?
R: More places to bump into each other. The science parks are on the edge of the city, everybody drives in and out. The best thing we ever did was to put the breakfast in a café in the centre rather than in a hotel on the ring road.
"""

C2 = """I: Your company is a spin-off from the Computer Laboratory. How did that come about?
R: We were three PhD students in the systems group. Our supervisor, Sarah Hughes, encouraged us to take the scheduling work out of the lab. The university technology transfer office helped with the licence, which took eight months, honestly too long. We incorporated in 2019 and started in the incubator at the innovation hub.
I: What did the incubator give you apart from space?
R: Neighbours. You share a kitchen with twenty other start-ups, and you learn by watching what works for them. When one of them raised money, we looked at how they pitched. When another failed, we saw why. I would call it learning by looking over the fence.
I: How did you finance the company?
R: First round from Fenland Angels. Helen Green, who led it, knew our supervisor from a board. She told me later she invested because Sarah vouched for us, not because of the spreadsheet. The angels meet in a pub near the station, and a lot of the due diligence is really gossip.
I: You mentioned competition earlier. With whom?
R: Arden Silicon, mostly for people. They are a large firm, they pay very well, and twice they hired an engineer from us just after we had trained them. We do the same to them, to be fair: last year we took one of their verification leads. There is a sort of friendly war about who gets the best graduates from the department.
I: Do you also work with Arden?
R: Yes, and that is the odd thing. We run a joint test programme with them on their new boards. Our scheduling software runs on their silicon. So we fight over engineers in the morning and co-author a white paper in the afternoon. Everybody here knows that, nobody finds it strange.
I: How important is physical proximity for you?
R: Very, but not in the sense of being next door. It is about being able to meet someone within a day. I can cycle to the lab, to Arden and to the angels in one afternoon. Most of my contacts I see at events rather than in their offices.
I: And relations with the Cluster Network?
R: Tom Barker introduced us to our first big customer. He is a connector. He does not know much about scheduling, but he knows who needs it. I would not call him a friend, but I would pick up when he calls.
"""

C3 = """I: Quaystack started in 2023. What has changed in the last two years?
R: We grew from four to eleven people. We build data tooling for machine learning teams. Most of our early users came out of the PyData meetup, which is a community that exists in Cambridge, London and Berlin at the same time. I met my co-founder there. It is a transregional crowd, people fly in for the conferences and stay connected on the chat server.
I: So much of your networking happens online?
R: Day to day, yes. We talk to contributors in five countries through the issue tracker and the chat server. I have never met half of them. It works because everybody follows the same professional norms: you write tests, you review each other's code, you do not take credit for other people's work. There is no personal trust involved, it is just how the community works.
I: And locally?
R: Locally it is the lecture series and the café meet-ups. I go to the Thursday lectures maybe once a month. That is where I met the people from FenLogic, and now we are in a strange position with them.
I: Strange in what way?
R: We bid for the same contract from the Department for Science last autumn, a compute access programme. They won, we lost. There was some bragging at the Christmas party, which annoyed me more than it should have. But at the same time we maintain an open-source scheduler plugin together. Our engineers talk every week. So we compete for the prize and we cooperate on the code.
I: How do you deal with that tension?
R: We keep the two things in different rooms. The plugin is governed in public, on the tracker, so nobody can play games. The bids are private. I think that separation is why it works.
I: Has the public funding environment changed?
R: The Department runs everything through competitions now. You never talk to a person, you upload documents. The Combined Authority is closer, they have a skills fund, but their priorities change with every mayor.
I: Do you hire locally?
R: We try. The regional college started a data apprenticeship, which is good for us because we cannot match Arden salaries for graduates. Apprentices stay longer, in our experience.
"""

C4 = """I: You both work at Arden Silicon; could you say what you do?
R1 (Priya Shah): I manage a verification team of twenty-five engineers and I coordinate our early-careers scheme.
R2 (Jamie Wells): I am a software apprentice, second year. I spend four days at Arden and one day at the Cambridge Regional College.
I: How did the apprenticeship scheme start?
R1: Frankly, because of the poaching. We lost too many graduates to start-ups, so we thought: if we train people ourselves from eighteen, they grow into the company. The Cluster Network brought us together with the college and with two smaller firms, Granta Data Systems among them, and we built a shared training programme. The smaller firms could never run a scheme alone.
I: Is that a joint project in the full sense?
R1: Yes. The college teaches, we and Granta provide placements and mentors, the Combined Authority paid for the first cohort through the skills fund. Each firm takes its apprentices, but the modules are common. There was a long argument about who pays for the lab equipment, but in the end we agreed to share it.
I: Jamie, how do you experience the programme?
R2: It is good. What I like most is the rotation: I did three months at Granta last year. You see how a small firm works, everybody does everything. And the apprentices from different firms have a group chat, we help each other with assignments. Nobody at Arden asked me what the apprentices think about the scheme, though. We are not really part of those meetings.
I: Priya, how do you see the relations with the start-ups now?
R1: Still mixed. FenLogic took one of my best leads last year, and I was not happy. But we also run a joint test programme with them, and their people are very good. I see them at the lecture series, we have a drink, it is civil. It is not a friendship, it is a working relationship with some teeth.
I: Has anything changed since the last time our team spoke to Arden, two years ago?
R1: We have become more outward-looking. Two years ago we did everything in-house. Now we sponsor the Tech Breakfast, we send engineers to the meetups, and we ask the Cluster Network to connect us to firms we would never have found. Our managers used to think the region was just a labour market. Now they see it as a source of ideas.
I: Is there anything the region lacks?
R1: Housing. The best people leave because they cannot afford to live here. No cluster policy fixes that.
"""

REGION = RegionSpec(
    name="Cambridgeshire",
    country="United Kingdom",
    technology_field="ict",
    lifecycle_phase="mature",
    description=(
        "Software and chip-design cluster around the university: many start-ups and spin-offs, a few large "
        "firms, an active cluster network brokering introductions at breakfasts and lecture series."
    ),
    latitude=52.205,
    longitude=0.119,
    waves=(
        WaveSpec(W1, date(2024, 3, 1), date(2024, 7, 31)),
        WaveSpec(W2, date(2026, 3, 1), date(2026, 7, 31)),
    ),
    orgs=(
        Org("camuni", "University of Cambridge, Computer Laboratory", "university", size_band="large", founded=1937),
        Org(
            "arden",
            "Arden Silicon Ltd",
            "firm_large",
            size_band="large",
            founded=1991,
            description="Chip design; the largest private employer of engineers in the cluster.",
        ),
        Org(
            "fenlogic",
            "FenLogic Ltd",
            "firm_spinoff",
            size_band="small",
            founded=2019,
            spun_off_from="camuni",
            description="Scheduling software for heterogeneous hardware.",
        ),
        Org("quaystack", "Quaystack Ltd", "firm_startup", size_band="small", founded=2023),
        Org("granta", "Granta Data Systems Ltd", "firm_sme", size_band="medium", founded=2004),
        Org(
            "ccn",
            "Cambridge Cluster Network",
            "intermediary",
            size_band="micro",
            founded=1998,
            description="Membership network; breakfasts, introductions, lobbying.",
        ),
        Org("hub", "St John's Innovation Hub", "foundry_incubator", size_band="small", founded=1987),
        Org("angels", "Fenland Angels", "finance", size_band="micro", founded=2002),
        Org("college", "Cambridge Regional College", "training", size_band="large", founded=1894),
        Org("cpca", "Cambridgeshire & Peterborough Combined Authority", "politics", founded=2017),
        Org(
            "dsit",
            "Department for Science, Innovation and Technology",
            "politics",
            location="quasi_external",
            founded=2023,
        ),
        Org(
            "pydata",
            "PyData community (Cambridge, London, Berlin)",
            "transregional_community",
            location="quasi_external",
        ),
    ),
    persons=(
        Person("hughes", "Dr Sarah Hughes", "camuni", "academic", "manager"),
        Person("okafor", "Daniel Okafor", "fenlogic", "founder", "executive"),
        Person("lin", "Mei Lin", "quaystack", "founder / CTO", "executive"),
        Person("barker", "Tom Barker", "ccn", "cluster manager", "manager"),
        Person("shah", "Priya Shah", "arden", "engineering manager", "manager"),
        Person("wells", "Jamie Wells", "arden", "software apprentice", "apprentice"),
    ),
    interviews=(
        InterviewSpec(
            "C1",
            "Cambridgeshire: cluster manager (2024)",
            W1,
            date(2024, 4, 18),
            ("barker",),
            C1,
            (
                Code("I spend my week making both sides aware of what the other one needs", "brokerage_aware", "both"),
                Code("The monthly Cambridge Tech Breakfast is the backbone", "low_threshold", "both"),
                Code("the public lecture series at the Computer Laboratory on Thursday evenings", "low_threshold"),
                Code(
                    "the public lecture series at the Computer Laboratory on Thursday evenings. People come for the "
                    "talk and stay for the wine",
                    "low_threshold",
                    "coder",
                ),
                Code(
                    "These are not deep friendships, you meet someone twice a year, but that is enough to pick up "
                    "the phone.",
                    "sociality",
                    "both",
                ),
                Code("Trust here is mostly reputation. Everybody knows everybody through two people.", "trust_network"),
                Code(
                    "Trust here is mostly reputation. Everybody knows everybody through two people.",
                    "sociality",
                    "coder",
                    "Read as the sociality pattern rather than a trust basis.",
                ),
                Code("The big firms and the start-ups compete for the same engineers", "rivalry"),
                Code("The big firms and the start-ups compete for the same engineers", "competition", "coder"),
                Code(
                    "We tried to get them into one room about a shared graduate scheme, and that worked better "
                    "than I expected.",
                    "cooperation",
                ),
                Code(
                    "We spend a lot of energy translating between what the firms actually do and what the civil "
                    "servants can report upwards",
                    "boundary_spanning",
                    "both",
                ),
                Code("But they talk to us through calls and portals, not through people.", "connectivity"),
            ),
        ),
        InterviewSpec(
            "C2",
            "Cambridgeshire: spin-off founder (2024)",
            W1,
            date(2024, 5, 7),
            ("okafor",),
            C2,
            (
                Code(
                    "Our supervisor, Sarah Hughes, encouraged us to take the scheduling work out of the lab",
                    "cooperation",
                    "both",
                ),
                Code(
                    "You share a kitchen with twenty other start-ups, and you learn by watching what works for them",
                    "learning_monitoring",
                    "both",
                ),
                Code(
                    "She told me later she invested because Sarah vouched for us, not because of the spreadsheet",
                    "trust_network",
                    "both",
                ),
                Code("twice they hired an engineer from us just after we had trained them", "rivalry", "both"),
                Code(
                    "There is a sort of friendly war about who gets the best graduates from the department.", "rivalry"
                ),
                Code("We run a joint test programme with them on their new boards.", "cooperation", "both"),
                Code(
                    "So we fight over engineers in the morning and co-author a white paper in the afternoon.",
                    "rivalry",
                    "coder",
                ),
                Code(
                    "So we fight over engineers in the morning and co-author a white paper in the afternoon.",
                    "cooperation",
                ),
                Code(
                    "Tom Barker introduced us to our first big customer. He is a connector.", "brokerage_aware", "both"
                ),
                Code("Most of my contacts I see at events rather than in their offices.", "low_threshold"),
            ),
        ),
        InterviewSpec(
            "C3",
            "Cambridgeshire: start-up CTO (2026)",
            W2,
            date(2026, 4, 2),
            ("lin",),
            C3,
            mode="video",
            codings=(
                Code(
                    "Most of our early users came out of the PyData meetup, which is a community that exists in "
                    "Cambridge, London and Berlin at the same time",
                    "low_threshold",
                    "both",
                ),
                Code("It works because everybody follows the same professional norms", "connectivity", "both"),
                Code("There is no personal trust involved, it is just how the community works.", "connectivity"),
                Code("That is where I met the people from FenLogic", "low_threshold", "both"),
                Code("We bid for the same contract from the Department for Science last autumn", "competition", "both"),
                Code("There was some bragging at the Christmas party", "rivalry", "both"),
                Code("So we compete for the prize and we cooperate on the code.", "cooperation", "both"),
                Code(
                    "The Department runs everything through competitions now. You never talk to a person, you "
                    "upload documents.",
                    "connectivity",
                ),
                Code("The regional college started a data apprenticeship", "collective_good"),
            ),
        ),
        InterviewSpec(
            "C4",
            "Cambridgeshire: large firm manager and apprentice (2026)",
            W2,
            date(2026, 5, 14),
            ("shah", "wells"),
            C4,
            (
                Code("Frankly, because of the poaching. We lost too many graduates to start-ups", "rivalry", "both"),
                Code(
                    "The Cluster Network brought us together with the college and with two smaller firms, Granta "
                    "Data Systems among them, and we built a shared training programme.",
                    "brokerage_aware",
                    "both",
                ),
                Code(
                    "The Cluster Network brought us together with the college and with two smaller firms, Granta "
                    "Data Systems among them, and we built a shared training programme.",
                    "collective_good",
                ),
                Code("There was a long argument about who pays for the lab equipment", "conflict"),
                Code(
                    "the apprentices from different firms have a group chat, we help each other with assignments",
                    "cooperation",
                    "both",
                ),
                Code("Nobody at Arden asked me what the apprentices think about the scheme", "inertia", "coder"),
                Code("FenLogic took one of my best leads last year", "rivalry", "both"),
                Code("It is not a friendship, it is a working relationship with some teeth.", "sociality"),
                Code("It is not a friendship, it is a working relationship with some teeth.", "rivalry", "coder"),
                Code(
                    "Our managers used to think the region was just a labour market. Now they see it as a source of "
                    "ideas.",
                    "learning_monitoring",
                ),
            ),
        ),
    ),
    ties=(
        Tie(
            "barker",
            "shah",
            W1,
            ("cooperation",),
            (1, 1, 0, 2),
            "face_to_face",
            "cafe",
            "informal",
            "network_information",
            "medium",
            "high",
            (("C1", "I spend my week making both sides aware of what the other one needs"),),
            content="introductions, contacts",
        ),
        Tie(
            "ccn",
            "fenlogic",
            W1,
            ("cooperation",),
            (1, 1, 0, 2),
            "face_to_face",
            "event",
            "informal",
            "competence",
            "medium",
            "high",
            (("C2", "Tom Barker introduced us to our first big customer. He is a connector."),),
            content="customer introduction",
            directed=True,
        ),
        Tie(
            "arden",
            "fenlogic",
            W1,
            ("rivalry", "cooperation"),
            (2, 3, 1, 3),
            "face_to_face",
            "workplace",
            "formal",
            "competence",
            "medium",
            "high",
            (
                ("C2", "twice they hired an engineer from us just after we had trained them"),
                ("C2", "We run a joint test programme with them on their new boards."),
            ),
            content="joint test programme; poaching of engineers",
            memo="Co-opetition pair.",
        ),
        Tie(
            "hughes",
            "okafor",
            W1,
            ("cooperation",),
            (3, 2, 2, 3),
            "face_to_face",
            "workplace",
            "informal",
            "commitment",
            "long_lasting",
            "high",
            (("C2", "Our supervisor, Sarah Hughes, encouraged us to take the scheduling work out of the lab"),),
            content="supervision, licence, spin-off support",
            directed=True,
        ),
        Tie(
            "angels",
            "fenlogic",
            W1,
            ("cooperation",),
            (1, 1, 1, 2),
            "face_to_face",
            "cafe",
            "formal",
            "network_information",
            "medium",
            "medium",
            (("C2", "She told me later she invested because Sarah vouched for us, not because of the spreadsheet"),),
            content="seed investment",
            directed=True,
        ),
        Tie(
            "fenlogic",
            "hub",
            W1,
            ("cooperation",),
            (2, 1, 1, 1),
            "face_to_face",
            "foundry_incubator",
            "informal",
            "expectation_congruence",
            "medium",
            "medium",
            (("C2", "You share a kitchen with twenty other start-ups, and you learn by watching what works for them"),),
            content="space, peer learning",
        ),
        Tie(
            "ccn",
            "cpca",
            W1,
            ("cooperation",),
            (1, 0, 0, 2),
            "email",
            "formal_meeting",
            "formal",
            "institutional",
            "long_lasting",
            "medium",
            (
                (
                    "C1",
                    "We spend a lot of energy translating between what the firms actually do and what the civil "
                    "servants can report upwards",
                ),
            ),
            content="programme funding, reporting",
        ),
        Tie(
            "ccn",
            "dsit",
            W1,
            ("cooperation",),
            (0, 0, 0, 1),
            "online",
            "online",
            "formal",
            "none",
            "fleeting",
            "low",
            (("C1", "But they talk to us through calls and portals, not through people."),),
            content="grant calls",
            directed=True,
        ),
        Tie(
            "quaystack",
            "fenlogic",
            W2,
            ("competition", "rivalry", "cooperation"),
            (2, 3, 1, 3),
            "mixed",
            "online",
            "informal",
            "expectation_congruence",
            "medium",
            "high",
            (
                ("C3", "We bid for the same contract from the Department for Science last autumn"),
                ("C3", "There was some bragging at the Christmas party"),
                ("C3", "So we compete for the prize and we cooperate on the code."),
            ),
            content="open-source plugin; rival bids",
            memo="Co-opetition pair.",
        ),
        Tie(
            "quaystack",
            "pydata",
            W2,
            ("cooperation",),
            (1, 0, 0, 2),
            "online",
            "online",
            "informal",
            "none",
            "medium",
            "high",
            (("C3", "It works because everybody follows the same professional norms"),),
            content="users, contributors, code review",
        ),
        Tie(
            "lin",
            "okafor",
            W2,
            ("cooperation",),
            (1, 1, 0, 1),
            "face_to_face",
            "lecture_series",
            "informal",
            "network_information",
            "fleeting",
            "medium",
            (("C3", "That is where I met the people from FenLogic"),),
            content="first contact at lecture series",
        ),
        Tie(
            "quaystack",
            "dsit",
            W2,
            ("competition",),
            (0, 0, 0, 0),
            "online",
            "online",
            "formal",
            "none",
            "fleeting",
            "medium",
            (
                (
                    "C3",
                    "The Department runs everything through competitions now. You never talk to a person, you "
                    "upload documents.",
                ),
            ),
            content="grant application",
            directed=True,
        ),
        Tie(
            "arden",
            "college",
            W2,
            ("cooperation",),
            (3, 1, 1, 3),
            "face_to_face",
            "training_network",
            "formal",
            "commitment",
            "long_lasting",
            "high",
            (
                (
                    "C4",
                    "The Cluster Network brought us together with the college and with two smaller firms, Granta "
                    "Data Systems among them, and we built a shared training programme.",
                ),
                ("C4", "There was a long argument about who pays for the lab equipment"),
            ),
            content="apprenticeship modules, placements",
        ),
        Tie(
            "arden",
            "granta",
            W2,
            ("cooperation", "conflict"),
            (2, 1, 1, 2),
            "face_to_face",
            "training_network",
            "formal",
            "commitment",
            "medium",
            "medium",
            (("C4", "There was a long argument about who pays for the lab equipment"),),
            content="shared apprentice rotation",
        ),
        Tie(
            "shah",
            "okafor",
            W2,
            ("rivalry", "cooperation"),
            (1, 2, 0, 2),
            "face_to_face",
            "lecture_series",
            "informal",
            "competence",
            "medium",
            "high",
            (
                ("C4", "FenLogic took one of my best leads last year"),
                ("C4", "It is not a friendship, it is a working relationship with some teeth."),
            ),
            content="poaching; joint test programme",
        ),
        Tie(
            "ccn",
            "arden",
            W2,
            ("cooperation",),
            (1, 1, 0, 2),
            "face_to_face",
            "event",
            "informal",
            "institutional",
            "medium",
            "medium",
            (
                (
                    "C4",
                    "Our managers used to think the region was just a labour market. Now they see it as a source of "
                    "ideas.",
                ),
            ),
            content="sponsorship, introductions",
        ),
        Tie(
            "wells",
            "granta",
            W2,
            ("cooperation",),
            (2, 1, 1, 1),
            "face_to_face",
            "training_network",
            "formal",
            "institutional",
            "fleeting",
            "medium",
            (("C4", "the apprentices from different firms have a group chat, we help each other with assignments"),),
            content="apprentice rotation placement",
            directed=True,
        ),
    ),
    outcomes=(
        OutcomeSpec(
            "Cambridge shared apprenticeship programme",
            "training_network",
            2025,
            ("arden", "granta", "college", "ccn", "cpca"),
            "Common modules at the college, placements and rotation between firms; first cohort paid by "
            "the Combined Authority's skills fund.",
            (
                (
                    "C4",
                    "The Cluster Network brought us together with the college and with two smaller firms, "
                    "Granta Data Systems among them, and we built a shared training programme.",
                ),
            ),
        ),
        OutcomeSpec(
            "Open-source scheduler plugin",
            "joint_project",
            2025,
            ("quaystack", "fenlogic", "pydata"),
            "Plugin maintained in public by two rival firms and community contributors.",
            (("C3", "So we compete for the prize and we cooperate on the code."),),
        ),
    ),
)
