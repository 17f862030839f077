"""A labelled corpus for speaker identities across articles (issue 13), written for this project.

32 short invented articles from six outlets over two years: name variants with and without
accents, middle initials, forms of address and titles, bare surnames, a father and son, a
married couple sharing a surname, two namesakes of different countries, organisations as
speakers, and statements reported by several outlets. Every person here is fictional.

Each article's `gold` lists (a piece of a quotation's text, the speaker's gold identity, the
roles that identity may be listed with). `eval/speakers.py` ingests the articles and scores
the store's speaker identities against these.
"""

from __future__ import annotations

# Roles an identity may truly be listed with (case-insensitive); anything else listed is an error.
GOLD_ROLES = {
    "hale": {"president", "candidate", "republican candidate", "presidential candidate"},
    "hale_jr": {"businessman", "executive", "chief executive"},
    "helen_brandt": {"senator", "secretary of state", "former senator"},
    "walter_brandt": {"former governor", "governor"},
    "sejourne": {"foreign minister", "minister"},
    "kohler": {"finance minister", "minister"},
    "lopez_mx": {"energy minister", "minister"},
    "lopez_ar": {"economist"},
    "okafor": {"senator"},
    "reiss": {"psychologist"},
    "nakamura": {"prime minister"},
    "doj": set(),
    "quai": set(),
    "ortiz": {"campaign chairman", "chairman"},
}

ARTICLES = [
    dict(id="s01", url="https://dailyharbour.example/a/1", published="2023-02-03", headline="Hale opens campaign",
         text='President Marcus Hale opened his campaign in Ohio on Friday.\n\n'
              '"We will build the bridges this country was promised," Hale said to a crowd of supporters.\n\n'
              'His campaign chairman, Luis Ortiz, said the tour would reach twenty states.',
         gold=[("build the bridges", "hale"), ("reach twenty states", "ortiz")]),
    dict(id="s02", url="https://northpost.example/politics/2", published="2023-02-04", headline="A campaign of bridges",
         text='Marcus J. Hale told voters in Ohio that roads and bridges come first.\n\n'
              '"We will build the bridges this country was promised," Mr. Hale said.',
         gold=[("roads and bridges come first", "hale"), ("build the bridges this country", "hale")]),
    dict(id="s03", url="https://wire.example/2023/03/hale-jr", published="2023-03-15", headline="Hale's son on business",
         text='Marcus Hale Jr., the president\'s son and a businessman, said on Tuesday that the family firm would '
              'not take government contracts.\n\n'
              '"My father\'s work is his, and mine is mine," Hale Jr. said in an interview.',
         gold=[("not take government contracts", "hale_jr"), ("My father", "hale_jr")]),
    dict(id="s04", url="https://dailyharbour.example/a/4", published="2023-04-10", headline="Senator Brandt on trade",
         text='Sen. Helen Brandt said on Monday that the trade bill would pass before the summer.\n\n'
              '"The votes are there," Brandt said. "We only need the time."',
         gold=[("trade bill would pass", "helen_brandt"), ("The votes are there", "helen_brandt")]),
    dict(id="s05", url="https://northpost.example/politics/5", published="2023-04-12", headline="Former governor speaks",
         text='Former Gov. Walter Brandt, Helen Brandt\'s husband, said the state budget was in better shape than '
              'critics claimed.\n\n'
              '"I left a surplus, not a debt," Walter Brandt said.',
         gold=[("budget was in better shape", "walter_brandt"), ("I left a surplus", "walter_brandt")]),
    dict(id="s06", url="https://lemonde-fictif.example/monde/6", published="2023-05-22", headline="Paris and the summit",
         text='French Foreign Minister Stéphane Séjourné said on Monday that Paris would attend the summit in Oslo.\n\n'
              '"France will be at the table," Séjourné told reporters.',
         gold=[("would attend the summit", "sejourne"), ("France will be at the table", "sejourne")]),
    dict(id="s07", url="https://wire.example/2023/05/sejourne", published="2023-05-23", headline="France to attend",
         text='Foreign Minister Stephane Sejourne said France would attend the Oslo summit.\n\n'
              '"France will be at the table," Sejourne said.',
         gold=[("France would attend", "sejourne"), ("France will be at the table", "sejourne")]),
    dict(id="s08", url="https://berliner.example/wirtschaft/8", published="2023-06-01", headline="Berlin budget",
         text='German Finance Minister Jürgen Köhler said on Thursday that the budget would be balanced next year.\n\n'
              '"There is no room for new debt," Köhler said.',
         gold=[("budget would be balanced", "kohler"), ("no room for new debt", "kohler")]),
    dict(id="s09", url="https://wire.example/2023/06/kohler", published="2023-06-02", headline="No new debt, says Berlin",
         text='Finance Minister Jurgen Kohler of Germany said there was no room for new debt.\n\n'
              '"We keep to the rule," Kohler said.',
         gold=[("there was no room for new debt", "kohler"), ("We keep to the rule", "kohler")]),
    dict(id="s10", url="https://dailyharbour.example/a/10", published="2023-07-19", headline="Mexico oil output",
         text='Mexican Energy Minister Maria Lopez said on Wednesday that oil output would rise by a tenth.\n\n'
              '"Our fields are not tired," Lopez said.',
         gold=[("oil output would rise", "lopez_mx"), ("Our fields are not tired", "lopez_mx")]),
    dict(id="s11", url="https://northpost.example/economy/11", published="2023-08-08", headline="Inflation in Buenos Aires",
         text='Argentine economist Maria Lopez said prices in Buenos Aires would keep rising through the winter.\n\n'
              '"Wages cannot catch up," Lopez said.',
         gold=[("prices in Buenos Aires", "lopez_ar"), ("Wages cannot catch up", "lopez_ar")]),
    dict(id="s12", url="https://wire.example/2023/09/lopez-oil", published="2023-09-14", headline="Mexico and the refinery",
         text='Mexican Energy Minister Maria Lopez said the new refinery would open in March.\n\n'
              '"It is ready," Lopez told reporters.',
         gold=[("new refinery would open", "lopez_mx"), ("It is ready", "lopez_mx")]),
    dict(id="s13", url="https://dailyharbour.example/a/13", published="2023-10-02", headline="Argentina's peso",
         text='Argentine economist Maria Lopez said the peso would fall again before the election.\n\n'
              '"Nobody believes the official rate," Lopez said.',
         gold=[("peso would fall again", "lopez_ar"), ("Nobody believes the official rate", "lopez_ar")]),
    dict(id="s14", url="https://northpost.example/politics/14", published="2023-10-20", headline="Okafor on the budget",
         text='Sen. Joan Okafor said on Friday that she would vote against the budget.\n\n'
              '"It cuts what works and keeps what fails," Okafor said.',
         gold=[("vote against the budget", "okafor"), ("It cuts what works", "okafor")]),
    dict(id="s15", url="https://wire.example/2023/11/okafor", published="2023-11-03", headline="Okafor's no",
         text='Senator Joan Okafor repeated that she would vote against the budget.\n\n'
              '"It cuts what works," Ms. Okafor said.',
         gold=[("repeated that she would vote", "okafor"), ("It cuts what works", "okafor")]),
    dict(id="s16", url="https://dailyharbour.example/a/16", published="2023-12-05", headline="Justice Department on the case",
         text='The Justice Department said on Tuesday that it would not bring charges in the case.\n\n'
              '"The evidence does not support a prosecution," the Justice Department said in a statement.',
         gold=[("would not bring charges", "doj"), ("evidence does not support", "doj")]),
    dict(id="s17", url="https://northpost.example/politics/17", published="2023-12-06", headline="No charges",
         text='The evidence did not support charges, Justice Department officials said.\n\n'
              'A spokeswoman for the Justice Department said the file was closed.',
         gold=[("file was closed", "doj")]),
    dict(id="s18", url="https://lemonde-fictif.example/monde/18", published="2024-01-11", headline="Paris protests",
         text='The French Foreign Ministry said on Thursday that it had summoned the ambassador.\n\n'
              '"This is not acceptable," the French Foreign Ministry said.',
         gold=[("summoned the ambassador", "quai"), ("This is not acceptable", "quai")]),
    dict(id="s19", url="https://wire.example/2024/01/hale", published="2024-01-20", headline="Hale on the economy",
         text='President Marcus Hale said on Saturday that the economy had added two million jobs.\n\n'
              '"Nobody thought we could do it," Hale said.',
         gold=[("added two million jobs", "hale"), ("Nobody thought we could do it", "hale")]),
    dict(id="s20", url="https://dailyharbour.example/a/20", published="2024-02-14", headline="Clash over the port",
         text='Helen Brandt and Marcus Hale clashed on Wednesday over the port project.\n\n'
              '"The port is a gift to his friends," Helen Brandt said.\n\n'
              '"She voted for it twice," Hale said.',
         gold=[("gift to his friends", "helen_brandt"), ("She voted for it twice", "hale")]),
    dict(id="s21", url="https://northpost.example/politics/21", published="2024-03-01", headline="Brandt for State",
         text='Helen Brandt was named Secretary of State on Friday.\n\n'
              '"I will serve with everything I have," Secretary of State Helen Brandt said.',
         gold=[("serve with everything", "helen_brandt")]),
    dict(id="s22", url="https://wire.example/2024/03/walter", published="2024-03-02", headline="A proud husband",
         text='Walter Brandt, a former governor, said he was proud of his wife.\n\n'
              '"She earned it," Walter Brandt said.',
         gold=[("proud of his wife", "walter_brandt"), ("She earned it", "walter_brandt")]),
    dict(id="s23", url="https://berliner.example/politik/23", published="2024-04-09", headline="Köhler and the rule",
         text='Jürgen Köhler, the German finance minister, said the debt rule would stay.\n\n'
              '"The rule stays," Mr. Köhler said.',
         gold=[("debt rule would stay", "kohler"), ("The rule stays", "kohler")]),
    dict(id="s24", url="https://tokyo-ledger.example/24", published="2024-05-16", headline="Tokyo and the yen",
         text='Japanese Prime Minister Kenji Nakamura said on Thursday that the yen was too weak.\n\n'
              '"We are watching the markets closely," Nakamura said.',
         gold=[("yen was too weak", "nakamura"), ("watching the markets closely", "nakamura")]),
    dict(id="s25", url="https://wire.example/2024/05/nakamura", published="2024-05-17", headline="Yen too weak",
         text='Prime Minister Kenji Nakamura of Japan said the yen was too weak.\n\n'
              '"We are watching the markets," Nakamura said.',
         gold=[("the yen was too weak", "nakamura"), ("We are watching the markets", "nakamura")]),
    dict(id="s26", url="https://dailyharbour.example/a/26", published="2024-06-03", headline="Stress and the vote",
         text='Dr. Amy Reiss, a psychologist, said voters were more anxious than in any year she had studied.\n\n'
              '"People are tired of bad news," Reiss said.',
         gold=[("voters were more anxious", "reiss"), ("tired of bad news", "reiss")]),
    dict(id="s27", url="https://northpost.example/politics/27", published="2024-07-12", headline="Hale Jr. and the firm",
         text='Marcus Hale Jr. said on Friday that he would step down from the family firm.\n\n'
              '"It is time for someone else," Hale Jr. said.',
         gold=[("step down from the family firm", "hale_jr"), ("time for someone else", "hale_jr")]),
    dict(id="s28", url="https://wire.example/2024/08/hale-trade", published="2024-08-21", headline="Hale's tariffs",
         text='Marcus Hale said on Wednesday that new tariffs would start in October.\n\n'
              '"They had their chance in 1999," Hale said.',
         gold=[("new tariffs would start", "hale"), ("They had their chance", "hale")]),
    dict(id="s29", url="https://lemonde-fictif.example/monde/29", published="2024-09-05", headline="Séjourné in Oslo",
         text='Stéphane Séjourné said on Thursday that the summit had reached an agreement.\n\n'
              '"It is a good day for Europe," the minister said.',
         gold=[("summit had reached an agreement", "sejourne"), ("good day for Europe", "sejourne")]),
    dict(id="s30", url="https://dailyharbour.example/a/30", published="2024-10-15", headline="Okafor endorses Brandt",
         text='Sen. Joan Okafor said on Tuesday that Helen Brandt was the best choice for the party.\n\n'
              '"Helen has done the work," Okafor said.',
         gold=[("best choice for the party", "okafor"), ("Helen has done the work", "okafor")]),
    dict(id="s31", url="https://wire.example/2024/11/doj", published="2024-11-06", headline="Department opens inquiry",
         text='The Justice Department said on Wednesday that it had opened an inquiry into the port contracts.\n\n'
              '"We follow the evidence," the department said.',
         gold=[("opened an inquiry", "doj"), ("We follow the evidence", "doj")]),
    dict(id="s32", url="https://northpost.example/politics/32", published="2024-12-02", headline="Hale responds",
         text='Marcus Hale said on Monday that the inquiry was a waste of money.\n\n'
              '"It is a witch hunt," Mr. Hale said.\n\n'
              'His son, Marcus Hale Jr., said the firm had done nothing wrong.',
         gold=[("inquiry was a waste", "hale"), ("It is a witch hunt", "hale"), ("done nothing wrong", "hale_jr")]),
]

# Written after the rules were frozen and scored once, untouched: the held-out estimate.
HELDOUT_ROLES = {
    "novak": {"governor"},
    "novak_sr": {"former mayor", "mayor"},
    "dahl": {"representative"},
    "ines_dahl": {"professor", "historian"},
    "oyelaran": {"interior minister", "minister"},
    "interior": set(),
    "chen_sg": {"trade minister", "minister"},
    "chen_ca": {"economist", "analyst"},
    "moreau": {"spokesman"},
}

HELDOUT = [
    dict(id="h01", url="https://valleytimes.example/1", published="2023-03-02", headline="Novak signs budget",
         text='Gov. Peter A. Novak signed the state budget on Wednesday.\n\n'
              '"This budget pays for schools first," Novak said at the capitol.',
         gold=[("pays for schools first", "novak")]),
    dict(id="h02", url="https://ridgepost.example/2", published="2023-03-03", headline="Schools first",
         text='Governor Peter Novak said the new budget would hire four hundred teachers.\n\n'
              '"Teachers are the budget," Mr. Novak said.',
         gold=[("hire four hundred teachers", "novak"), ("Teachers are the budget", "novak")]),
    dict(id="h03", url="https://valleytimes.example/3", published="2023-06-11", headline="Novak's father weighs in",
         text='Peter Novak Sr., a former mayor of Millbrook, said his son had been right to veto the tax.\n\n'
              '"He listens to people," Novak Sr. said.',
         gold=[("right to veto the tax", "novak_sr"), ("He listens to people", "novak_sr")]),
    dict(id="h04", url="https://capitolwire.example/4", published="2023-09-20", headline="Dahl on the river",
         text='Rep. Karin Dahl said on Tuesday that the river cleanup would take ten years.\n\n'
              '"We polluted it for a century," Dahl said.',
         gold=[("cleanup would take ten years", "dahl"), ("polluted it for a century", "dahl")]),
    dict(id="h05", url="https://ridgepost.example/5", published="2023-10-04", headline="A historian's view",
         text='Ines Dahl, a historian at the state university, said the river had been dirty since the mills opened.\n\n'
              '"The mills made the town and ruined the water," Dahl said.',
         gold=[("dirty since the mills opened", "ines_dahl"), ("mills made the town", "ines_dahl")]),
    dict(id="h06", url="https://lagosledger.example/6", published="2024-01-15", headline="Abuja on the border",
         text='Nigerian Interior Minister Adebayo Oyelaran said on Monday that the border posts would reopen.\n\n'
              '"Trade must move again," Oyelaran told reporters.',
         gold=[("border posts would reopen", "oyelaran"), ("Trade must move again", "oyelaran")]),
    dict(id="h07", url="https://capitolwire.example/7", published="2024-01-16", headline="Border to reopen",
         text='The Nigerian Interior Ministry said the border posts would reopen on Friday.\n\n'
              '"Travellers should carry their papers," the Interior Ministry said.',
         gold=[("posts would reopen on Friday", "interior"), ("carry their papers", "interior")]),
    dict(id="h08", url="https://straitsnews.example/8", published="2024-03-08", headline="Singapore and chips",
         text='Singapore Trade Minister Wei Chen said on Thursday that chip exports had doubled.\n\n'
              '"The factories are full," Chen said.',
         gold=[("chip exports had doubled", "chen_sg"), ("The factories are full", "chen_sg")]),
    dict(id="h09", url="https://ridgepost.example/9", published="2024-03-19", headline="Canada's housing",
         text='Canadian economist Wei Chen said house prices in Toronto would fall this year.\n\n'
              '"Buyers have left," Chen said.',
         gold=[("house prices in Toronto", "chen_ca"), ("Buyers have left", "chen_ca")]),
    dict(id="h10", url="https://capitolwire.example/10", published="2024-05-02", headline="Chips again",
         text='Wei Chen, Singapore\'s trade minister, said exports would keep growing.\n\n'
              '"We are not slowing down," Chen said.',
         gold=[("exports would keep growing", "chen_sg"), ("not slowing down", "chen_sg")]),
    dict(id="h11", url="https://valleytimes.example/11", published="2024-06-27", headline="Rents in Toronto",
         text='Wei Chen, a Canadian economist, said rents in Toronto had stopped rising.\n\n'
              '"The peak is behind us," Chen said.',
         gold=[("rents in Toronto had stopped", "chen_ca"), ("The peak is behind us", "chen_ca")]),
    dict(id="h12", url="https://parisdepeche.example/12", published="2024-09-10", headline="Élysée spokesman",
         text='Government spokesman Rémi Moreau said on Tuesday that the pension bill would be delayed.\n\n'
              '"We need more time," Remi Moreau said later.',
         gold=[("pension bill would be delayed", "moreau"), ("We need more time", "moreau")]),
]
