//! Small tables written for dateline: regions that are not countries or
//! subdivisions, extra country names news copy uses, US state abbreviations, and
//! the words that are place names somewhere but common words here.
//!
//! Coordinates are rough centres, good to the size of the area (the radius).

/// `names (; separated) | lat | lon | radius km`.
pub const REGIONS: &str = "\
Africa | 7.19 | 21.09 | 4000
Asia | 29.84 | 89.3 | 5000
Europe | 48.69 | 9.14 | 2500
North America | 46.07 | -100.55 | 3500
South America | -14.6 | -57.66 | 3000
Oceania | -18.31 | 138.52 | 3000
Antarctica | -78.16 | 16.41 | 2000
Americas; the Americas | 15.0 | -85.0 | 7000
Middle East; Mideast; Near East | 29.0 | 41.0 | 1500
Central Asia | 45.0 | 68.0 | 1500
South Asia; Indian subcontinent | 22.0 | 79.0 | 1500
Southeast Asia; South-East Asia; South East Asia | 8.0 | 110.0 | 2000
East Asia | 35.0 | 115.0 | 2000
West Africa | 13.0 | -3.0 | 1500
East Africa | -1.0 | 37.0 | 1500
Central Africa | 2.0 | 20.0 | 1500
Southern Africa | -25.0 | 25.0 | 1500
North Africa | 27.0 | 13.0 | 2000
Horn of Africa | 8.0 | 46.0 | 800
Sahel | 15.0 | 5.0 | 2000
Sub-Saharan Africa | 0.0 | 20.0 | 3000
Western Europe | 48.5 | 5.0 | 1000
Eastern Europe | 52.0 | 30.0 | 1200
Northern Europe | 60.0 | 15.0 | 1200
Southern Europe | 41.0 | 15.0 | 1200
Central Europe | 50.0 | 15.0 | 800
Scandinavia | 63.0 | 15.0 | 1000
Balkans | 43.0 | 21.0 | 600
Caucasus | 42.5 | 44.5 | 500
Latin America | -5.0 | -65.0 | 5000
Central America | 13.0 | -86.0 | 1000
Caribbean | 17.0 | -72.0 | 1500
Mediterranean; Mediterranean Sea | 35.0 | 18.0 | 1500
Eastern Mediterranean | 34.0 | 30.0 | 700
Pacific; Pacific Ocean | 0.0 | -160.0 | 8000
Atlantic; Atlantic Ocean | 0.0 | -30.0 | 6000
Indian Ocean | -20.0 | 80.0 | 4000
Arctic; Arctic Ocean | 80.0 | 0.0 | 2000
Black Sea | 43.5 | 34.0 | 500
Baltic; Baltic Sea | 58.0 | 20.0 | 600
North Sea | 56.0 | 3.0 | 500
Caspian Sea | 41.5 | 50.5 | 500
Red Sea | 20.0 | 38.5 | 900
Persian Gulf; Arabian Gulf | 26.5 | 52.0 | 500
South China Sea | 12.0 | 113.0 | 1000
Gulf of Mexico | 25.0 | -90.0 | 800
Gulf of Aden | 12.5 | 48.0 | 400
Arabian Sea | 15.0 | 65.0 | 1000
Bay of Bengal | 15.0 | 88.0 | 800
Strait of Hormuz | 26.6 | 56.3 | 100
Arabian Peninsula | 23.0 | 46.0 | 1200
Korean Peninsula | 37.5 | 127.5 | 500
Indochina | 15.0 | 105.0 | 800
Maghreb | 31.0 | 3.0 | 1500
Levant | 33.5 | 36.5 | 400
Siberia | 60.0 | 105.0 | 2500
Darfur | 13.0 | 24.5 | 500
Kashmir | 34.0 | 76.0 | 300
Gaza Strip | 31.4 | 34.35 | 30
West Bank | 32.0 | 35.25 | 80
Golan Heights | 33.0 | 35.75 | 40
Crimea | 45.3 | 34.4 | 200
Kurdistan | 36.5 | 44.0 | 400
Sinai; Sinai Peninsula | 29.5 | 33.8 | 250
Sumatra | -0.5 | 101.5 | 900
Java | -7.5 | 110.0 | 500
Borneo | 0.5 | 114.0 | 700
Sulawesi | -2.0 | 121.0 | 600
Luzon | 16.0 | 121.0 | 400
Mindanao | 8.0 | 125.0 | 300
Honshu | 36.0 | 138.0 | 600
Patagonia | -45.0 | -69.0 | 900
Amazon; Amazonia | -3.5 | -62.0 | 1500
Himalayas | 28.0 | 84.0 | 1200
Alps | 46.5 | 10.0 | 500
Andes | -15.0 | -70.0 | 3000
Ural Mountains; Urals | 60.0 | 59.5 | 1200
Great Lakes | 45.0 | -84.0 | 600
Lake Victoria | -1.0 | 33.0 | 150
Lake Erie | 42.2 | -81.2 | 200
Lake Chad | 13.2 | 14.2 | 100
Midwest | 41.5 | -90.0 | 1000
New England | 43.5 | -71.5 | 300
Pacific Northwest | 46.0 | -121.0 | 500
Deep South | 32.5 | -87.0 | 600
Silicon Valley | 37.4 | -122.1 | 40
Bay Area | 37.8 | -122.3 | 60
Soviet Union; USSR; U.S.S.R. | 60.0 | 90.0 | 3000
Tibet | 31.0 | 88.0 | 800
Gulf States | 25.0 | 51.0 | 600
";

/// Names news copy uses for countries beyond the dictionaries' and the gazetteer's:
/// `ISO3 | names`.
pub const COUNTRY_ALIASES: &str = "\
USA | US; U.S.; U.S.A.; USA; America; United States; United States of America
GBR | UK; U.K.; Britain; Great Britain; United Kingdom
COD | DRC; DR Congo; D.R. Congo; Democratic Republic of Congo; Democratic Republic of the Congo; Congo-Kinshasa; Zaire; Congo
COG | Republic of Congo; Republic of the Congo; Congo-Brazzaville
CIV | Ivory Coast; Côte d'Ivoire; Cote d'Ivoire
MMR | Burma; Myanmar
CZE | Czech Republic; Czechia
PRK | North Korea; DPRK
KOR | South Korea
CHN | China; People's Republic of China; PRC; Mainland China
TWN | Taiwan
RUS | Russia; Russian Federation
IRN | Iran
SYR | Syria
LAO | Laos
VNM | Vietnam; Viet Nam
BOL | Bolivia
TZA | Tanzania
VEN | Venezuela
MKD | Macedonia; North Macedonia
SWZ | Swaziland; Eswatini
TLS | East Timor; Timor-Leste
CPV | Cape Verde; Cabo Verde
NLD | Netherlands; Holland
VAT | Vatican; Vatican City; Holy See
PSE | Palestine; Palestinian Territories
MDA | Moldova
FSM | Micronesia
GMB | Gambia
BHS | Bahamas
KGZ | Kyrgyzstan; Kirgizia
ARE | UAE; U.A.E.; United Arab Emirates
BIH | Bosnia; Bosnia and Herzegovina; Bosnia-Herzegovina
TTO | Trinidad; Trinidad and Tobago
VCT | Saint Vincent; St. Vincent
KNA | St. Kitts; Saint Kitts; St. Kitts and Nevis
LCA | St. Lucia; Saint Lucia
BRN | Brunei
";

/// AP style and postal abbreviations of the US states: `code | AP | postal`.
/// Both are read only after a comma ("Buffalo, N.Y.") or in a dateline.
pub const US_STATE_ABBREVIATIONS: &str = "\
AL | Ala. | AL
AK | Alaska | AK
AZ | Ariz. | AZ
AR | Ark. | AR
CA | Calif.; Cal. | CA
CO | Colo. | CO
CT | Conn. | CT
DE | Del. | DE
DC | D.C. | DC
FL | Fla. | FL
GA | Ga. | GA
HI | Hawaii | HI
ID | Idaho | ID
IL | Ill. | IL
IN | Ind. | IN
IA | Iowa | IA
KS | Kan.; Kans. | KS
KY | Ky. | KY
LA | La. | LA
ME | Maine | ME
MD | Md. | MD
MA | Mass. | MA
MI | Mich. | MI
MN | Minn. | MN
MS | Miss. | MS
MO | Mo. | MO
MT | Mont. | MT
NE | Neb.; Nebr. | NE
NV | Nev. | NV
NH | N.H. | NH
NJ | N.J. | NJ
NM | N.M. | NM
NY | N.Y. | NY
NC | N.C. | NC
ND | N.D. | ND
OH | Ohio | OH
OK | Okla. | OK
OR | Ore.; Oreg. | OR
PA | Pa.; Penn. | PA
RI | R.I. | RI
SC | S.C. | SC
SD | S.D. | SD
TN | Tenn. | TN
TX | Texas; Tex. | TX
UT | Utah | UT
VT | Vt. | VT
VA | Va. | VA
WA | Wash. | WA
WV | W.Va.; W. Va. | WV
WI | Wis.; Wisc. | WI
WY | Wyo. | WY
";

/// Capitalised words that are a place's name somewhere but, standing alone in
/// English news, are almost always something else. A name listed here is read as a
/// place only with a sign that it is one ("the town of", ", Poland", a dateline).
pub const COMMON_WORDS: &str = "\
a about above across after again against all also although am among an and another any are around as at \
be because been before being below best between both but by can could did do does down during each either \
even ever every few first for from further had has have he her here hers him his how however i if in into is \
it its just last least less like many may me might more most much must my never new next no nor not now of \
off often on once one only or other our out over own per perhaps same she should since so some still such \
than that the their them then there these they this those though through thus to too under until up upon us \
very was we were what when where whether which while who whom whose why will with within without would yet you your \
monday tuesday wednesday thursday friday saturday sunday january february march april june july august \
september october november december \
police health university hospital army court party union federal national state government president minister \
company bank church city town village county district province region island islands lake river mount north south \
east west northern southern eastern western central upper lower greater little old big great royal saint \
man men woman women people child children family home house school college center centre office ministry \
said says told report reports news press agency times post today daily herald tribune journal \
human animal animals farm water fire air sea land road street bridge park hill hills valley beach bay port \
mission liberty independence victory unity peace hope faith grace justice freedom progress paradise \
commerce industry energy trade market gold silver iron steel coal oil gas \
reading bath nice mobile split sale deal bar ham hull wells worms chester bury battle \
god jesus christ christmas easter islam muslim christian \
ebola influenza flu virus aids hiv sars dengue malaria cholera polio measles \
prime chief general secretary director officer spokesman spokeswoman official officials \
world international global national regional local \
doctor doctors nurse nurses patient patients \
friendship concord harmony eden zion canaan goshen \
obama bush carter kennedy \
";

/// Words between a capitalised word and the next that may stand inside a place's
/// name ("Bosnia and Herzegovina", "Trinidad and Tobago", "Rio de Janeiro").
pub const CONNECTORS: &[&str] = &[
    "of", "de", "del", "della", "da", "do", "dos", "das", "di", "du", "des", "la", "le", "les", "el", "al", "and", "the", "upon", "on",
    "en", "sur", "am", "im", "an", "der", "y", "e", "i", "bin", "ibn", "&",
];

/// Words for a kind of place: "the town of X", "X province".
pub const PLACE_NOUNS: &[&str] = &[
    "town", "city", "village", "capital", "port", "province", "region", "state", "district", "county", "island", "municipality",
    "settlement", "hamlet", "suburb", "township", "borough", "prefecture", "governorate", "oblast", "republic", "area", "enclave",
    "outskirts", "resort", "community", "parish", "commune", "departement", "department", "territory", "neighborhood", "neighbourhood",
];

/// Words after a name that make it an area: "Nyanza Province", "Akita Prefecture".
pub const ADMIN_SUFFIXES: &[&str] =
    &["province", "state", "region", "prefecture", "county", "district", "governorate", "oblast", "territory", "department", "parish", "municipality"];

/// Prepositions after which a capitalised name is likely a place.
pub const LOCATIVE: &[&str] = &[
    "in", "at", "near", "from", "to", "outside", "around", "across", "towards", "toward", "via", "into", "throughout", "within",
    "between", "through", "inside", "nearby", "off", "of", "and", "or", "visit", "visited", "visiting", "reach", "reached", "leave", "left",
    "entered", "enter", "hit", "struck", "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
    "northeastern", "northwestern", "southeastern", "southwestern", "downtown", "rural", "coastal", "neighbouring", "neighboring",
];

/// Compass directions: "25 kilometers east of Bishkek".
pub const DIRECTIONS: &[&str] = &[
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "north-east", "north-west", "south-east",
    "south-west",
];
