#!/usr/bin/env python3
"""Build countries.tsv from the npm package `countries-list` (MIT) plus the
curated table below (aliases, demonyms, seats of government).

Usage: python3 build_countries.py /path/to/countries-list/package > ../countries.tsv
(get the package with `npm pack countries-list` and untar it).

The rows are the 193 UN member states, the two observers (Holy See as
"Vatican City", Palestine), Taiwan and Kosovo. Columns of the curated table:
iso2 | name | aliases | demonyms | capitals. An empty name or capitals cell
takes the value from countries-list. Every name, alias and demonym must
belong to one country only (checked below), so that a lookup is unambiguous.
"""
import json
import sys

CURATED = """
AD|||Andorran|
AE||UAE;U.A.E.;Emirates|Emirati;Emirian|Abu Dhabi
AF||Islamic Republic of Afghanistan;Islamic Emirate of Afghanistan|Afghan|
AG||Antigua|Antiguan;Barbudan|Saint John's;St. John's
AL||Republic of Albania|Albanian|Tirana
AM||Republic of Armenia|Armenian|
AO||Republic of Angola|Angolan|
AR||Argentine Republic|Argentine;Argentinian|
AT||Republic of Austria|Austrian|
AU||Commonwealth of Australia|Australian|
AZ||Republic of Azerbaijan|Azerbaijani;Azeri|
BA||Bosnia;Bosnia-Herzegovina;BiH|Bosnian;Herzegovinian|
BB|||Barbadian;Bajan|
BD||People's Republic of Bangladesh|Bangladeshi|Dhaka;Dacca
BE||Kingdom of Belgium|Belgian|
BF|||Burkinabe;Burkinabé|
BG||Republic of Bulgaria|Bulgarian|
BH||Kingdom of Bahrain|Bahraini|
BI||Republic of Burundi|Burundian|Gitega;Bujumbura
BJ||Republic of Benin|Beninese;Beninois|Porto-Novo;Cotonou
BN||Brunei Darussalam|Bruneian|
BO||Plurinational State of Bolivia|Bolivian|Sucre;La Paz
BR||Federative Republic of Brazil|Brazilian|Brasília;Brasilia
BS||The Bahamas;Commonwealth of The Bahamas|Bahamian|
BT||Kingdom of Bhutan|Bhutanese|
BW||Republic of Botswana|Motswana;Botswanan|
BY||Republic of Belarus;Byelorussia;Belorussia|Belarusian;Belarussian;Byelorussian|
BZ|||Belizean|
CA|||Canadian|
CD|Democratic Republic of the Congo|DRC;D.R.C.;DR Congo;DRCongo;Congo-Kinshasa;Zaire;Democratic Republic of Congo|Congolese|Kinshasa
CF||CAR|Central African|
CG|Republic of the Congo|Congo-Brazzaville;Congo Republic;Republic of Congo||Brazzaville
CH||Swiss Confederation|Swiss|Bern;Berne
CI|Ivory Coast|Côte d'Ivoire;Cote d'Ivoire;Côte d’Ivoire|Ivorian|Yamoussoukro;Abidjan
CL||Republic of Chile|Chilean|
CM||Republic of Cameroon|Cameroonian|Yaoundé;Yaounde
CN||PRC;P.R.C.;People's Republic of China;mainland China|Chinese|Beijing
CO||Republic of Colombia|Colombian|Bogotá;Bogota
CR||Republic of Costa Rica|Costa Rican|San José;San Jose
CU||Republic of Cuba|Cuban|
CV|Cape Verde|Cabo Verde;Republic of Cabo Verde|Cape Verdean;Cabo Verdean|
CY||Republic of Cyprus|Cypriot|
CZ|Czech Republic|Czechia|Czech|
DE||Federal Republic of Germany;FRG|German|
DJ||Republic of Djibouti|Djiboutian|Djibouti;Djibouti City
DK||Kingdom of Denmark|Danish;Dane|
DM||Commonwealth of Dominica||
DO|||Dominican|
DZ||People's Democratic Republic of Algeria|Algerian|
EC||Republic of Ecuador|Ecuadorian;Ecuadorean|
EE||Republic of Estonia|Estonian|
EG||Arab Republic of Egypt|Egyptian|
ER||State of Eritrea|Eritrean|
ES||Kingdom of Spain|Spanish;Spaniard|
ET||Federal Democratic Republic of Ethiopia|Ethiopian|
FI||Republic of Finland|Finnish|
FJ||Republic of Fiji|Fijian|
FM|Micronesia|Federated States of Micronesia;FSM|Micronesian|
FR||French Republic|French|
GA||Gabonese Republic|Gabonese|
GB||UK;U.K.;Britain;Great Britain;United Kingdom of Great Britain and Northern Ireland|British;Briton|
GD|||Grenadian|St. George's;Saint George's
GE|||Georgian|
GH||Republic of Ghana|Ghanaian|
GM||The Gambia;Republic of The Gambia|Gambian|
GN||Republic of Guinea;Guinea-Conakry|Guinean|
GQ||Republic of Equatorial Guinea|Equatorial Guinean;Equatoguinean|
GR||Hellenic Republic|Greek|
GT||Republic of Guatemala|Guatemalan|
GW||Republic of Guinea-Bissau|Bissau-Guinean|
GY||Co-operative Republic of Guyana|Guyanese|
HN||Republic of Honduras|Honduran|
HR||Republic of Croatia|Croatian;Croat|
HT||Republic of Haiti|Haitian|
HU|||Hungarian|
ID||Republic of Indonesia|Indonesian|
IE||Republic of Ireland;Éire|Irish|
IL||State of Israel|Israeli|Jerusalem
IN||Republic of India;Bharat|Indian|New Delhi
IQ||Republic of Iraq|Iraqi|
IR||Islamic Republic of Iran;I.R. Iran;Persia|Iranian|Tehran;Teheran
IS|||Icelandic;Icelander|Reykjavik;Reykjavík
IT||Italian Republic|Italian|
JM|||Jamaican|
JO||Hashemite Kingdom of Jordan|Jordanian|
JP|||Japanese|
KE||Republic of Kenya|Kenyan|
KG||Kyrgyz Republic;Kirghizia;Kirgizia|Kyrgyz;Kyrgyzstani|
KH||Kingdom of Cambodia;Kampuchea|Cambodian|
KI||Republic of Kiribati|I-Kiribati|South Tarawa;Tarawa
KM||Union of the Comoros;Comoro Islands|Comoran;Comorian|
KN||Saint Kitts;St Kitts and Nevis;St. Kitts and Nevis;St Kitts;St. Kitts|Kittitian;Nevisian|
KP||DPRK;D.P.R.K.;Democratic People's Republic of Korea|North Korean|
KR||ROK;R.O.K.;Republic of Korea|South Korean|
KW||State of Kuwait|Kuwaiti|Kuwait City
KZ||Republic of Kazakhstan|Kazakh;Kazakhstani|Astana;Nur-Sultan
LA||Lao PDR;Lao People's Democratic Republic|Lao;Laotian|
LB||Lebanese Republic|Lebanese|
LC||St Lucia;St. Lucia|Saint Lucian;St Lucian|
LI||Principality of Liechtenstein|Liechtensteiner|
LK||Democratic Socialist Republic of Sri Lanka;Ceylon|Sri Lankan|Sri Jayawardenepura Kotte;Colombo
LR||Republic of Liberia|Liberian|
LS||Kingdom of Lesotho|Basotho;Mosotho|
LT||Republic of Lithuania|Lithuanian|
LU||Grand Duchy of Luxembourg|Luxembourgish;Luxembourger|
LV||Republic of Latvia|Latvian|
LY||State of Libya|Libyan|
MA||Kingdom of Morocco|Moroccan|
MC||Principality of Monaco|Monegasque;Monacan|
MD||Republic of Moldova;Moldavia|Moldovan|Chișinău;Chisinau
ME||Crna Gora|Montenegrin|
MG||Republic of Madagascar|Malagasy|
MH||Republic of the Marshall Islands|Marshallese|
MK|North Macedonia|Macedonia;FYROM;Republic of North Macedonia;Former Yugoslav Republic of Macedonia|Macedonian;North Macedonian|
ML||Republic of Mali|Malian|
MM|Myanmar|Burma;Republic of the Union of Myanmar|Burmese;Myanmarese|Naypyidaw;Nay Pyi Taw;Naypyitaw
MN|||Mongolian|Ulaanbaatar;Ulan Bator
MR||Islamic Republic of Mauritania|Mauritanian|
MT||Republic of Malta|Maltese|
MU||Republic of Mauritius|Mauritian|
MV||Republic of Maldives;Maldive Islands|Maldivian|Malé
MW||Republic of Malawi|Malawian|
MX||United Mexican States|Mexican|
MY|||Malaysian|Kuala Lumpur;Putrajaya
MZ||Republic of Mozambique|Mozambican|
NA||Republic of Namibia|Namibian|
NE||Republic of Niger|Nigerien|
NG||Federal Republic of Nigeria|Nigerian|
NI||Republic of Nicaragua|Nicaraguan|
NL|Netherlands|The Netherlands;Holland;Kingdom of the Netherlands|Dutch|Amsterdam;The Hague
NO||Kingdom of Norway|Norwegian|
NP||Federal Democratic Republic of Nepal|Nepali;Nepalese|
NR||Republic of Nauru|Nauruan|
NZ||Aotearoa|New Zealander;Kiwi|Wellington
OM||Sultanate of Oman|Omani|
PA||Republic of Panama|Panamanian|
PE||Republic of Peru|Peruvian|
PG||PNG|Papua New Guinean|
PH||Republic of the Philippines|Filipino;Philippine|
PK||Islamic Republic of Pakistan|Pakistani|
PL||Republic of Poland|Polish|
PS|Palestine|State of Palestine;Palestinian territories;Occupied Palestinian Territories;Palestinian Authority|Palestinian|Ramallah
PT||Portuguese Republic|Portuguese|
PW||Republic of Palau|Palauan|
PY||Republic of Paraguay|Paraguayan|Asunción;Asuncion
QA||State of Qatar|Qatari|
RO|||Romanian|
RS||Republic of Serbia|Serbian;Serb|
RU||Russian Federation|Russian|
RW||Republic of Rwanda|Rwandan|
SA||KSA;Kingdom of Saudi Arabia|Saudi;Saudi Arabian|
SB|||Solomon Islander|
SC||Republic of Seychelles|Seychellois|Victoria
SD||Republic of the Sudan|Sudanese|
SE||Kingdom of Sweden|Swedish;Swede|
SG||Republic of Singapore|Singaporean|Singapore
SI||Republic of Slovenia|Slovenian;Slovene|
SK||Slovak Republic|Slovak;Slovakian|
SL||Republic of Sierra Leone|Sierra Leonean|
SM||Republic of San Marino|Sammarinese|San Marino;City of San Marino
SN||Republic of Senegal|Senegalese|
SO||Federal Republic of Somalia|Somali|
SR||Republic of Suriname;Surinam|Surinamese|
SS||Republic of South Sudan|South Sudanese|
ST|Sao Tome and Principe|São Tomé and Príncipe|Santomean;São Toméan|São Tomé;Sao Tome
SV||Republic of El Salvador|Salvadoran;Salvadorean|
SY||Syrian Arab Republic|Syrian|
SZ|Eswatini|Swaziland;Kingdom of Eswatini|Swazi;Emaswati|Mbabane;Lobamba
TD||Republic of Chad|Chadian|N'Djamena;Ndjamena
TG||Togolese Republic|Togolese|Lomé;Lome
TH||Kingdom of Thailand;Siam|Thai|
TJ||Republic of Tajikistan|Tajik;Tajikistani|
TL|East Timor|Timor-Leste;Timor Leste;Democratic Republic of Timor-Leste|Timorese;East Timorese|
TM|||Turkmen;Turkmenistani|Ashgabat;Ashkhabad
TN||Republic of Tunisia|Tunisian|
TO||Kingdom of Tonga|Tongan|Nuku'alofa;Nukuʻalofa
TR|Turkey|Türkiye;Turkiye;Republic of Türkiye;Republic of Turkey|Turkish;Turk|
TT||Trinidad|Trinidadian;Tobagonian|Port of Spain;Port-of-Spain
TV|||Tuvaluan|
TW||Republic of China;ROC;R.O.C.;Chinese Taipei;Formosa|Taiwanese|Taipei
TZ||United Republic of Tanzania|Tanzanian|Dodoma;Dar es Salaam
UA|||Ukrainian|Kyiv;Kiev
UG||Republic of Uganda|Ugandan|
US|United States|US;U.S.;USA;U.S.A.;United States of America;America|American|Washington;Washington, D.C.;Washington D.C.;Washington DC
UY||Oriental Republic of Uruguay|Uruguayan|
UZ||Republic of Uzbekistan|Uzbek;Uzbekistani|
VA|Vatican City|Holy See;Vatican;Vatican City State||Vatican City
VC||St Vincent and the Grenadines;St. Vincent and the Grenadines;St Vincent;St. Vincent;Saint Vincent|Vincentian|
VE||Bolivarian Republic of Venezuela|Venezuelan|
VN||Viet Nam;Socialist Republic of Vietnam|Vietnamese|
VU||Republic of Vanuatu|Ni-Vanuatu|
WS||Independent State of Samoa|Samoan|
XK||Republic of Kosovo|Kosovar;Kosovan|Pristina;Prishtina
YE||Republic of Yemen|Yemeni|Sana'a;Sanaa;Aden
ZA||Republic of South Africa;RSA|South African|Pretoria;Cape Town;Bloemfontein
ZM||Republic of Zambia|Zambian|
ZW||Republic of Zimbabwe|Zimbabwean|
"""

# Note on deliberate omissions: "Dominican" goes to the Dominican Republic
# only (Dominica has no unambiguous demonym); "Congolese" goes to the DRC
# only (Republic of the Congo has none); "Korean" and "Persian" are left out (ambiguous / "Persian Gulf");
# lower-case words are never aliases; "Male" (Maldives) is left out, "Malé" kept.

# countries-list aliases left out: a parenthesised form, and "Gold Coast"
# (old name of Ghana, today mostly the Australian city).
DROP = {"Myanmar (Burma)", "Gold Coast"}


def split(cell):
    return [x.strip() for x in cell.split(";") if x.strip()]


def main():
    pkg = sys.argv[1]
    with open(f"{pkg}/countries.min.json", encoding="utf-8") as f:
        base = json.load(f)
    rows = {}
    owner = {}
    for line in CURATED.strip().splitlines():
        iso, name, aliases, demonyms, capitals = line.split("|")
        b = base[iso]
        name = name or b["name"]
        aliases = split(aliases)
        for a in b.get("alias", []):
            # countries-list aliases, unless already present, canonical or dropped
            if a != name and a not in aliases and a not in DROP:
                aliases.append(a)
        capitals = split(capitals) or [b["capital"]]
        demonyms = split(demonyms)
        words = [name] + aliases + demonyms
        if len({w.casefold() for w in words}) != len(words):
            raise SystemExit(f"{iso}: a word is both name/alias/demonym: {words}")
        for w in words:
            key = w.casefold()
            if owner.get(key, iso) != iso:
                raise SystemExit(f"{w!r} used by {owner[key]} and {iso}")
            owner[key] = iso
        if name in rows:
            raise SystemExit(f"duplicate name {name}")
        rows[name] = (iso, aliases, demonyms, capitals)
    out = ["# name\tiso2\taliases\tdemonyms\tcapitals"]
    for name in sorted(rows):
        iso, aliases, demonyms, capitals = rows[name]
        out.append("\t".join([name, iso, ";".join(aliases), ";".join(demonyms), ";".join(capitals)]))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
