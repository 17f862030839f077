"""Word tables for speaker identities: honorifics, titles, office nouns, name suffixes.

Plain data read by `resolve/speakers.py`; lower case, full stops removed.
"""

from __future__ import annotations

# Forms of address: never a role, and dropped from a name before it is compared.
HONORIFICS = frozenset("mr mrs ms miss mx dr sir dame madam madame mme mlle m herr frau".split())

# Abbreviated titles and what they stand for (`Sen.` -> Senator).
TITLE_EXPANSIONS = {
    "sen": "Senator", "rep": "Representative", "gov": "Governor", "lt": "Lieutenant",
    "gen": "General", "sec": "Secretary", "secy": "Secretary", "atty": "Attorney", "pres": "President",
    "amb": "Ambassador", "col": "Colonel", "capt": "Captain", "sgt": "Sergeant", "adm": "Admiral",
    "cmdr": "Commander", "dir": "Director", "supt": "Superintendent", "insp": "Inspector",
    "maj": "Major", "cpl": "Corporal", "prof": "Professor", "asst": "Assistant", "dep": "Deputy",
}

# Titles written before a name (`President Jane Doe`, `Foreign Minister Doe`): dropped from the
# name when it is compared, never from the role.
NAME_TITLES = frozenset("""
president senator representative governor lieutenant general secretary attorney ambassador colonel
captain sergeant admiral commander director superintendent inspector major corporal professor
minister prime foreign defence defense interior finance chancellor king queen prince princess pope
reverend rev father judge justice mayor speaker chairman chairwoman chair candidate nominee
congressman congresswoman councilman councilwoman vice deputy former state assistant chief
sheikh emir president-elect
""".split())

# Generational suffixes: part of who someone is (`Donald Trump Jr.` is not `Donald Trump`).
NAME_SUFFIXES = frozenset("jr sr ii iii iv".split())

# Head nouns of offices and occupations. A role whose head is none of these
# is not kept.
OFFICE_NOUNS = frozenset("""
minister president senator representative governor secretary ambassador envoy mayor chancellor
premier king queen prince princess pope monarch emperor sheikh emir ayatollah speaker whip leader
chairman chairwoman chair chairperson spokesman spokeswoman spokesperson aide adviser advisor
assistant deputy director chief head officer official executive ceo cfo coo cto founder cofounder
co-founder owner partner president-elect vice-president candidate nominee contender challenger
incumbent congressman congresswoman councilman councilwoman councillor councilor commissioner
lawmaker legislator parliamentarian mp mep delegate member judge justice magistrate prosecutor
attorney lawyer counsel solicitor barrister general colonel captain sergeant admiral commander
lieutenant major corporal soldier officer marshal superintendent inspector detective sheriff
constable policeman policewoman agent analyst economist strategist pollster consultant scientist
professor lecturer researcher scholar historian expert specialist psychologist psychiatrist
physician doctor surgeon nurse teacher principal dean provost rector student author writer
journalist reporter correspondent editor columnist commentator anchor host broadcaster producer
publisher photographer moderator pundit activist organizer organiser campaigner advocate lobbyist volunteer
manager master harbourmaster harbormaster postmaster administrator coordinator treasurer clerk registrar auditor comptroller controller
regulator governor-general negotiator mediator diplomat attaché attache consul envoy
staffer operative surrogate fundraiser veteran worker employee farmer owner entrepreneur investor
banker trader broker accountant engineer architect designer artist actor actress singer
musician comedian athlete coach player captain referee priest pastor rabbi imam bishop
archbishop cardinal cleric chaplain monk nun mufti president-elect premier-elect
nominee-elect spokesperson-elect head-of-state politician statesman stateswoman
""".split())

# Bare group words: they name a set of people, never one person or body.
GROUP_WORDS = frozenset("""
democrats republicans officials supporters critics voters residents experts analysts lawmakers
leaders sources aides advisers observers protesters demonstrators witnesses people americans
conservatives liberals progressives activists police authorities investigators prosecutors
observers diplomats insiders staffers members delegates citizens others some many both
""".split())

# Words that make a name an organisation rather than a person.
ORGANISATION_WORDS = frozenset("""
department ministry ministries committee commission council campaign party office house agency
administration government court university college institute institution foundation association
union corporation company inc corp ltd llc group bureau service services network news times post
journal press agency board bank fund center centre council caucus coalition alliance federation
league organisation organization embassy consulate parliament senate congress assembly cabinet
kremlin pentagon police army navy force forces command authority authorities commission
tribunal court website station channel magazine newspaper review tribune gazette herald
associated reuters
""".split())
