"""What a phrase next to a name is: a position (role or department), a
company, or something else.  Roles count as positions (SCHEMA.md)."""

from __future__ import annotations

import re

from ..lexicon import umlauts

ROLE = re.compile(
    umlauts(
        r"(?i:leiter|leiterin|leitung|manager|managerin|\bhead\b|\blead\b|director|direktor|\bchef\b|\bchefin\b"
        r"|coordinator|koordinator|assistent|assistenz|assistant|sekretär|sekretariat|secretary|referent"
        r"|sachbearbeit|einkauf|einkäufer|purchasing|procurement|buyer|vertrieb|\bsales\b|marketing|\bit\b|\bedv\b"
        r"|controlling|controller|buchhaltung|accounting|accountant|\bfinance\b|finanz|\bpersonal\b|\bhr\b"
        r"|human\s+resources|logistik|logistics|versand|\blager\b|warehouse\s+manager|instandhaltung|maintenance"
        r"|wartung|produktion|production|fertigung|qualität|quality|\bqs\b|\bqm\b|\bqc\b|\bqa\b|\blab\b|\blabor\b"
        r"|technik|techn\.|technician|techniker|engineer|ingenieur|meister|inhaber|\bowner\b|\bgf\b|\bgl\b|\bceo\b"
        r"|\bcfo\b|\bcto\b|\bcoo\b|\bcio\b|vorstand|prokurist|geschäftsf|rezeption|reception|empfang|designer"
        r"|architekt|architect|arbeitsvorbereitung|disposition|disponent|entwicklung|development|konstruktion"
        r"|kundendienst|customer\s+service|projektleit|project\s+manag|officer|specialist|spezialist|berater"
        r"|consultant|analyst|planer\b|planner|verwaltung|administration|hausmeister|facility|president|präsident"
        r"|\bvp\b|supervisor|küchenchef|kantine|\boffice\b|sekretärin|communications|kommunikation|pressestelle"
        r"|jurist|paralegal|pflegedienst|\barzt\b|ärztin|doctor|apotheker|schulleit|rektor|dekan|professor"
        r"|\bevent\b|key\s+account|außendienst|innendienst|azubi|trainee|praktikant|werkstatt|monteur|elektriker"
        r"|buyer|partner\s+in\s+charge|chairman|founder|gründer|datenschutz|compliance|\bchair\b|department"
        r"|abteilung|\bhse\b|safety|sicherheit|einkäuferin|bauleit|polier|disponentin|fachkraft)"
    )
)
# Relationships that are not positions ("his colleague Sarah").
NOT_ROLE = re.compile(r"(?i:^(?:kollege|kollegin|kollegen|colleague|colleagues|ansprechpartner\w*|contact|frau|herr)$)")

LEGAL_FORM = re.compile(
    r"(?<![\w])(?:GmbH|AG|KG|KGaA|OHG|GbR|e\.\s?V\.|eG|UG|SE|mbH|Ltd\.?|LLP|LLC|Inc\.?|PLC|plc|Corp\.?|S\.A\.|"
    r"B\.V\.|N\.V\.|Co\.|& Partner|& Söhne|& Sohn|Gruppe|Group)(?![\w])"
)
ORG_WORD = re.compile(
    r"(?i:stadtwerke|kanzlei|institut|universität|university|hochschule|klinik|krankenhaus|hospital|verlag"
    r"|bäckerei|autohaus|möbelhaus|fabrik|werke\b|\bwerk\b|steuerberatung|beratung|consulting|logistik\b|solar"
    r"|pharma|biotech|medien|media|\blabs?\b|systems|technologies|services|verein|\btsv\b|\bsv\b|\bfc\b|schule"
    r"|school|hotel|restaurant|gemeinde|stadtverwaltung|landkreis|ministerium|\bamt\b|\bbank\b|sparkasse"
    r"|versicherung|insurance|messe|center|centre|zentrum|diagnostics|kosmetik|feinkost|getränke|druckerei"
    r"|maschinenbau|metallbau|elektro|fördertechnik|holding|partners|apotheke|praxis|dental|legal)"
)
OURS = re.compile(
    r"(?i:von\s+uns|from\s+us|from\s+our\s+side|on\s+our\s+side|unsererseits|seitens\s+uns"
    r"|\bunser(?:e[mnrs]?)?\s+(?:techniker|kollege|kollegin|monteur|mitarbeiter\w*|außendienst\w*|vertrieb\w*"
    r"|projektleiter\w*|ingenieur\w*|chef\w*|geschäftsführ\w*)|\bour\s+(?:technician|colleague|engineer|fitter"
    r"|sales\w*|project\s+manager|consultant|boss|ceo|md)|(?:\bmein(?:e[mn]?)?|\bmy)\s+(?:kollege|kollegin"
    r"|kollegen|colleague|chef|chefin|boss))"
)
_SPLIT_COMPANY = re.compile(r"\s+(?:der|des|bei|beim|bei\s+der|at|@|vom|von\s+der|von|from)\s+(?=[A-ZÄÖÜ0-9])")
# "COO of Harbor Dental Group" (but "Head of Engineering" stays a position).
_OF_COMPANY = re.compile(r"\s+of\s+(?=[A-Z0-9])")
_ADVERBS = re.compile(r"(?i:^(?:now|jetzt|inzwischen|mittlerweile|currently|derzeit|former|ehemals|ehemalige[rn]?)\s+)")


def is_role(phrase: str) -> bool:
    return bool(ROLE.search(phrase)) and not NOT_ROLE.match(phrase.strip())


def is_company(phrase: str) -> bool:
    return bool(LEGAL_FORM.search(phrase) or ORG_WORD.search(phrase))


def split_role(phrase: str) -> tuple[str, str | None]:
    """ "Laborleiterin bei Isar Biotech" -> ("Laborleiterin", "Isar Biotech")."""
    phrase = _ADVERBS.sub("", phrase.strip())
    m = _SPLIT_COMPANY.search(phrase)
    if m and is_role(phrase[: m.start()]):
        rest = phrase[m.end() :]
        # "Assistenz der GF" is one position: what follows is a role, not a company.
        if not (is_role(rest) and not is_company(rest)):
            return phrase[: m.start()].strip(), clean_company(rest)
    m = _OF_COMPANY.search(phrase)
    if m and is_role(phrase[: m.start()]) and is_company(phrase[m.end() :]):
        return phrase[: m.start()].strip(), clean_company(phrase[m.end() :])
    return phrase, None


def clean_company(phrase: str) -> str | None:
    phrase = re.sub(r"\s*\([^()]*\)", "", phrase).strip(" ,;:-")
    return phrase or None
