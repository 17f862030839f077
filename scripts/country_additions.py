"""Hand-written parts of the country table that are not one row per country.

Read by scripts/build_countries.py together with country_additions.tsv. Names here are
written as a reader sees them; the build normalises them (case, diacritics, a leading "the").
"""

from __future__ import annotations

EU_MEMBERS = [
    "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN",
    "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP",
    "SWE",
]  # 27 since 2020
NATO_MEMBERS = [
    "ALB", "BEL", "BGR", "CAN", "HRV", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN",
    "ISL", "ITA", "LVA", "LTU", "LUX", "MNE", "NLD", "MKD", "NOR", "POL", "PRT", "ROU", "SVK",
    "SVN", "ESP", "SWE", "TUR", "GBR", "USA",
]  # 32 since Sweden joined in March 2024
G7_MEMBERS = ["CAN", "FRA", "DEU", "ITA", "JPN", "GBR", "USA"]
G20_MEMBERS = [
    "ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR", "MEX",
    "RUS", "SAU", "ZAF", "TUR", "GBR", "USA",
]  # the country members; the EU and the African Union also sit at the table
GCC_MEMBERS = ["BHR", "KWT", "OMN", "QAT", "SAU", "ARE"]

# Groups of countries: a name that stands for several states (countries_of expands them).
# Each: (id, display name, members, names it goes by).
GROUPS = [
    ("BALTIC", "Baltic states", ["EST", "LVA", "LTU"],
     ["Baltic states", "Baltic countries", "Baltic nations", "Baltic republics", "Baltics",
      "three Baltic states", "Baltic allies"]),
    ("NORDIC", "Nordic countries", ["DNK", "FIN", "ISL", "NOR", "SWE"],
     ["Nordic countries", "Nordic states", "Nordic nations", "Nordics"]),
    ("SCANDINAVIA", "Scandinavian countries", ["DNK", "NOR", "SWE"],
     ["Scandinavia", "Scandinavian countries", "Scandinavian states", "Scandinavian nations"]),
    ("BENELUX", "Benelux countries", ["BEL", "NLD", "LUX"], ["Benelux", "Benelux countries"]),
    ("V4", "Visegrad Group", ["CZE", "HUN", "POL", "SVK"],
     ["Visegrad Group", "Visegrad Four", "Visegrad countries", "V4"]),
    ("G7", "Group of Seven", G7_MEMBERS,
     ["G7", "G-7", "Group of Seven", "G7 countries", "G7 nations", "G7 leaders", "G7 members"]),
    ("G20", "Group of Twenty", G20_MEMBERS,
     ["G20", "G-20", "Group of 20", "Group of Twenty", "G20 countries", "G20 members"]),
    ("EU_MEMBERS", "EU member states", EU_MEMBERS,
     ["EU member states", "EU members", "EU countries", "EU states", "EU nations", "EU27",
      "EU-27", "European Union member states", "European Union countries",
      "member states of the European Union", "Twenty-Seven", "27 EU countries",
      "27 member states", "EU governments"]),
    ("NATO_MEMBERS", "NATO member states", NATO_MEMBERS,
     ["NATO allies", "NATO members", "NATO member states", "NATO countries", "NATO nations",
      "NATO member countries", "member states of NATO", "NATO governments"]),
    ("GCC_MEMBERS", "Gulf states", GCC_MEMBERS,
     ["Gulf states", "Gulf countries", "Gulf monarchies", "Gulf Arab states", "GCC countries",
      "GCC states", "GCC members"]),
    ("WESTERN_BALKANS", "Western Balkans", ["ALB", "BIH", "XKX", "MNE", "MKD", "SRB"],
     ["Western Balkans", "Western Balkan countries", "Western Balkan states"]),
    ("SOUTH_CAUCASUS", "South Caucasus", ["ARM", "AZE", "GEO"],
     ["South Caucasus", "South Caucasus countries", "Transcaucasia"]),
    ("CENTRAL_ASIA", "Central Asian states", ["KAZ", "KGZ", "TJK", "TKM", "UZB"],
     ["Central Asian states", "Central Asian countries", "Central Asian republics"]),
    ("FIVE_EYES", "Five Eyes", ["AUS", "CAN", "NZL", "GBR", "USA"],
     ["Five Eyes", "Five Eyes countries", "Five Eyes allies"]),
    ("QUAD", "Quad", ["AUS", "IND", "JPN", "USA"], ["Quad countries", "Quad members"]),
    ("BRICS", "BRICS", ["BRA", "RUS", "IND", "CHN", "ZAF", "EGY", "ETH", "IRN", "ARE", "IDN"],
     ["BRICS", "BRICS countries", "BRICS nations", "BRICS members"]),  # members as of 2025
]

# International organisations: actors in their own right, never a country. Members are kept
# so that a caller can expand them on purpose; countries_of("NATO") stays empty.
ORGANISATIONS = [
    ("NATO", "North Atlantic Treaty Organization", NATO_MEMBERS,
     ["NATO", "Nato", "North Atlantic Treaty Organization", "North Atlantic Treaty Organisation",
      "North Atlantic Alliance", "Atlantic alliance", "OTAN"]),
    ("EU", "European Union", EU_MEMBERS,
     ["EU", "E.U.", "European Union", "European Commission", "European Council",
      "Council of the European Union", "European Parliament", "Brussels", "Berlaymont"]),
    ("UN", "United Nations", [],
     ["UN", "U.N.", "United Nations", "UN Security Council", "United Nations Security Council",
      "Security Council", "UN General Assembly", "United Nations General Assembly"]),
    ("OSCE", "Organization for Security and Co-operation in Europe", [],
     ["OSCE", "Organization for Security and Co-operation in Europe",
      "Organisation for Security and Co-operation in Europe"]),
    ("COE", "Council of Europe", [], ["Council of Europe"]),
    ("ASEAN", "Association of Southeast Asian Nations", [],
     ["ASEAN", "Association of Southeast Asian Nations"]),
    ("AU", "African Union", [], ["African Union", "AU"]),
    ("ARAB_LEAGUE", "Arab League", [], ["Arab League", "League of Arab States"]),
    ("GCC", "Gulf Cooperation Council", GCC_MEMBERS,
     ["GCC", "Gulf Cooperation Council", "Gulf Co-operation Council"]),
    ("OPEC", "Organization of the Petroleum Exporting Countries", [],
     ["OPEC", "OPEC+", "Organization of the Petroleum Exporting Countries"]),
    ("OAS", "Organization of American States", [],
     ["OAS", "Organization of American States", "Organisation of American States"]),
    ("IMF", "International Monetary Fund", [], ["IMF", "International Monetary Fund"]),
    ("WORLD_BANK", "World Bank", [], ["World Bank", "World Bank Group"]),
    ("WTO", "World Trade Organization", [],
     ["WTO", "World Trade Organization", "World Trade Organisation"]),
    ("WHO", "World Health Organization", [],
     ["World Health Organization", "World Health Organisation"]),
    ("ICC", "International Criminal Court", [], ["International Criminal Court"]),
    ("ICJ", "International Court of Justice", [], ["ICJ", "International Court of Justice"]),
    ("IAEA", "International Atomic Energy Agency", [],
     ["IAEA", "International Atomic Energy Agency"]),
    ("ECB", "European Central Bank", [], ["ECB", "European Central Bank"]),
    ("CSTO", "Collective Security Treaty Organization", [],
     ["CSTO", "Collective Security Treaty Organization"]),
    ("SCO", "Shanghai Cooperation Organisation", [],
     ["SCO", "Shanghai Cooperation Organisation", "Shanghai Cooperation Organization"]),
]

# Bodies whose name does not say their country (a parliament, an agency, a state company).
# Only read by country_from_org: "Duma" is Russian as an organisation, not a place.
INSTITUTIONS = {
    "DEU": ["Bundestag", "Bundeswehr", "Bundesbank", "Bundesregierung", "Bundeskanzleramt",
            "BND", "Bundesnachrichtendienst", "Deutsche Bundesbank", "Deutsche Bahn",
            "Deutsche Welle", "CDU", "SPD", "AfD", "CSU"],
    "RUS": ["Duma", "State Duma", "Federation Council", "FSB", "GRU", "SVR", "Gazprom",
            "Rosneft", "Rosatom", "Roscosmos", "TASS", "RIA Novosti", "Sputnik", "Wagner Group",
            "United Russia", "Rosgvardia", "Sberbank", "Lukoil"],
    "UKR": ["Verkhovna Rada", "Rada", "SBU", "Naftogaz", "Ukrenergo", "Ukrinform",
            "Energoatom", "Ukrzaliznytsia", "GUR", "HUR", "NABU"],
    "USA": ["US Congress", "Senate Foreign Relations Committee", "CIA", "FBI", "NSA",
            "NASA", "Federal Reserve", "Fed", "Pentagon", "State Department",
            "Department of State", "Department of Defense", "Defense Department",
            "Treasury Department", "Department of Justice", "Justice Department", "White House",
            "Capitol Hill", "Supreme Court of the United States", "GOP", "House of Representatives",
            "USAID"],
    # Not "Foreign Office" or "Ministry of Defence": Germany and others translate theirs so.
    "GBR": ["House of Commons", "House of Lords", "Downing Street", "Whitehall", "Home Office",
            "MI5", "MI6", "GCHQ", "BBC", "Bank of England", "Tory party", "Scotland Yard",
            "Metropolitan Police"],
    "FRA": ["Elysee", "Élysée", "Quai d'Orsay", "Assemblée nationale", "Assemblee nationale",
            "National Assembly of France", "Banque de France", "DGSE", "Matignon",
            "Agence France-Presse", "AFP"],
    "CHN": ["Xinhua", "PLA", "People's Liberation Army", "National People's Congress",
            "Communist Party of China", "CCP", "CPC", "Zhongnanhai", "People's Bank of China",
            "Global Times", "CCTV"],
    "ISR": ["Knesset", "IDF", "Israel Defense Forces", "Mossad", "Shin Bet", "Likud"],
    "IRN": ["IRGC", "Revolutionary Guards", "Islamic Revolutionary Guard Corps", "Majlis", "IRNA"],
    "POL": ["Sejm"],
    "LTU": ["Seimas"],
    "LVA": ["Saeima"],
    "EST": ["Riigikogu"],
    "NOR": ["Storting", "Stortinget", "Norges Bank"],
    "SWE": ["Riksdag", "Riksbank"],
    "DNK": ["Folketing", "Folketinget"],
    "FIN": ["Eduskunta"],
    "ISL": ["Althing", "Alþingi"],
    "IND": ["Lok Sabha", "Rajya Sabha", "BJP", "Bharatiya Janata Party"],
    "JPN": ["Kyodo", "NHK", "Self-Defense Forces", "Liberal Democratic Party of Japan"],
    "KOR": ["Yonhap", "Blue House"],
    "PRK": ["KCNA", "Korean Central News Agency", "Workers' Party of Korea"],
    "TUR": ["Anadolu", "Anadolu Agency", "AKP", "Grand National Assembly"],
    "QAT": ["Al Jazeera"],
    "LBN": ["Hezbollah"],
    "ESP": ["Cortes", "Cortes Generales", "Moncloa"],
    "ITA": ["Palazzo Chigi", "Farnesina"],
    "HUN": ["Fidesz"],
    "CAN": ["RCMP", "Royal Canadian Mounted Police"],
    "AUS": ["ABC News Australia"],
}

# Keys that must map to nothing even though some source names them: too ambiguous in news text.
AMBIGUOUS = [
    "Virgin Islands",  # British (VGB) or US (VIR)
    "Samoa Islands",
    "Guinea Bissau Republic",
]
