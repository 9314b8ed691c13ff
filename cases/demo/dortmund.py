# ruff: noqa: E501  (transcripts are prose: one line per speaker turn, kept verbatim)
"""Dortmund (DE, microsystems): club-like core, communality, cooperative regime with a works council.

Interviews were conducted in German; the transcripts are the research team's English translations.
"""

from __future__ import annotations

from datetime import date

from cases.demo.specs import Code, InterviewSpec, Org, OutcomeSpec, Person, RegionSpec, Tie, WaveSpec

W1, W2 = "Wave 1 (2024)", "Wave 2 (2026)"
TRANSLATED = "Conducted in German; English translation by the research team."

D1 = """I: Frau Brandt, how did RuhrSens come to Dortmund?
R: We did not come, we grew here. My predecessor founded the company in 1996 out of the steel crisis, with engineers who had lost their jobs at the Hoesch works. Back then the city put a lot of money into the technology park and the microsystems programme, and we were among the first tenants.
I: Who are your most important partners in the region?
R: The same ones as twenty years ago, more or less. Emscher Mikrotechnik, the university chair of Professor Becker, the MST.factory and Westfalia Elektronik as our biggest customer. We know each other very well. Klaus Hoffmann from the factory was a witness at my wedding. Our children went to the same school. That sounds provincial, but it means that when I have a problem on a Friday evening I can call him and the clean room is open on Saturday.
I: Is there also competition between you and Emscher?
R: In principle we make similar sensors, yes. But we have an unwritten rule: we do not take each other's customers and we do not poach each other's people. If someone from Emscher applies to us, I call their managing director first. Others may find that old-fashioned.
I: Where do you meet?
R: There is a regular table, a Stammtisch, on the first Tuesday of the month in a pub near the technology park. Maybe twelve people, always the same faces. The network association organises the official events, but the important things are discussed at the Stammtisch.
I: How do newcomers get into this circle?
R: With difficulty, I admit. A young start-up from Bochum wanted to use the foundry last year. Nobody knew them, and it took months. Someone has to vouch for you. We are not closed on purpose, but we have been together so long that we speak our own language.
I: What did the training network change?
R: A great deal. No small firm can train microtechnologists alone, the equipment is too expensive. Together with the vocational college and the chamber, we founded a training network in 2011. The apprentices rotate between the firms and the foundry. Today half of my technicians come from that network. It is our common good, if you like.
I: How do you see the role of the state?
R: The ministry in Düsseldorf funded the foundry and still co-funds the network. Without that there would be no clean room here. But the ministry thinks in funding periods of three years, we think in decades.
"""

D2 = """I: Herr Kowalski, you are chair of the works council at Westfalia Elektronik. What does the council have to do with the cluster?
R: More than people think. When the company introduced the new clean-room shift model in 2023, that went through us. And the training network, which everyone praises now, exists partly because the union pushed for it years ago. IG Metall insisted that apprenticeships remain in the region and do not move to the plant in Hungary.
I: Was there conflict about the shift model?
R: Yes, a serious one. Management wanted twelve-hour shifts to run the clean room around the clock. We said no. For three months the mood was bad, there were meetings every week, the union brought in a lawyer. In the end we agreed on a model with eight-hour shifts and a bonus. Both sides could live with it.
I: Did the conflict damage relations?
R: No. That is the point. We have known management for decades, we argue, but we keep our word. When I say something in the meeting, it holds. They know that, and I know that their word holds. Conflict and cooperation are not opposites here. We are in the same boat.
I: How does the council see the small firms and the start-ups?
R: With some worry. In the small firms there is often no works council, and wages are lower. We see that young people sometimes go there because it is more exciting, and then come back to us when they have children. At the chamber's training committee I sit next to the managing directors of the small firms. We argue about wages, but we agree on training.
I: How is the training committee organised?
R: The chamber chairs it. Employers, the union and the vocational college are at the table. Everything is formal, with minutes and votes. But before each meeting the important people talk on the phone. You know who will say what.
I: Are there actors who are missing from this circle?
R: The start-ups, certainly. And honestly, the apprentices themselves. We represent them formally, but they rarely speak up in the committee. Also the people from the ministry only appear when a funding decision is due.
I: What worries you about the future?
R: That the old core retires. Many of us are over sixty. The trust we have was built over thirty years; you cannot hand it over with a folder.
"""

D3 = """I: Herr Hoffmann, the MST.factory is often called the heart of the cluster. Do you agree?
R: It is a bit of a cliché, but yes. We are a shared clean room, a foundry and an incubator at the same time. Eleven firms use the equipment regularly. No single firm here could afford a lithography line. Together we can.
I: How is access to the foundry regulated?
R: Formally by a user agreement and a price list. Informally by the users' circle, which meets every quarter. The big users, RuhrSens, Emscher and Westfalia, have a strong voice there. They decide which equipment we buy next. We have to be careful that it does not become a closed club. A new firm must not have the feeling that the old ones decide everything.
I: And does it become a closed club?
R: Sometimes, yes. Last year a start-up wanted night slots, and the old users objected because their own test runs would be delayed. I had to mediate. In the end we found a compromise, but the start-up founder told me he felt like a guest in someone else's living room.
I: Where does the money come from?
R: About forty per cent from user fees, the rest from the state ministry and the city's economic development agency. Since 2025 we also receive money from an EU programme for semiconductor pilot lines, which means a lot of reporting. The EU people we know only through video conferences and reports.
I: What role does the university play?
R: Professor Becker's chair is on the same campus. His doctoral students use the clean room, and many of them later found firms or go to the firms here. Emscher is a spin-off of his chair. We learn a lot from each other because we all work on the same machines; problems are solved at the machine, not in meetings.
I: What has changed since our last interview two years ago?
R: The first generation is handing over. Frau Brandt is preparing her succession. The young managers are more mobile and more connected to Munich and Eindhoven. I see that as an opportunity, but the old way of doing things by handshake is getting weaker.
I: Is that a loss?
R: Partly. The handshake made things fast. But it also kept people out. I hope we can keep the trust and open the door.
"""

D4 = """I: Deniz, you are training as a microtechnologist. Where exactly?
R: My contract is with Emscher Mikrotechnik, but I spend a lot of time elsewhere. In the first year I was mostly at the vocational college and in the training workshop at the MST.factory. Now in the third year I rotate: three months at RuhrSens, three months at Westfalia in the clean room.
I: How is that for you?
R: Honestly, great. You see different firms and different ways of working. At Westfalia everything is very structured, with a works council and fixed shifts. At RuhrSens the boss comes to the clean room herself and asks how you are. At Emscher we are twenty people, you do a bit of everything.
I: Do the apprentices from different firms know each other?
R: Very well. There are twenty-two of us in my year across all firms, and we have done the workshop courses together. We have a group chat, we help each other before exams, and on Fridays we often go to the football together. Some of my best friends are apprentices from other companies.
I: Does that matter for the firms?
R: I think so. When something goes wrong with a machine at RuhrSens, I sometimes write to a friend at Westfalia who has seen the same error. That is faster than any hotline. The older colleagues say they did the same thing thirty years ago at the Stammtisch.
I: Do you feel heard in the training network?
R: Partly. There is an apprentice representative on the works council at Westfalia, but at Emscher there is no works council at all. In the training committee at the chamber, the apprentices are not present. Our teachers speak for us. I would like that to change.
I: Have you thought about where you want to work afterwards?
R: Most of us want to stay. Two friends have already been offered contracts by firms where they did their rotation. There is a bit of competition about who gets the good apprentices, but it is fair. The firms have agreed not to make offers before the final exam.
I: Would you go to another region?
R: Maybe for a while, to Dresden or Eindhoven. But my family is here, my friends are here. People here say the Ruhr is a village with five million inhabitants.
"""

REGION = RegionSpec(
    name="Dortmund",
    country="Germany",
    technology_field="microsystems",
    lifecycle_phase="renewal",
    description=(
        "Microsystems cluster grown out of the steel crisis: a shared foundry, a club-like core of long-standing "
        "firms, a strong works council and a training network run with the chamber and the union."
    ),
    latitude=51.514,
    longitude=7.468,
    waves=(
        WaveSpec(W1, date(2024, 2, 1), date(2024, 6, 30)),
        WaveSpec(W2, date(2026, 2, 1), date(2026, 6, 30)),
    ),
    orgs=(
        Org("tudo", "TU Dortmund, Chair of Microsystems", "university", size_band="large", founded=1968),
        Org("imsd", "Institut für Mikrosensorik Dortmund", "research_institute", size_band="medium", founded=1992),
        Org(
            "mstf",
            "MST.factory dortmund",
            "foundry_incubator",
            size_band="small",
            founded=2005,
            description="Shared clean room, foundry and incubator.",
        ),
        Org("ruhrsens", "RuhrSens GmbH", "firm_sme", size_band="medium", founded=1996),
        Org(
            "emscher",
            "Emscher Mikrotechnik GmbH",
            "firm_spinoff",
            size_band="small",
            founded=2008,
            spun_off_from="tudo",
        ),
        Org("westfalia", "Westfalia Elektronik AG", "firm_large", size_band="large", founded=1952),
        Org("ihk", "IHK zu Dortmund (chamber)", "intermediary", size_band="medium", founded=1863),
        Org("mstnet", "MST-Netzwerk Ruhr e.V.", "intermediary", size_band="micro", founded=2001),
        Org("igm", "IG Metall Dortmund", "union", size_band="small"),
        Org("bk", "Robert-Bosch-Berufskolleg (vocational college)", "training", size_band="medium", founded=1912),
        Org("wifoe", "Wirtschaftsförderung Dortmund", "politics", size_band="medium"),
        Org("mwike", "NRW Ministry of Economic Affairs", "politics", location="quasi_external"),
        Org("eu", "European Commission (Chips JU pilot lines)", "politics", location="quasi_external"),
    ),
    persons=(
        Person("brandt", "Dr Ulrike Brandt", "ruhrsens", "managing director", "executive"),
        Person("kowalski", "Andrzej Kowalski", "westfalia", "works council chair", "works_council"),
        Person("hoffmann", "Klaus Hoffmann", "mstf", "head of foundry", "manager"),
        Person("becker", "Prof. Martin Becker", "tudo", "academic", "executive"),
        Person("yilmaz", "Deniz Yilmaz", "emscher", "apprentice microtechnologist", "apprentice"),
    ),
    interviews=(
        InterviewSpec(
            "D1",
            "Dortmund: SME managing director (2024)",
            W1,
            date(2024, 3, 12),
            ("brandt",),
            D1,
            language="de",
            memo=TRANSLATED,
            codings=(
                Code("The network association organises the official events", "club_like", "coder"),
                Code("The network association organises the official events", "trust_institutional"),
                Code("Klaus Hoffmann from the factory was a witness at my wedding", "communality", "both"),
                Code(
                    "when I have a problem on a Friday evening I can call him and the clean room is open on Saturday",
                    "trust_commitment",
                    "both",
                ),
                Code(
                    "we have an unwritten rule: we do not take each other's customers and we do not poach each "
                    "other's people",
                    "club_like",
                    "both",
                ),
                Code(
                    "we have an unwritten rule: we do not take each other's customers and we do not poach each "
                    "other's people",
                    "competition",
                    "coder",
                    "Restrained competition.",
                ),
                Code(
                    "There is a regular table, a Stammtisch, on the first Tuesday of the month", "low_threshold", "both"
                ),
                Code("Maybe twelve people, always the same faces.", "club_like"),
                Code("Nobody knew them, and it took months. Someone has to vouch for you.", "club_like", "both"),
                Code("we have been together so long that we speak our own language", "common_language"),
                Code("we have been together so long that we speak our own language", "inertia", "coder"),
                Code(
                    "Together with the vocational college and the chamber, we founded a training network in 2011.",
                    "collective_good",
                    "both",
                ),
                Code(
                    "The ministry in Düsseldorf funded the foundry and still co-funds the network.",
                    "trust_institutional",
                ),
            ),
        ),
        InterviewSpec(
            "D2",
            "Dortmund: works council chair (2024)",
            W1,
            date(2024, 4, 23),
            ("kowalski",),
            D2,
            language="de",
            memo=TRANSLATED,
            codings=(
                Code("IG Metall insisted that apprenticeships remain in the region", "cooperation", "both"),
                Code(
                    "For three months the mood was bad, there were meetings every week, the union brought in a lawyer.",
                    "conflict",
                    "both",
                ),
                Code(
                    "We have known management for decades, we argue, but we keep our word.", "trust_integrity", "both"
                ),
                Code("Conflict and cooperation are not opposites here.", "cooperation"),
                Code("Conflict and cooperation are not opposites here.", "conflict", "coder"),
                Code("We argue about wages, but we agree on training.", "cooperation", "both"),
                Code("Everything is formal, with minutes and votes.", "trust_institutional"),
                Code("But before each meeting the important people talk on the phone.", "club_like", "coder"),
                Code("We represent them formally, but they rarely speak up in the committee", "double_loyalty"),
                Code("The trust we have was built over thirty years", "communality", "both"),
            ),
        ),
        InterviewSpec(
            "D3",
            "Dortmund: head of the foundry (2026)",
            W2,
            date(2026, 3, 5),
            ("hoffmann",),
            D3,
            language="de",
            memo=TRANSLATED,
            codings=(
                Code(
                    "No single firm here could afford a lithography line. Together we can.", "collective_good", "both"
                ),
                Code("The big users, RuhrSens, Emscher and Westfalia, have a strong voice there.", "club_like", "both"),
                Code("the start-up founder told me he felt like a guest in someone else's living room", "club_like"),
                Code("the old users objected because their own test runs would be delayed", "conflict", "both"),
                Code(
                    "the rest from the state ministry and the city's economic development agency",
                    "trust_institutional",
                    "both",
                ),
                Code("The EU people we know only through video conferences and reports.", "connectivity", "both"),
                Code("Emscher is a spin-off of his chair.", "cooperation"),
                Code("problems are solved at the machine, not in meetings", "tacit", "both"),
                Code("the old way of doing things by handshake is getting weaker", "communality"),
                Code("the old way of doing things by handshake is getting weaker", "inertia", "coder"),
            ),
        ),
        InterviewSpec(
            "D4",
            "Dortmund: apprentice microtechnologist (2026)",
            W2,
            date(2026, 4, 20),
            ("yilmaz",),
            D4,
            language="de",
            memo=TRANSLATED,
            codings=(
                Code(
                    "Now in the third year I rotate: three months at RuhrSens, three months at Westfalia in the "
                    "clean room.",
                    "collective_good",
                    "both",
                ),
                Code("on Fridays we often go to the football together", "communality", "both"),
                Code("I sometimes write to a friend at Westfalia who has seen the same error", "tacit"),
                Code("I sometimes write to a friend at Westfalia who has seen the same error", "cooperation", "coder"),
                Code("In the training committee at the chamber, the apprentices are not present.", "inertia", "both"),
                Code(
                    "There is a bit of competition about who gets the good apprentices, but it is fair.",
                    "competition",
                    "both",
                ),
                Code("The firms have agreed not to make offers before the final exam.", "club_like"),
            ),
        ),
    ),
    ties=(
        Tie(
            "mstnet",
            "ruhrsens",
            W1,
            ("cooperation",),
            (2, 1, 1, 1),
            "face_to_face",
            "event",
            "formal",
            "institutional",
            "long_lasting",
            "medium",
            (("D1", "The network association organises the official events"),),
            content="official network events",
        ),
        Tie(
            "wifoe",
            "mstf",
            W2,
            ("cooperation",),
            (2, 1, 1, 3),
            "documents",
            "formal_meeting",
            "formal",
            "institutional",
            "long_lasting",
            "medium",
            (("D3", "the rest from the state ministry and the city's economic development agency"),),
            content="co-funding of the foundry",
            directed=True,
        ),
        Tie(
            "brandt",
            "hoffmann",
            W1,
            ("cooperation",),
            (4, 4, 4, 4),
            "face_to_face",
            "private",
            "informal",
            "commitment",
            "long_lasting",
            "high",
            (
                ("D1", "Klaus Hoffmann from the factory was a witness at my wedding"),
                (
                    "D1",
                    "when I have a problem on a Friday evening I can call him and the clean room is open on Saturday",
                ),
            ),
            content="clean-room access, favours",
            private=True,
        ),
        Tie(
            "ruhrsens",
            "emscher",
            W1,
            ("competition", "cooperation"),
            (3, 3, 3, 3),
            "face_to_face",
            "cafe",
            "informal",
            "integrity",
            "long_lasting",
            "high",
            (
                (
                    "D1",
                    "we have an unwritten rule: we do not take each other's customers and we do not poach each "
                    "other's people",
                ),
                ("D1", "There is a regular table, a Stammtisch, on the first Tuesday of the month"),
            ),
            content="restraint on customers and staff",
        ),
        Tie(
            "ruhrsens",
            "mstf",
            W1,
            ("cooperation",),
            (4, 3, 3, 4),
            "face_to_face",
            "foundry_incubator",
            "formal",
            "commitment",
            "long_lasting",
            "high",
            (("D1", "Maybe twelve people, always the same faces."),),
            content="foundry use",
        ),
        Tie(
            "ruhrsens",
            "westfalia",
            W1,
            ("cooperation",),
            (3, 2, 2, 3),
            "face_to_face",
            "workplace",
            "formal",
            "competence",
            "long_lasting",
            "high",
            (("D1", "Maybe twelve people, always the same faces."),),
            content="customer relation",
        ),
        Tie(
            "ruhrsens",
            "bk",
            W1,
            ("cooperation",),
            (3, 2, 2, 3),
            "face_to_face",
            "training_network",
            "formal",
            "commitment",
            "long_lasting",
            "high",
            (("D1", "Together with the vocational college and the chamber, we founded a training network in 2011."),),
            content="apprentice training",
        ),
        Tie(
            "mwike",
            "mstf",
            W1,
            ("cooperation",),
            (1, 0, 0, 3),
            "documents",
            "formal_meeting",
            "formal",
            "institutional",
            "long_lasting",
            "medium",
            (("D1", "The ministry in Düsseldorf funded the foundry and still co-funds the network."),),
            content="funding",
            directed=True,
        ),
        Tie(
            "kowalski",
            "westfalia",
            W1,
            ("conflict", "cooperation"),
            (4, 3, 2, 3),
            "face_to_face",
            "formal_meeting",
            "formal",
            "integrity",
            "long_lasting",
            "high",
            (
                (
                    "D2",
                    "For three months the mood was bad, there were meetings every week, the union brought in a lawyer.",
                ),
                ("D2", "We have known management for decades, we argue, but we keep our word."),
            ),
            content="shift model negotiation",
            memo="Conflict within a cooperative regime.",
        ),
        Tie(
            "igm",
            "westfalia",
            W1,
            ("conflict", "cooperation"),
            (2, 2, 1, 2),
            "face_to_face",
            "formal_meeting",
            "formal",
            "institutional",
            "long_lasting",
            "high",
            (
                ("D2", "IG Metall insisted that apprenticeships remain in the region"),
                (
                    "D2",
                    "For three months the mood was bad, there were meetings every week, the union brought in a lawyer.",
                ),
            ),
            content="collective bargaining, training",
        ),
        Tie(
            "igm",
            "ihk",
            W1,
            ("cooperation",),
            (2, 1, 1, 2),
            "face_to_face",
            "formal_meeting",
            "formal",
            "institutional",
            "long_lasting",
            "medium",
            (
                ("D2", "We argue about wages, but we agree on training."),
                ("D2", "Everything is formal, with minutes and votes."),
            ),
            content="training committee",
        ),
        Tie(
            "ihk",
            "bk",
            W1,
            ("cooperation",),
            (2, 1, 1, 3),
            "face_to_face",
            "formal_meeting",
            "formal",
            "institutional",
            "long_lasting",
            "medium",
            (("D2", "Everything is formal, with minutes and votes."),),
            content="training committee",
        ),
        Tie(
            "mstf",
            "westfalia",
            W2,
            ("cooperation",),
            (3, 2, 2, 3),
            "face_to_face",
            "foundry_incubator",
            "formal",
            "commitment",
            "long_lasting",
            "high",
            (("D3", "The big users, RuhrSens, Emscher and Westfalia, have a strong voice there."),),
            content="foundry users' circle",
        ),
        Tie(
            "mstf",
            "emscher",
            W2,
            ("cooperation",),
            (3, 2, 2, 3),
            "face_to_face",
            "foundry_incubator",
            "formal",
            "commitment",
            "long_lasting",
            "high",
            (
                ("D3", "No single firm here could afford a lithography line. Together we can."),
                ("D3", "The big users, RuhrSens, Emscher and Westfalia, have a strong voice there."),
            ),
            content="foundry use",
        ),
        Tie(
            "eu",
            "mstf",
            W2,
            ("cooperation",),
            (1, 0, 0, 2),
            "video",
            "online",
            "formal",
            "none",
            "medium",
            "medium",
            (("D3", "The EU people we know only through video conferences and reports."),),
            content="pilot-line funding, reporting",
            directed=True,
        ),
        Tie(
            "tudo",
            "mstf",
            W2,
            ("cooperation",),
            (3, 2, 2, 3),
            "face_to_face",
            "foundry_incubator",
            "informal",
            "competence",
            "long_lasting",
            "high",
            (("D3", "problems are solved at the machine, not in meetings"),),
            content="doctoral students use the clean room",
        ),
        Tie(
            "becker",
            "emscher",
            W2,
            ("cooperation",),
            (2, 2, 2, 2),
            "face_to_face",
            "workplace",
            "informal",
            "commitment",
            "long_lasting",
            "medium",
            (("D3", "Emscher is a spin-off of his chair."),),
            content="spin-off support",
            directed=True,
        ),
        Tie(
            "yilmaz",
            "ruhrsens",
            W2,
            ("cooperation",),
            (3, 2, 1, 2),
            "face_to_face",
            "training_network",
            "formal",
            "institutional",
            "medium",
            "high",
            (
                (
                    "D4",
                    "Now in the third year I rotate: three months at RuhrSens, three months at Westfalia in the clean "
                    "room.",
                ),
            ),
            content="rotation placement",
            directed=True,
        ),
        Tie(
            "yilmaz",
            "westfalia",
            W2,
            ("cooperation",),
            (3, 3, 3, 3),
            "mixed",
            "private",
            "informal",
            "commitment",
            "medium",
            "medium",
            (
                ("D4", "on Fridays we often go to the football together"),
                ("D4", "I sometimes write to a friend at Westfalia who has seen the same error"),
            ),
            content="apprentice peer help",
            private=True,
        ),
        Tie(
            "emscher",
            "westfalia",
            W2,
            ("competition", "cooperation"),
            (2, 1, 1, 2),
            "face_to_face",
            "training_network",
            "formal",
            "expectation_congruence",
            "long_lasting",
            "medium",
            (
                ("D4", "There is a bit of competition about who gets the good apprentices, but it is fair."),
                ("D4", "The firms have agreed not to make offers before the final exam."),
            ),
            content="apprentices",
        ),
    ),
    outcomes=(
        OutcomeSpec(
            "Ausbildungsverbund Mikrotechnik (training network)",
            "training_network",
            2011,
            ("ruhrsens", "emscher", "westfalia", "mstf", "bk", "ihk", "igm", "mwike"),
            "Apprentices rotate between firms and the foundry; common workshop courses.",
            (
                ("D1", "Together with the vocational college and the chamber, we founded a training network in 2011."),
                (
                    "D4",
                    "Now in the third year I rotate: three months at RuhrSens, three months at Westfalia in "
                    "the clean room.",
                ),
            ),
        ),
        OutcomeSpec(
            "MST.factory shared clean room",
            "foundry",
            2005,
            ("mstf", "ruhrsens", "emscher", "westfalia", "tudo", "wifoe", "mwike", "eu"),
            "Shared lithography line and clean room, governed by a users' circle.",
            (("D3", "No single firm here could afford a lithography line. Together we can."),),
        ),
    ),
)
