# ruff: noqa: E501 -- the company table reads best one company to a line.
"""The demo's raw material: companies, people, products and phrases.

Addresses are invented but plausible: real street names of the kind every
town has, postal codes and telephone area codes that belong to the city.
"""

from decimal import Decimal

# One company a line: name | industry | street | postal code | city | area code | mail domain | seller
_COMPANY_TABLE = """
Kessler Antriebstechnik GmbH | Maschinenbau | Industriestraße 12 | 70565 | Stuttgart | 0711 | kessler-antriebe.de | demo
Brenner Sondermaschinenbau GmbH & Co. KG | Maschinenbau | Robert-Bosch-Straße 31 | 73037 | Göppingen | 07161 | brenner-sondermaschinen.de | demo
Elektro-Großhandel Wagner GmbH | Elektrogroßhandel | Heilbronner Straße 188 | 70191 | Stuttgart | 0711 | ewagner.de | demo
Kanzlei Dr. Hofmann & Partner mbB | Rechtsanwälte | Königstraße 44 | 70173 | Stuttgart | 0711 | hofmann-partner.de | demo
Dentallabor Schäfer e.K. | Dentallabor | Marktplatz 7 | 72764 | Reutlingen | 07121 | dentallabor-schaefer.de | demo
Spedition Maier Logistik GmbH | Logistik | Hafenbahnstraße 22 | 70329 | Stuttgart | 0711 | maier-logistik.de | demo
Druckerei Lang GmbH | Druckerei | Gutenbergstraße 5 | 71032 | Böblingen | 07031 | druckerei-lang.de | demo
Hydraulik Zimmermann AG | Maschinenbau | Max-Eyth-Straße 16 | 74076 | Heilbronn | 07131 | zimmermann-hydraulik.de | demo
Autohaus Berger GmbH | Autohaus | Schwieberdinger Straße 101 | 71636 | Ludwigsburg | 07141 | autohaus-berger.de | demo
Steuerberatung Krüger & Kollegen PartG | Steuerberatung | Bahnhofstraße 9 | 72072 | Tübingen | 07071 | krueger-stb.de | demo
Feinmechanik Roth GmbH | Feinmechanik | Ulmer Straße 60 | 73431 | Aalen | 07361 | roth-feinmechanik.de | demo
Bauer Kunststofftechnik GmbH | Kunststoffverarbeitung | Daimlerstraße 3 | 71332 | Waiblingen | 07151 | bauer-kunststoff.de | demo
Praxisbedarf Neumann e.K. | Medizinbedarf | Leopoldstraße 112 | 80802 | München | 089 | praxisbedarf-neumann.de | demo
Huber Metallbau GmbH & Co. KG | Metallbau | Rosenheimer Straße 145 | 81671 | München | 089 | huber-metallbau.de | demo
Alpenland Brauerei AG | Getränke | Brauhausgasse 2 | 83022 | Rosenheim | 08031 | alpenland-brauerei.de | demo
Werkzeugbau Fischer GmbH | Werkzeugbau | Carl-Zeiss-Straße 8 | 89077 | Ulm | 0731 | fischer-werkzeugbau.de | demo
Schwarz Elektrotechnik GmbH | Elektroinstallation | Haunstetter Straße 49 | 86161 | Augsburg | 0821 | schwarz-elektro.de | demo
Donau Logistik GmbH | Logistik | Hafenstraße 20 | 93055 | Regensburg | 0941 | donau-logistik.de | demo
Zahntechnik Weber GmbH | Dentallabor | Kaiserstraße 83 | 76133 | Karlsruhe | 0721 | zahntechnik-weber.de | demo
Rechtsanwälte Kaiser Schmitt Partnerschaft mbB | Rechtsanwälte | Kaiserring 10 | 68161 | Mannheim | 0621 | kaiser-schmitt.de | demo
Offsetdruck Becker GmbH | Druckerei | Vangerowstraße 18 | 69115 | Heidelberg | 06221 | offsetdruck-becker.de | demo
Schreinerei Walter Holzmanufaktur e.K. | Schreinerei | Lange Straße 27 | 79098 | Freiburg im Breisgau | 0761 | holzmanufaktur-walter.de | demo
Bodensee Sensorik GmbH | Elektronik | Line-Eid-Straße 3 | 78467 | Konstanz | 07531 | bodensee-sensorik.de | demo
Franken Verpackung GmbH & Co. KG | Verpackung | Frankenstraße 210 | 90461 | Nürnberg | 0911 | franken-verpackung.de | demo
Lebensmittelhandel Ott GmbH | Großhandel | Nürnberger Straße 77 | 97076 | Würzburg | 0931 | ott-handel.de | demo
Präzisionsteile Vogel GmbH | Zerspanung | Esplanade 36 | 85049 | Ingolstadt | 0841 | vogel-praezision.de | demo
Hausverwaltung Lorenz GmbH | Immobilien | Schillerstraße 19 | 88212 | Ravensburg | 0751 | lorenz-hausverwaltung.de | demo
Elektrohandel Krause GmbH | Elektrogroßhandel | Aachener Straße 340 | 50933 | Köln | 0221 | krause-elektro.de | demo
Medienhaus Richter GmbH | Druckerei | Hanauer Landstraße 161 | 60314 | Frankfurt am Main | 069 | medienhaus-richter.de | jonas
Maschinenfabrik Hartmann AG | Maschinenbau | Westfalendamm 87 | 44141 | Dortmund | 0231 | hartmann-maschinen.de | jonas
Nordsee Spedition Petersen GmbH | Logistik | Am Sandtorkai 48 | 20457 | Hamburg | 040 | petersen-spedition.de | jonas
Kanzlei Sommer Rechtsanwälte | Rechtsanwälte | Königsallee 60 | 40212 | Düsseldorf | 0211 | kanzlei-sommer.de | jonas
Dentaltechnik Köhler GmbH | Dentallabor | Karl-Liebknecht-Straße 94 | 04275 | Leipzig | 0341 | koehler-dental.de | jonas
Haustechnik Friedrich GmbH & Co. KG | Sanitär und Heizung | Podbielskistraße 150 | 30177 | Hannover | 0511 | friedrich-haustechnik.de | jonas
Rhein-Main Elektro AG | Elektrogroßhandel | Mainzer Straße 98 | 65189 | Wiesbaden | 0611 | rhein-main-elektro.de | jonas
Sachsen Stahlbau GmbH | Metallbau | Löbtauer Straße 70 | 01159 | Dresden | 0351 | sachsen-stahlbau.de | jonas
"""
COMPANIES: list[tuple[str, ...]] = [
    tuple(cell.strip() for cell in line.split("|")) for line in _COMPANY_TABLE.strip().splitlines()
]

MEN = [
    "Thomas",
    "Michael",
    "Andreas",
    "Stefan",
    "Markus",
    "Jens",
    "Frank",
    "Jürgen",
    "Uwe",
    "Tobias",
    "Florian",
    "Matthias",
    "Ralf",
    "Christian",
    "Klaus",
    "Benedikt",
    "Oliver",
    "Martin",
]
WOMEN = [
    "Sabine",
    "Petra",
    "Claudia",
    "Andrea",
    "Julia",
    "Katrin",
    "Anja",
    "Nicole",
    "Susanne",
    "Melanie",
    "Birgit",
    "Stefanie",
    "Carina",
    "Heike",
    "Lena",
    "Monika",
    "Tanja",
    "Miriam",
]
SURNAMES = [
    "Müller",
    "Schmid",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Koch",
    "Bauer",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Hofmann",
    "Hartmann",
    "Lange",
    "Werner",
    "Krause",
    "Lehmann",
    "Köhler",
    "Herrmann",
    "König",
    "Walter",
    "Mayer",
    "Huber",
    "Kaiser",
    "Fuchs",
    "Peters",
    "Lang",
    "Scholz",
    "Möller",
    "Weiß",
    "Jung",
    "Hahn",
    "Schubert",
    "Vogel",
    "Friedrich",
    "Keller",
    "Günther",
    "Frank",
    "Berger",
    "Winkler",
    "Roth",
    "Beck",
    "Lorenz",
    "Baumann",
    "Franke",
    "Albrecht",
    "Schuster",
    "Simon",
    "Ludwig",
    "Böhm",
    "Winter",
    "Kraus",
    "Martin",
    "Schumacher",
    "Krämer",
    "Vogt",
    "Stein",
    "Jäger",
    "Otto",
    "Sommer",
    "Groß",
    "Seidel",
    "Heinrich",
]

# position, department; the first one of a company is the one the seller speaks to most.
POSITIONS = [
    ("Leitung Einkauf", "Einkauf"),
    ("Sachbearbeitung Einkauf", "Einkauf"),
    ("Geschäftsführung", "Geschäftsführung"),
    ("Assistenz der Geschäftsführung", "Geschäftsführung"),
    ("Technische Leitung", "Technik"),
    ("Leitung Instandhaltung", "Technik"),
    ("Büroleitung", "Verwaltung"),
    ("IT-Administration", "IT"),
    ("Leitung Logistik", "Logistik"),
    ("Werkstattleitung", "Produktion"),
    ("Kaufmännische Leitung", "Finanzen"),
]
POSITIONS_BY_INDUSTRY = {
    "Rechtsanwälte": [("Kanzleimanagement", "Verwaltung"), ("Partner", "Geschäftsführung")],
    "Steuerberatung": [("Kanzleimanagement", "Verwaltung"), ("Partner", "Geschäftsführung")],
    "Dentallabor": [("Laborleitung", "Labor"), ("Inhaber", "Geschäftsführung")],
    "Logistik": [("Disposition", "Logistik"), ("Niederlassungsleitung", "Geschäftsführung")],
    "Druckerei": [("Produktionsleitung", "Produktion"), ("Leitung Druckvorstufe", "Produktion")],
}

PERSONAL_NOTES = [
    "Fan des VfB, Dauerkarte in der Cannstatter Kurve.",
    "Tochter studiert in Heidelberg (Medizin).",
    "Segelt im Sommer am Bodensee.",
    "Läuft jedes Jahr beim Stuttgart-Lauf mit.",
    "Hat im Frühjahr gebaut, Thema Photovoltaik interessiert ihn/sie privat.",
    "Trinkt keinen Kaffee, nur grünen Tee.",
    "Zwei Kinder, der Sohn spielt Handball in der Oberliga.",
    "Mag es kurz und knapp, vor 9 Uhr nicht anrufen.",
    "Fährt im August immer drei Wochen nach Südtirol.",
    "Leidenschaftlicher Hobbykoch, schwärmt von der Pfälzer Küche.",
    "FC-Bayern-Mitglied, vor Heimspielen nicht über Fußball reden.",
    "Fährt Rennrad, am Wochenende Touren über die Alb.",
    "Spricht fließend Italienisch, Familie stammt aus Apulien.",
    "Im Vorstand des örtlichen Musikvereins (Trompete).",
    "Geht Ende des Jahres in Rente, Nachfolge noch offen.",
    "Hund heißt Bruno, kommt manchmal mit ins Büro.",
]

# description, unit, unit price
PRODUCTS: dict[str, list[tuple[str, str, Decimal]]] = {
    "office": [
        ("Multifunktionsdrucker A3 Farbe, Leasing-Ablösung", "Stk.", Decimal("2890.00")),
        ("Toner schwarz, Hochleistung", "Stk.", Decimal("148.50")),
        ("Kopierpapier A4 80 g, Palette", "Pal.", Decimal("1240.00")),
        ("Aktenvernichter P-4, 40 l", "Stk.", Decimal("389.00")),
        ("Ergonomischer Bürostuhl mit Synchronmechanik", "Stk.", Decimal("465.00")),
        ("Monitor 27 Zoll, höhenverstellbar", "Stk.", Decimal("259.00")),
        ("Dokumentenscanner, 60 Seiten/min", "Stk.", Decimal("1180.00")),
        ("Headset DECT, beidseitig", "Stk.", Decimal("189.00")),
    ],
    "workshop": [
        ("Schwerlastregal 2000 × 1000 × 500 mm, Grundfeld", "Stk.", Decimal("312.00")),
        ("Etikettendrucker Thermotransfer, 300 dpi", "Stk.", Decimal("745.00")),
        ("Thermotransfer-Etiketten 100 × 50 mm, Karton", "Ktn.", Decimal("86.40")),
        ("Arbeitsschutzhandschuhe Nitril, Gr. 9", "VE", Decimal("42.90")),
        ("Werkstattwagen mit 7 Schubladen", "Stk.", Decimal("698.00")),
        ("Industriestaubsauger Klasse M", "Stk.", Decimal("1390.00")),
        ("Stretchfolie 500 mm, 23 µ", "Rolle", Decimal("11.80")),
        ("Gabelhubwagen 2500 kg", "Stk.", Decimal("429.00")),
        ("LED-Hallenleuchte 150 W", "Stk.", Decimal("219.00")),
    ],
    "lab": [
        ("Absaugung für Arbeitsplatz, zweistufig", "Stk.", Decimal("1650.00")),
        ("Einmalhandschuhe Nitril puderfrei, Gr. M", "Box", Decimal("7.90")),
        ("Desinfektionsmittel Flächen, 5 l", "Kan.", Decimal("32.50")),
        ("Arbeitsplatzleuchte mit Lupe", "Stk.", Decimal("239.00")),
    ],
}
PRODUCT_GROUPS_BY_INDUSTRY = {
    "Rechtsanwälte": ["office"],
    "Steuerberatung": ["office"],
    "Immobilien": ["office"],
    "Dentallabor": ["lab", "office"],
    "Medizinbedarf": ["lab", "office"],
}

WISHES = [
    ("Neue Lagerhalle ab Herbst: komplette Regalausstattung", Decimal("45000")),
    ("Umstellung aller Arbeitsplätze auf höhenverstellbare Tische", Decimal("28000")),
    ("Ersatz der Druckerflotte nach Leasingende", Decimal("36000")),
    ("Zweiter Standort geplant, Erstausstattung Büro", Decimal("60000")),
    ("Digitalisierung des Archivs: Scanner und Software", Decimal("18000")),
    ("Etikettierung im Wareneingang automatisieren", Decimal("12500")),
    ("Beleuchtung der Fertigungshalle auf LED umrüsten", Decimal("22000")),
]

REFERRALS = [
    ("Metallbau Seitz GmbH", "Herr Klaus Seitz", "Geschäftsführung", "07151 98230-11"),
    ("Autohaus Sommerfeld GmbH", "Frau Andrea Sommerfeld", "Kaufmännische Leitung", "07141 28711-40"),
    ("Physiotherapie am Park Lindner", "Frau Julia Lindner", "Inhaberin", "0711 6543210"),
    ("Schlosserei Brandt e.K.", "Herr Uwe Brandt", "Inhaber", "07031 41230-2"),
    ("Ingenieurbüro Kuhn GmbH", "Herr Dr. Martin Kuhn", "Geschäftsführung", "089 3327810-15"),
]

NOTES = {
    "deal": [
        "Bestellung telefonisch bestätigt, Preise wie im Angebot vom Vormonat.",
        "Nachbestellung, gleiche Konditionen wie beim letzten Auftrag.",
        "Hat sich nach Vergleich mit zwei Wettbewerbern für uns entschieden, Lieferzeit war ausschlaggebend.",
        "Auftrag erteilt, Lieferung bitte nur vormittags an die Rampe.",
    ],
    "offer": [
        "Möchte ein schriftliches Angebot, vergleicht mit dem bisherigen Lieferanten.",
        "Interesse an Rahmenvertrag für das ganze Jahr, bitte Staffelpreise anbieten.",
        "Braucht das Angebot für die Freigabe durch die Geschäftsführung.",
    ],
    "follow_up": [
        "Thema grundsätzlich interessant, Entscheidung erst nach der Budgetrunde.",
        "Will intern mit der Technik sprechen und sich dann melden; ich hake nach.",
        "Bisheriger Vertrag läuft noch, Wiedervorlage zum Kündigungstermin.",
    ],
    "not_reached": [
        "Nicht erreicht, Zentrale sagt: im Termin.",
        "Mailbox, keine Nachricht hinterlassen.",
        "Im Urlaub bis Ende der Woche laut Abwesenheitsnotiz.",
        "Besetzt, zweimal versucht.",
    ],
    "no_interest": [
        "Kein Bedarf, Rahmenvertrag mit anderem Lieferanten bis Jahresende.",
        "Kein Interesse, Einkauf läuft künftig zentral über die Muttergesellschaft.",
    ],
}

CUSTOMER_PROMISES = [
    "Schickt Bestellnummer für die Rechnung",
    "Schickt Maßzeichnung für die Regalanlage",
    "Gibt Rückmeldung zur Freigabe durch die Geschäftsführung",
    "Schickt Liste der Arbeitsplätze",
]
OUR_PROMISES = [
    "Angebot schicken",
    "Muster zuschicken",
    "Datenblatt und Lieferzeit klären",
    "Rückruf mit Preis für Großmenge",
]

LOCATIONS = ["beim Kunden, {street}, {city}", "Videokonferenz (Teams)", "bei uns im Showroom", "Telefonkonferenz"]
APPOINTMENT_TITLES = ["Bedarfsanalyse vor Ort", "Vorstellung Rahmenvertrag", "Aufmaß Lager", "Jahresgespräch"]
