"""Line rules for plain-text scrapes: what a line that is not article body looks like.

Each rule looks at one stripped line and answers with a reason (a short label that is stored with
the removed line) or ``None``. Context-dependent decisions (header zone, teaser lists, footer zone,
author bios) are made in :mod:`sitroom.clean.boilerplate` on top of these.

The patterns are deliberately about *page furniture* (forms, buttons, credits, list labels), not
about topics, so that they hold for outlets never seen before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_I = re.IGNORECASE

# A photo caption or credit: a copyright sign, a photo label, or an agency credit with a slash.
CAPTION = re.compile(
    r"©|\(c\)\s+\w|"
    r"^(file\s+photo|photo|photos|image|images|picture|pictured|illustration|illustrative(\s+image)?|"
    r"video|credit|credits|photograph|фото|foto|bild)\b\s*[.:/|-]|"
    r"\b(photo|image|picture)\s*(by|credit|courtesy)\b|"
    r"\b(getty\s+images|shutterstock|ap\s+photo|afp\s+via\s+getty|epa-efe|"
    r"reuters/[A-Z]|sputnik\s*/|ria\s+novosti\s*/|tass\s*/|global\s+look\s+press|"
    r"imago\s+images|picture\s+alliance|anadolu\s+via\s+getty)\b",
    _I,
)

# "READ MORE: ...", "Read also:", "See also", in several languages. Strong labels open a link
# line whatever follows; weak ones ("Related", "Watch") only with a separator or standing alone.
_STRONG_READ_MORE = (r"read\s+more|read\s+also|also\s+read|see\s+also|more\s+on\s+this(\s+story)?|"
                     r"читайте\s+также|читайте\s+також|також\s+читайте|lesen\s+sie\s+auch|mehr\s+zum\s+thema|"
                     r"lire\s+aussi|à\s+lire\s+aussi|leer\s+más|czytaj\s+(też|także|więcej)")
_WEAK_READ_MORE = r"related|recommended|watch|listen|also\s+on\s+[\w.]+|more\s+from\s+[\w. ]+"
READ_MORE = re.compile(
    rf"^(({_STRONG_READ_MORE})\b|({_WEAK_READ_MORE})\s*([:>»|–—]|-\s|$))",
    _I,
)

COMMENT_FORM = re.compile(
    r"^(leave\s+a\s+(reply|comment)|post\s+(a\s+)?comment|cancel\s+reply|add\s+(a\s+)?comment|"
    r"join\s+the\s+(discussion|conversation)|\d+\s+comments?|comments?|(name|email|e-mail|website)\s*\*?)\s*:?$|"
    r"your\s+email\s+address\s+will\s+not\s+be\s+published|required\s+fields\s+are\s+marked|"
    r"save\s+my\s+name,\s+email|you\s+must\s+be\s+logged\s+in\s+to\s+(post|leave)|"
    r"comments\s+are\s+closed|be\s+the\s+first\s+to\s+comment|notify\s+me\s+of\s+(new|follow-up)",
    _I,
)

# Whole-line page chrome: buttons, share bars, newsletter and cookie prompts.
CHROME = re.compile(
    r"^(back\s+to\s+top(\s+button)?|scroll\s+to\s+top|go\s+to\s+top|skip\s+to(\s+main)?\s+content|"
    r"menu|home|search|close|share|share\s+this(\s+(article|story|post))?|share\s+on\s+\w+|tweet|print|"
    r"email|copy\s+link|link\s+copied|facebook|twitter|x|telegram|whatsapp|linkedin|vk|reddit|viber|"
    r"subscribe|subscribe\s+now|sign\s+up|log\s*in|sign\s+in|register|advertisement|advert|ad|"
    r"sponsored(\s+content)?|promoted|loading\.*|show\s+more|load\s+more|next(\s+article|\s+story)?|"
    r"previous(\s+article|\s+story)?|top|up\s+next|listen\s+to\s+this\s+article|\d+\s+min(ute)?s?\s+read|"
    r"reading\s+time.*|font\s+size|print\s+this\s+page|permalink|all\s+rights\s+reserved\.?|"
    r"follow\s+us(\s+on\s+[\w ,]+)?|download\s+(the\s+)?app|accept(\s+all)?(\s+cookies)?|"
    r"cookie\s+(settings|policy|preferences))\.?$|"
    r"(sign\s+up|subscribe)\s+(for|to)\s+(our|the)\s+\w*\s*newsletter|"
    r"we\s+use\s+cookies|this\s+(web)?site\s+uses\s+cookies|^copyright\b|^\(?©|"
    r"all\s+rights\s+reserved|spot_img|^-?\s*sponsor(ed)?\s*-|"
    r"^(tags?|topics?|categories|filed\s+under|keywords)\s*:",
    _I,
)

# "Source: www.example.com", "Quelle: n-tv.de", "Источник: ..."
SOURCE_LINE = re.compile(
    r"^(source|sources|quelle|источник|джерело|źródło|fuente)\s*:\s*"
    r"(?P<value>(https?://)?(www\.)?[\w-]+(\.[\w-]+)+\S*|[\w .&'-]{2,40})\s*$",
    _I,
)

# Reuters-style sign-offs and byline lines.
CREDITS = re.compile(
    r"^\(?(?i:reporting|writing|editing|additional\s+reporting|compiled)\s+(?i:by)\b.*\)?$|"
    r"^(?i:by|author|authors|written\s+by|von|автор)\s*:?\s+[A-ZА-ЯІЇЄ][\w.'-]+(\s+[A-ZА-ЯІЇЄ][\w.'-]+){0,3}"
    r"(\s*(,\s*and|,|and|&)\s*[A-ZА-ЯІЇЄ][\w.'-]+(\s+[A-ZА-ЯІЇЄ][\w.'-]+){0,3})*\s*$",
)

# A date or timestamp standing alone, optionally labelled ("Published: 13 May 2024, 10:15").
_MONTHS = (r"(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|"
           r"oct(ober)?|nov(ember)?|dec(ember)?)")
DATE_LINE = re.compile(
    r"^((published|updated|posted|last\s+updated|date|veröffentlicht|опубликовано|опубліковано)\s*(on|at)?\s*:?\s*)?"
    r"((mon|tues?|wed(nes)?|thu(rs)?|fri|sat(ur)?|sun)(day)?,?\s+)?"
    r"(\d{1,2}\s+" + _MONTHS + r"\.?,?\s+\d{4}|" + _MONTHS + r"\.?\s+\d{1,2},?\s+\d{4}|"
    r"\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
    r"([,\s]+(at\s+)?\d{1,2}[:.]\d{2}(\s*[ap]\.?m\.?)?(\s*\(?[A-Z]{2,4}([+-]\d+)?\)?)?)?\s*$",
    _I,
)

# Headings that open a block of links to other stories: everything after them is furniture.
FOOTER_MARKER = re.compile(
    r"^(week'?s\s+top\s+stories|more\s+in\s+this\s+category|related\s+(articles|posts|stories|news|content|coverage)|"
    r"you\s+(may|might)\s+also\s+(like|be\s+interested\s+in)|recommended(\s+for\s+you|\s+stories)?|"
    r"most\s+(read|popular|viewed|shared)|trending(\s+now|\s+stories)?|latest\s+(news|stories|articles|posts)|"
    r"more\s+(stories|news|articles)(\s+\w+){0,3}|popular\s+(posts|stories|articles)|editor'?s\s+picks|"
    r"top\s+stories|in\s+case\s+you\s+missed\s+it|don'?t\s+miss|more\s+from\s+(this|the)\s+\w+|"
    r"leave\s+a\s+(reply|comment)|comments|\d+\s+comments|what\s+to\s+read\s+next|"
    r"популярное|самое\s+читаемое|читайте\s+также|популярне|найпопулярніше|"
    r"meistgelesen|das\s+könnte\s+sie\s+auch\s+interessieren)\s*:?$",
    _I,
)

# An author or outlet blurb, as found after the body.
BIO = re.compile(
    r"\b(editor[- ]in[- ]chief|managing\s+editor|senior\s+editor|staff\s+writer|reporter|correspondent|"
    r"journalist|columnist|contributor|freelance(r)?|bureau\s+chief|news\s+reporting|"
    r"covering|covers\s+(the|news|politics|defen[cs]e|security|conflict)|"
    r"follow\s+(him|her|them)\s+on|years\s+of\s+experience|holds\s+a\s+(ba|ma|phd|degree)|"
    r"is\s+an?\s+([\w-]+\s+){0,3}(writer|analyst|journalist|reporter|editor|researcher)\b|"
    r"about\s+the\s+author)",
    _I,
)

LIST_ITEM = re.compile(r"^\s*([-–—•·*▪►>]|\d{1,2}[.)])\s+\S")

# Words of navigation labels and section names ("Russia & Former Soviet Union", "World | Europe").
SECTION_WORDS = frozenset("""
world news europe european russia russian ukraine ukrainian former soviet union politics political business
economy opinion opinions analysis sport sports culture science tech technology middle east west north south
asia africa americas america us usa uk britain international national local region regions regional
military defense defence war conflict conflicts breaking live video videos photos photo gallery exclusive
latest features feature in depth focus society security diplomacy crisis global top stories home section
the of and & / | › » > - – — columns column commentary editorial editorials blog blogs explainer
investigations investigation interview interviews special report reports briefing newsletter podcast
china india asia-pacific pacific caucasus baltics balkans central eastern western northern southern
nato eu un world-news russia-ukraine frontline front line
""".split())

# "&" is not among them: headlines use it too ("Russia & Ukraine Talks Stall").
NAV_SEPARATORS = re.compile(r"\s(\||›|»|>|/|•|·)\s")


@dataclass(frozen=True, slots=True)
class Dateline:
    prefix: str        # the exact prefix to drop from the line
    outlet: str | None  # agency or outlet the dateline names, if any


# "(MENAFN) ...", "KYIV, May 13 (Reuters) - ...", "MOSCOW, May 13. /TASS/. ...", "KHARKIV, Ukraine — ...",
# "WASHINGTON -- ..." (two hyphens for a dash)
_DATELINE_PATTERNS = (
    re.compile(r"^\((?P<outlet>[A-Z][A-Za-z0-9&.\- ]{1,24})\)\s*[-–—:]?\s*"),
    re.compile(r"^(?P<place>[A-ZА-ЯІЇЄ][A-ZА-ЯІЇЄ'\- ]{2,30})(,\s*[\w .]{2,30})?\s*"
               r"\((?P<outlet>[A-Za-z][\w.\- ]{1,20})\)\s*[-–—:]\s*"),
    re.compile(r"^(?P<place>[A-ZА-ЯІЇЄ][A-ZА-ЯІЇЄ'\- ]{2,30}),\s*[\w .]{2,20}\.?\s*/(?P<outlet>[A-Za-z\- ]{2,20})/\.?\s*"),
    re.compile(r"^(?P<place>[A-ZА-ЯІЇЄ]{3,}[A-ZА-ЯІЇЄ'\- ]{0,30}?)(,\s*[A-Z][\w .]{2,30})?\s*(?:--|[-–—])\s+"),
)


def dateline(line: str) -> Dateline | None:
    """The dateline prefix of a body line, e.g. ``(MENAFN)`` or ``KYIV, May 13 (Reuters) -``."""
    for pattern in _DATELINE_PATTERNS:
        m = pattern.match(line)
        if not m:
            continue
        rest = line[m.end():]
        if len(rest.split()) < 6:  # a dateline opens a paragraph of running text
            continue
        outlet = m.groupdict().get("outlet")
        if outlet and len(outlet.split()) > 3:
            continue
        return Dateline(prefix=m.group(0), outlet=outlet.strip() if outlet else None)
    return None


def words(line: str) -> list[str]:
    return re.findall(r"[\w'’&/|›»>-]+", line)


def is_headline_like(line: str, max_words: int = 20) -> bool:
    """Short and not ending like a sentence of running text."""
    n = len(line.split())
    return 0 < n <= max_words and not re.search(r"[.!?…:;,]['\"”’»)]*$", line)


def is_section_label(line: str) -> bool:
    """A navigation or section label: a few section words, or a breadcrumb."""
    tokens = line.split()
    if not 0 < len(tokens) <= 6 or re.search(r"[.!?,;:\"“”]$", line):
        return False
    if NAV_SEPARATORS.search(line) and all(t[:1].isupper() or t in "&|›»>/•·-–—" for t in tokens):
        segments = NAV_SEPARATORS.split(line)[::2]
        if all(len(s.split()) <= 3 for s in segments):
            return True
    return all(t.lower().strip("'’") in SECTION_WORDS for t in tokens) and tokens[0][:1].isupper()


# Captions that carry no photo word: a trailing credit with a slash "(Regional prosecutor's office /
# Telegram)", and the wire services' caption opener "A view shows ...".
CREDIT_TAIL = re.compile(r"\((?:photo:?\s*)?[^()]{2,80}\s/\s*[^()]{2,40}\)\s*$", _I)
VIEW_SHOWS = re.compile(r"^(?:a|an)\s+(?:general\s+|aerial\s+|drone\s+)?view\s+shows\b", _I)
# An embedded post's credit line: "— Jane Doe (@handle) May 25, 2024"
EMBED_CREDIT = re.compile(r"^[—–-]\s*[^()]{1,60}\(@\w{1,30}\)\s+\w+\s+\d{1,2},\s+\d{4}$")
# A byline with a reading time, and notices about how the page was made
PAGE_NOTICE = re.compile(r"\b\d+\s+min(?:ute)?s?\s+read\s*$|^this\s+(?:audio|article|summary)\s+(?:is|was)\s+"
                         r"(?:created|generated|produced)\s+with\b", _I)


def line_reason(line: str) -> str | None:
    """Reason a line is page furniture on its own, without context, or None."""
    n_words = len(line.split())
    if (CREDIT_TAIL.search(line) or VIEW_SHOWS.match(line)) and n_words <= 45:
        return "photo caption"
    if EMBED_CREDIT.match(line.strip()):
        return "embedded post credit"
    if PAGE_NOTICE.search(line) and n_words <= 30:
        return "page chrome"
    if COMMENT_FORM.search(line) and n_words <= 16:
        return "comment form"
    if CHROME.search(line) and n_words <= 14:
        return "page chrome"
    if READ_MORE.match(line) and (n_words <= 25 or line.rstrip().endswith(("…", "..."))):
        return "read-more link"
    if SOURCE_LINE.match(line):
        return "source line"
    if CAPTION.search(line) and n_words <= 40 and not _is_running_sentence_with_credit(line):
        return "photo caption"
    if CREDITS.match(line):
        return "byline or credits"
    if DATE_LINE.match(line):
        return "date line"
    return None


def _is_running_sentence_with_credit(line: str) -> bool:
    """'... told Reuters/Ipsos ...' style mentions in body prose are not credits."""
    if "©" in line or re.match(r"^(file\s+photo|photo|image|picture|credit)", line, _I):
        return False
    return n_sentences(line) >= 2 and len(line.split()) > 25


def n_sentences(line: str) -> int:
    return len(re.findall(r"[.!?](\s|$)", line))
