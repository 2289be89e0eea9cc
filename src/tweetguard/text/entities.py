"""Entities in a tweet: mentions, hashtags, cashtags, URLs and emoji, with offsets.

The rules are twitter-text's (3.1.0, the reference implementation X publishes), ported to
Python regexes compiled once at import, and checked against that implementation on tens of
thousands of generated tweets:

* mentions: ``@``/``＠`` plus 1-15 of ``[A-Za-z0-9_]``; before it the start, a character
  other than ``[A-Za-z0-9_!#$%&*@＠]``, or ``RT``/``rt`` (optionally with ``:``) not glued
  to a word; after it no ``@``, Latin accented letter or ``://``. ``@handle/list`` gives a
  mention of ``@handle``.
* hashtags: ``#``/``＃`` plus Unicode letters, marks, decimal digits, ``_`` and a few joiners,
  with at least one letter or mark; not preceded by a letter, digit, mark or ``&`` (so
  ``&#39;`` is none), not followed by another hash sign or ``://``.
* cashtags: ``$`` plus 1-6 ASCII letters, optionally ``.``/``_`` and 1-2 letters, at the
  start or after a space, followed by the end, a space or punctuation.
* URLs: twitter-text's URL regex, with and without ``http(s)://`` (``hetbedrijf.nl/klanten``,
  ``www.x.com``), its TLD list, its rules for t.co slugs, balanced parentheses, ports and
  DNS label lengths. A URL without a scheme must have an ASCII (or Latin-accented) domain.
* emoji: one entity per emoji *sequence* (skin tones, ZWJ sequences, flags, keycaps, tag
  sequences), from the sequence list of the ``emoji`` package. ``©``, ``®``, ``™`` and ``♟``
  are emoji only with U+FE0F, and U+FE0E (text style) makes a character no emoji, as in
  twemoji.

Overlaps are resolved as twitter-text does: URLs, mentions, hashtags and cashtags sorted by
start (URLs first), and one that starts inside the one kept before it is dropped; emoji
inside those entities are dropped too.

Where this differs from twitter-text 3.1.0, on purpose:

* A run of 16-20 handle characters is no mention (twitter-text extracts up to 20 and cuts
  longer runs to 20); X handles have at most 15.
* Emoji data is newer (twitter-text 3.1 ships Emoji 11): ``🫠`` or ``🧑‍🧑‍🧒`` are one emoji.
* Hashtag letters follow the ``regex`` module's Unicode data (twitter-text's tables predate
  e.g. Tangut), so a few rare scripts count as letters.
* A URL's offsets are where it was matched (twitter-text reports the first occurrence of the
  same domain text, a bug), and runs of more than 280 characters without a space are
  matched in linear time (see ``_url_re_long_run``): twitter-text's regex is quadratic there.

Why not ``twitter-text-parser`` (module ``twitter_text``)? It only counts length and finds
URLs and emoji (no mentions, hashtags or cashtags); its ``parse_tweet`` takes about 1.1 ms for
a 200-character tweet (its emoji regex is an alternation of 3,000 sequences tried at every
position), its URL extraction alone about 80 µs; it reports UTF-16 offsets into the NFC text;
its emoji data is Emoji 12; its import takes about 230 ms and needs the deprecated
``pkg_resources``. This port takes a few to ~25 µs per tweet: signs (``@``, ``#``, ``$``,
``.``) are found with ``str.find`` and the regexes only run where they can match, the TLD
alternation is a trie, emoji are found with one character-class scan and checked against a
set, and ASCII text (most tweets) skips the Unicode work.
"""

from __future__ import annotations

import functools
import operator
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

import emoji as _emoji_pkg
import regex

__all__ = ["Entity", "EntityKind", "extract_entities", "split_hashtag"]

EntityKind = Literal["mention", "hashtag", "cashtag", "url", "emoji"]


@dataclass(frozen=True, slots=True)
class Entity:
    """An entity found in a text.

    ``start``/``end`` are character offsets into the original text (end exclusive) and
    ``text == original[start:end]``. ``value`` is normalised: a mention's handle casefolded
    without ``@``, a hashtag's body casefolded without the hash sign, a cashtag's symbol
    upper-cased without ``$``; URLs and emoji as written.
    """

    kind: EntityKind
    start: int
    end: int
    text: str
    value: str


# --------------------------------------------------------------------------------------------
# Character groups (twitter-text regexp/*.js)

_PUNCT = "!'#%&()*+,\\-./:;<=>?@[]^_{|}~$"
_SPACES = "\t-\r \x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_INVALID_CHARS = "\ufffe\ufeff\uffff"
_DIRECTIONAL = "\u202a-\u202e\u061c\u200e\u200f\u2066-\u2069"
_LATIN_ACCENTS = (
    "\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b\u0263"
    "\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)
_CYRILLIC = "\u0400-\u04ff"
# JavaScript's \s (ECMAScript WhiteSpace + LineTerminator), which differs from Python's.
_JS_SPACE = "\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


def _escape_class(chars: str) -> str:
    """Escape characters for use inside ``[...]`` (ranges written with ``-`` are kept)."""
    return "".join("\\" + c if c in "\\]^-[" else c for c in chars)


# --------------------------------------------------------------------------------------------
# URLs (twitter-text regexp/extractUrl.js and friends)

# TLDs as twitter-text 3.1.0 lists them (conformance/tld_lib.yml; from the IANA root zone).
_GTLDS_TEXT = (
    "aaa aarp abarth abb abbott abbvie abc able abogado abudhabi academy accenture "
    "accountant accountants aco active actor adac ads adult aeg aero aetna afamilycompany "
    "afl africa agakhan agency aig aigo airbus airforce airtel akdn alfaromeo alibaba "
    "alipay allfinanz allstate ally alsace alstom americanexpress americanfamily amex "
    "amfam amica amsterdam analytics android anquan anz aol apartments app apple "
    "aquarelle arab aramco archi army arpa art arte asda asia associates athleta attorney "
    "auction audi audible audio auspost author auto autos avianca aws axa azure baby "
    "baidu banamex bananarepublic band bank bar barcelona barclaycard barclays barefoot "
    "bargains baseball basketball bauhaus bayern bbc bbt bbva bcg bcn beats beauty beer "
    "bentley berlin best bestbuy bet bharti bible bid bike bing bingo bio biz black "
    "blackfriday blanco blockbuster blog bloomberg blue bms bmw bnl bnpparibas boats "
    "boehringer bofa bom bond boo book booking boots bosch bostik boston bot boutique box "
    "bradesco bridgestone broadway broker brother brussels budapest bugatti build "
    "builders business buy buzz bzh cab cafe cal call calvinklein cam camera camp "
    "cancerresearch canon capetown capital capitalone car caravan cards care career "
    "careers cars cartier casa case caseih cash casino cat catering catholic cba cbn cbre "
    "cbs ceb center ceo cern cfa cfd chanel channel charity chase chat cheap chintai "
    "chloe christmas chrome chrysler church cipriani circle cisco citadel citi citic city "
    "cityeats claims cleaning click clinic clinique clothing cloud club clubmed coach "
    "codes coffee college cologne com comcast commbank community company compare computer "
    "comsec condos construction consulting contact contractors cooking cookingchannel "
    "cool coop corsica country coupon coupons courses cpa credit creditcard creditunion "
    "cricket crown crs cruise cruises csc cuisinella cymru cyou dabur dad dance data date "
    "dating datsun day dclk dds deal dealer deals degree delivery dell deloitte delta "
    "democrat dental dentist desi design dev dhl diamonds diet digital direct directory "
    "discount discover dish diy dnp docs doctor dodge dog doha domains doosan dot "
    "download drive dtv dubai duck dunlop duns dupont durban dvag dvr earth eat eco edeka "
    "edu education email emerck energy engineer engineering enterprises epost epson "
    "equipment ericsson erni esq estate esurance etisalat eurovision eus events everbank "
    "exchange expert exposed express extraspace fage fail fairwinds faith family fan fans "
    "farm farmers fashion fast fedex feedback ferrari ferrero fiat fidelity fido film "
    "final finance financial fire firestone firmdale fish fishing fit fitness flickr "
    "flights flir florist flowers flsmidth fly foo food foodnetwork football ford forex "
    "forsale forum foundation fox free fresenius frl frogans frontdoor frontier ftr "
    "fujitsu fujixerox fun fund furniture futbol fyi gal gallery gallo gallup game games "
    "gap garden gay gbiz gdn gea gent genting george ggee gift gifts gives giving glade "
    "glass gle global globo gmail gmbh gmo gmx godaddy gold goldpoint golf goo goodhands "
    "goodyear goog google gop got gov grainger graphics gratis green gripe grocery group "
    "guardian gucci guge guide guitars guru hair hamburg hangout haus hbo hdfc hdfcbank "
    "health healthcare help helsinki here hermes hgtv hiphop hisamitsu hitachi hiv hkt "
    "hockey holdings holiday homedepot homegoods homes homesense honda honeywell horse "
    "hospital host hosting hot hoteles hotels hotmail house how hsbc htc hughes hyatt "
    "hyundai ibm icbc ice icu ieee ifm iinet ikano imamat imdb immo immobilien inc "
    "industries infiniti info ing ink institute insurance insure int intel international "
    "intuit investments ipiranga irish iselect ismaili ist istanbul itau itv iveco iwc "
    "jaguar java jcb jcp jeep jetzt jewelry jio jlc jll jmp jnj jobs joburg jot joy "
    "jpmorgan jprs juegos juniper kaufen kddi kerryhotels kerrylogistics kerryproperties "
    "kfh kia kim kinder kindle kitchen kiwi koeln komatsu kosher kpmg kpn krd kred "
    "kuokgroup kyoto lacaixa ladbrokes lamborghini lamer lancaster lancia lancome land "
    "landrover lanxess lasalle lat latino latrobe law lawyer lds lease leclerc lefrak "
    "legal lego lexus lgbt liaison lidl life lifeinsurance lifestyle lighting like lilly "
    "limited limo lincoln linde link lipsy live living lixil llc llp loan loans locker "
    "locus loft lol london lotte lotto love lpl lplfinancial ltd ltda lundbeck lupin luxe "
    "luxury macys madrid maif maison makeup man management mango map market marketing "
    "markets marriott marshalls maserati mattel mba mcd mcdonalds mckinsey med media meet "
    "melbourne meme memorial men menu meo merckmsd metlife miami microsoft mil mini mint "
    "mit mitsubishi mlb mls mma mobi mobile mobily moda moe moi mom monash money monster "
    "montblanc mopar mormon mortgage moscow moto motorcycles mov movie movistar msd mtn "
    "mtpc mtr museum mutual mutuelle nab nadex nagoya name nationwide natura navy nba nec "
    "net netbank netflix network neustar new newholland news next nextdirect nexus nfl "
    "ngo nhk nico nike nikon ninja nissan nissay nokia northwesternmutual norton now "
    "nowruz nowtv nra nrw ntt nyc obi observer off office okinawa olayan olayangroup "
    "oldnavy ollo omega one ong onion onl online onyourside ooo open oracle orange org "
    "organic orientexpress origins osaka otsuka ott ovh page pamperedchef panasonic "
    "panerai paris pars partners parts party passagens pay pccw pet pfizer pharmacy phd "
    "philips phone photo photography photos physio piaget pics pictet pictures pid pin "
    "ping pink pioneer pizza place play playstation plumbing plus pnc pohl poker politie "
    "porn post pramerica praxi press prime pro prod productions prof progressive promo "
    "properties property protection pru prudential pub pwc qpon quebec quest qvc racing "
    "radio raid read realestate realtor realty recipes red redstone redumbrella rehab "
    "reise reisen reit reliance ren rent rentals repair report republican rest restaurant "
    "review reviews rexroth rich richardli ricoh rightathome ril rio rip rmit rocher "
    "rocks rodeo rogers room rsvp rugby ruhr run rwe ryukyu saarland safe safety sakura "
    "sale salon samsclub samsung sandvik sandvikcoromant sanofi sap sapo sarl sas save "
    "saxo sbi sbs sca scb schaeffler schmidt scholarships school schule schwarz science "
    "scjohnson scor scot search seat secure security seek select sener services ses seven "
    "sew sex sexy sfr shangrila sharp shaw shell shia shiksha shoes shop shopping shouji "
    "show showtime shriram silk sina singles site ski skin sky skype sling smart smile "
    "sncf soccer social softbank software sohu solar solutions song sony soy space "
    "spiegel sport spot spreadbetting srl srt stada staples star starhub statebank "
    "statefarm statoil stc stcgroup stockholm storage store stream studio study style "
    "sucks supplies supply support surf surgery suzuki swatch swiftcover swiss sydney "
    "symantec systems tab taipei talk taobao target tatamotors tatar tattoo tax taxi tci "
    "tdk team tech technology tel telecity telefonica temasek tennis teva thd theater "
    "theatre tiaa tickets tienda tiffany tips tires tirol tjmaxx tjx tkmaxx tmall today "
    "tokyo tools top toray toshiba total tours town toyota toys trade trading training "
    "travel travelchannel travelers travelersinsurance trust trv tube tui tunes tushu tvs "
    "ubank ubs uconnect unicom university uno uol ups vacations vana vanguard vegas "
    "ventures verisign versicherung vet viajes video vig viking villas vin vip virgin "
    "visa vision vista vistaprint viva vivo vlaanderen vodka volkswagen volvo vote voting "
    "voto voyage vuelos wales walmart walter wang wanggou warman watch watches weather "
    "weatherchannel webcam weber website wed wedding weibo weir whoswho wien wiki "
    "williamhill win windows wine winners wme wolterskluwer woodside work works world wow "
    "wtc wtf xbox xerox xfinity xihuan xin xperia xxx xyz yachts yahoo yamaxun yandex "
    "yodobashi yoga yokohama you youtube yun zappos zara zero zip zippo zone zuerich "
    "vermögensberater vermögensberatung дети католик ком москва онлайн орг рус сайт קום "
    "ابوظبي اتصالات ارامكو العليان بازار بيتك شبكة عرب كاثوليك كوم موبايلي موقع همراه कॉम "
    "नेट संगठन คอม みんな クラウド グーグル コム ストア セール ファッション ポイント 世界 "
    "中信 中文网 企业 佛山 信息 健康 八卦 公司 公益 商城 商店 商标 嘉里 嘉里大酒店 在线 "
    "大众汽车 大拿 天主教 娱乐 家電 工行 广东 微博 慈善 我爱你 手机 手表 招聘 政务 政府 "
    "新闻 时尚 書籍 机构 淡马锡 游戏 点看 珠宝 移动 组织机构 网址 网店 网站 网络 联通 "
    "诺基亚 谷歌 购物 通販 集团 電訊盈科 飞利浦 食品 餐厅 香格里拉 닷넷 닷컴 삼성 "
)
_CCTLDS_TEXT = (
    "ac ad ae af ag ai al am an ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bl "
    "bm bn bo bq br bs bt bv bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx "
    "cy cz de dj dk dm do dz ec ee eg eh er es et eu fi fj fk fm fo fr ga gb gd ge gf gg "
    "gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is "
    "it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma "
    "mc md me mf mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni "
    "nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa "
    "sb sc sd se sg sh si sj sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk "
    "tl tm tn to tp tr tt tv tw tz ua ug uk um us uy uz va vc ve vg vi vn vu wf ws ye yt "
    "za zm zw ελ ευ бг бел ею мкд мон рф срб укр қаз հայ الاردن البحرين الجزائر السعودية "
    "المغرب امارات ایران بارت بھارت تونس سودان سورية عراق عمان فلسطين قطر مصر مليسيا "
    "موريتانيا پاکستان ڀارت भारत भारतम् भारोत বাংলা ভারত ভাৰত ਭਾਰਤ ભારત ଭାରତ இந்தியா "
    "இலங்கை சிங்கப்பூர் భారత్ ಭಾರತ ഭാരതം ලංකා ไทย ລາວ გე 中国 中國 台湾 台灣 新加坡 澳門 "
    "香港 한국 "
)
_TLDS = (_GTLDS_TEXT + _CCTLDS_TEXT).split()


def _ci(ch: str) -> str:
    """A case-insensitive pattern for one character, as JavaScript's ``/i`` treats it."""
    up, low = ch.upper(), ch.lower()
    variants = {ch}
    if len(up) == 1:
        variants.add(up)
    if len(low) == 1:
        variants.add(low)
    if len(variants) == 1:
        return re.escape(ch)
    return "[" + "".join(sorted(variants)) + "]"


_Trie = dict[str, "_Trie"]


def _trie_pattern(words: Iterable[str], char: Callable[[str], str]) -> str:
    """One regex alternation for ``words`` as a trie, trying longer words first.

    ``re`` tries the branches of a plain alternation one by one; a trie does the work of
    1,500 TLDs in a few character tests. ``char`` writes the pattern for one character.
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: _Trie) -> str:
        alts = [char(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    return build(trie)


# ASCII TLDs in an ASCII-only case-insensitive group (as JavaScript's /i treats ASCII; Python's
# Unicode /i would also let "K" match the Kelvin sign); the few others with explicit cases.
# No ASCII TLD is a prefix of another TLD followed by a character the look-ahead accepts, so
# the two tries give the same matches as one.
_TLD = (
    "(?:(?:(?ai:"
    + _trie_pattern((t for t in _TLDS if t.isascii()), re.escape)
    + ")|"
    + _trie_pattern((t for t in _TLDS if not t.isascii()), _ci)
    + r")(?=[^0-9a-zA-Z@+\-]|\Z)|xn--[\-0-9a-zA-Z]+)"
)
_NOT_DOMAIN = _SPACES + _INVALID_CHARS + _DIRECTIONAL
_DOMAIN_CHAR = "[^" + _escape_class(_PUNCT) + _NOT_DOMAIN + "]"
_DOMAIN_CHAR_OR_DASH = "[^" + _escape_class(_PUNCT.replace("-", "")) + _NOT_DOMAIN + "]"
_DOMAIN_CHAR_DASH_UNDERSCORE = (
    "[^" + _escape_class(_PUNCT.replace("-", "").replace("_", "")) + _NOT_DOMAIN + "]"
)
# twitter-text: (?:(?:D(?:[_-]|D)*)?D\.) and (?:(?:D(?:-|D)*)?D\.). A label cannot hold a dot,
# so these forms match the same labels with much less backtracking.
_SUBDOMAIN = f"(?:{_DOMAIN_CHAR}(?:{_DOMAIN_CHAR_DASH_UNDERSCORE}*{_DOMAIN_CHAR})?\\.)"
_DOMAIN_NAME = f"(?:{_DOMAIN_CHAR}(?:{_DOMAIN_CHAR_OR_DASH}*{_DOMAIN_CHAR})?\\.)"
_DOMAIN = f"(?:{_SUBDOMAIN}*{_DOMAIN_NAME}{_TLD})"

_PATH_CHAR = "[a-zA-Z" + _CYRILLIC + "0-9!*';:=+,.$/%#\\[\\]\\-\u2013_~@|&" + _LATIN_ACCENTS + "]"
_BALANCED_PARENS = rf"\((?:{_PATH_CHAR}+|(?:{_PATH_CHAR}*\({_PATH_CHAR}+\){_PATH_CHAR}*))\)"
# Deliberately not wrapped in a group: twitter-text splices this alternation into the path
# pattern as is, so a path segment is "chars ending in an ending char" OR "(balanced parens)".
_PATH_ENDING = (
    "[+\\-a-zA-Z" + _CYRILLIC + "0-9=_#/" + _LATIN_ACCENTS + "]|(?:" + _BALANCED_PARENS + ")"
)
_PATH = (
    f"(?:(?:{_PATH_CHAR}*(?:{_BALANCED_PARENS}{_PATH_CHAR}*)*{_PATH_ENDING})|(?:@{_PATH_CHAR}+/))"
)
_QUERY_CHAR = r"[a-zA-Z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]"
_QUERY_ENDING = r"[a-zA-Z0-9\-_&=#/]"

_URL_TAIL = (
    "(?P<url>"
    "(?P<protocol>[hH][tT][tT][pP][sS]?://)?"
    f"(?P<domain>{_DOMAIN})"
    "(?::[0-9]+)?"
    f"(?P<path>/{_PATH}*)?"
    f"(?:\\?{_QUERY_CHAR}*{_QUERY_ENDING})?"
    ")"
)
_URL_BEFORE = "[^A-Za-z0-9@＠$#＃" + _INVALID_CHARS + "]"
_URL_RE = re.compile(
    # JavaScript regexes see an astral character as two code units, and the second may start
    # a domain (its first unit being the "preceding character"): the zero-width alternative.
    f"(?P<before>(?=[\U00010000-\U0010ffff])|{_URL_BEFORE}|[{_DIRECTIONAL}]|^){_URL_TAIL}"
)
# twitter-text's regex retries at every position, which takes quadratic time on long runs
# without spaces ("a.a.a.a…", "日本日本…", long labels). For runs longer than a tweet a URL
# may only start at the run's start, after a character that is not part of a word (nor one of
# "-_./", after which a URL without a scheme is rejected anyway), or where a scheme starts;
# labels are limited to 63 characters and domains to 127 labels (longer ones are invalid).
# That is linear, and finds the same URLs in all but contrived texts.
_URL_LONG_RUN = 280
_LABEL_LONG_RUN = f"(?:{_DOMAIN_CHAR}(?:{_DOMAIN_CHAR_DASH_UNDERSCORE}{{0,61}}{_DOMAIN_CHAR})?\\.)"
_NAME_LONG_RUN = f"(?:{_DOMAIN_CHAR}(?:{_DOMAIN_CHAR_OR_DASH}{{0,61}}{_DOMAIN_CHAR})?\\.)"
_SCHEME_AHEAD = "(?=[hH][tT][tT][pP][sS]?://)"


@functools.cache
def _url_re_long_run() -> re.Pattern[str]:
    """The URL regex for long runs (compiled on first use: rarely needed)."""
    domain = f"(?:{_LABEL_LONG_RUN}{{0,126}}{_NAME_LONG_RUN}{_TLD})"
    return re.compile(
        f"(?P<before>^|[^\\w\\-./@＠$#＃{_INVALID_CHARS}]|{_URL_BEFORE}{_SCHEME_AHEAD})"
        + _URL_TAIL.replace(_DOMAIN, domain)
    )


_TLD_AFTER_DOT_RE = re.compile("\\." + _TLD)


@functools.cache
def _ascii_domain_re() -> re.Pattern[str]:
    """twitter-text's validAsciiDomain (compiled on first use: most domains are plain)."""
    return re.compile("(?:(?:[\\-a-zA-Z0-9" + _LATIN_ACCENTS + "]+)\\.)+" + _TLD)


_PLAIN_ASCII_DOMAIN_RE = re.compile(r"[\-.a-zA-Z0-9]+")
_TCO_RE = re.compile(
    rf"[hH][tT][tT][pP][sS]?://[tT]\.[cC][oO]/([a-zA-Z0-9]+)(?:\?{_QUERY_CHAR}*{_QUERY_ENDING})?"
)
# A URL never holds one of twitter-text's spaces, and its last domain dot is followed by the
# first letter of a TLD: URL matching only runs on the space-free runs around such dots.
_RUN_END_RE = re.compile("[^" + _SPACES + "]*")
_LAST_SPACE_RE = re.compile("(?s:.*)[" + _SPACES + "]")
_PUNYCODE_SEPARATORS = re.compile("[\u3002\uff0e\uff61]")
_MAX_URL_LENGTH = 4096
_MAX_TCO_SLUG_LENGTH = 40
_MAX_LABEL_LENGTH = 63


def _utf16_len(s: str) -> int:
    if s.isascii():
        return len(s)
    return len(s) + sum(1 for c in s if ord(c) > 0xFFFF)


def _punycode_len(label: str) -> int:
    """Length of punycode.js ``toASCII(label)`` (which also splits on ideographic stops)."""
    if label.isascii():
        return len(label)
    parts = _PUNYCODE_SEPARATORS.split(label)
    total = len(parts) - 1
    for part in parts:
        if part.isascii():
            total += len(part)
        else:
            try:
                total += 4 + len(part.encode("punycode"))
            except UnicodeError:  # pragma: no cover - punycode encodes any code point
                return 0
    return total


def _is_valid_url(url: str, protocol: str, domain: str) -> bool:
    """twitter-text's ``isValidUrl``: DNS label lengths and the overall length limit."""
    if domain.startswith("xn--") and _ascii_domain_re().search(domain) is None:
        return False
    if domain.isascii():
        if max(map(len, domain.split("."))) > _MAX_LABEL_LENGTH:
            return False
    else:
        for label in domain.split("."):
            if not 0 < _punycode_len(label) <= _MAX_LABEL_LENGTH:
                return False
    return len(protocol) + _utf16_len(url) <= _MAX_URL_LENGTH


def _urls_in(text: str, pos: int, endpos: int, out: list[tuple[int, int]]) -> None:
    if _TLD_AFTER_DOT_RE.search(text, pos, endpos) is None:
        return  # every domain ends in ".tld"
    pattern = _URL_RE if endpos - pos <= _URL_LONG_RUN else _url_re_long_run()
    for m in pattern.finditer(text, pos, endpos):
        url = m.group("url")
        protocol = m.group("protocol")
        domain = m.group("domain")
        end = m.end()
        start = end - len(url)
        if not _is_valid_url(url, protocol or "https://", domain):
            continue
        if protocol is None:
            before = m.group("before")
            if before and before in "-_./":
                continue
            if _PLAIN_ASCII_DOMAIN_RE.fullmatch(domain) is not None:
                # validAsciiDomain would find exactly the whole domain.
                out.append((start, start + len(domain)))
                last = len(out) - 1
            else:
                last = -1
                for am in _ascii_domain_re().finditer(domain):
                    out.append((start + am.start(), start + am.end()))
                    last = len(out) - 1
                if last < 0:
                    continue
            if m.group("path"):
                out[last] = (out[last][0], end)
        else:
            tco = _TCO_RE.match(url)
            if tco is not None:
                if len(tco.group(1)) > _MAX_TCO_SLUG_LENGTH:
                    continue
                end = start + tco.end()
            out.append((start, end))


@functools.lru_cache(maxsize=1024)
def url_spans(text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of every URL in ``text``, as twitter-text's ``extractUrlsWithIndices``.

    Cached: the policy check asks for the same text's URLs twice (entities and length).
    """
    dot = text.find(".")
    if dot < 0:
        return ()
    out: list[tuple[int, int]] = []
    n = len(text)
    done = 0
    while dot >= 0:
        if dot + 1 < n and text[dot + 1].isalpha():
            space = _LAST_SPACE_RE.match(text, done, dot)
            start = space.end() if space is not None else done
            run = _RUN_END_RE.match(text, dot)
            end = run.end() if run is not None else n
            # The character before a run (a space) is the URL's "preceding character".
            _urls_in(text, start - 1 if start else 0, end, out)
            done = end
            dot = text.find(".", end)
        else:
            dot = text.find(".", dot + 1)
    return tuple(out)


# --------------------------------------------------------------------------------------------
# Mentions, hashtags, cashtags (twitter-text validMentionOrList, validHashtag, validCashtag)

_MENTION_RE = re.compile(
    r"(?P<before>^|[^a-zA-Z0-9_!#$%&*@＠]|(?:^|[^a-zA-Z0-9_+~.\-])(?:rt|RT|rT|Rt):?)"
    r"[@＠](?P<name>[a-zA-Z0-9_]{1,15})(?![a-zA-Z0-9_])"
    r"(?P<list>/[a-zA-Z][a-zA-Z0-9_\-]{0,24})?"
)
_END_MENTION_RE = re.compile("[@＠" + _LATIN_ACCENTS + "]|://")

_HASHTAG_SPECIAL = (
    "_\u200c\u200d\ua67e\u05be\u05f3\u05f4\uff5e\u301c\u309b\u309c\u30a0\u30fb\u3003"
    "\u0f0b\u0f0c\xb7"
)
_HASHTAG_ALPHA = r"[\p{L}\p{M}]"
_HASHTAG_ALNUM = r"[\p{L}\p{M}\p{Nd}" + _HASHTAG_SPECIAL + "]"
# twitter-text's validHashtag, kept for reference and tests; ``_hashtags`` applies it faster.
_HASHTAG_RE = regex.compile(
    r"(?:^|\ufe0e|\ufe0f|(?!" + _HASHTAG_ALNUM + r"|&)[^\ud800-\udfff])"
    r"(?P<tag>[#＃](?![\ufe0f\u20e3])"
    rf"(?P<body>{_HASHTAG_ALNUM}*{_HASHTAG_ALPHA}{_HASHTAG_ALNUM}*))"
)
_HASHTAG_ALNUM_RE = regex.compile(_HASHTAG_ALNUM)
_HASHTAG_BODY_RE = regex.compile(f"{_HASHTAG_ALNUM}*{_HASHTAG_ALPHA}{_HASHTAG_ALNUM}*")
_ASCII_WORD_RUN_RE = re.compile("[A-Za-z0-9_]*")
_END_HASHTAG_RE = re.compile("[#＃]|://")

_CASHTAG_RE = re.compile(
    "(?:^|[" + _SPACES + "])"
    r"(?P<tag>\$(?P<symbol>[a-zA-Z]{1,6}(?:[._][a-zA-Z]{1,2})?))"
    r"(?=\Z|[" + _JS_SPACE + "]|[" + _escape_class(_PUNCT) + "])"
)


# --------------------------------------------------------------------------------------------
# Emoji

# Shown as text unless followed by U+FE0F (twemoji does the same); the first two are also
# inside the range that weighs 1, so this matters for the length.
_TEXT_DEFAULT = frozenset({"\u00a9", "\u00ae", "\u2122", "\u265f"})
_EMOJI_SEQUENCES = frozenset(k for k in _emoji_pkg.EMOJI_DATA if k not in _TEXT_DEFAULT)
_EMOJI_MAX_LEN = max(len(k) for k in _EMOJI_SEQUENCES)


def _char_class(code_points: Iterable[int]) -> str:
    points = sorted(set(code_points))
    parts: list[str] = []
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        lo, hi = chr(points[i]), chr(points[j])
        parts.append(re.escape(lo) if i == j else f"{re.escape(lo)}-{re.escape(hi)}")
        i = j + 1
    return "[" + "".join(parts) + "]"


def _emoji_pattern_base() -> str:
    """Character class of the code points emoji sequences are built from (no joiners)."""
    joiners = {0x200D, 0xFE0E, 0xFE0F, 0x20E3}
    regional = range(0x1F1E6, 0x1F200)
    tags = range(0xE0020, 0xE0080)
    return _char_class(
        ord(c)
        for key in _EMOJI_SEQUENCES
        for c in key
        if ord(c) > 0x7F and ord(c) not in joiners and ord(c) not in regional and ord(c) not in tags
    )


def _emoji_pattern() -> str:
    element = (
        _emoji_pattern_base()
        + "[\ufe0e\ufe0f]?[\U0001f3fb-\U0001f3ff]?\ufe0f?"
        + "(?:[\U000e0020-\U000e007e]+\U000e007f)?\u20e3?"
    )
    return (
        "[\U0001f1e6-\U0001f1ff]{2}"
        "|[#*0-9]\ufe0f?\u20e3"
        # At most four joined elements: longer chains are no known sequence, and unbounded
        # chains would be rescanned from every element.
        f"|{element}(?:\u200d{element}){{0,4}}"
    )


# A maximal candidate sequence (UTS #51 shape); each is checked against the emoji list.
_EMOJI_CANDIDATE_RE = re.compile(_emoji_pattern())


def _coarse_class(code_points: Iterable[int], gap: int) -> str:
    """A class of few ranges covering ``code_points`` (``re`` tests long range lists slowly)."""
    ranges: list[list[int]] = []
    for cp in sorted(set(code_points)):
        if ranges and cp - ranges[-1][1] <= gap:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return "".join(
        re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
        for lo, hi in ranges
    )


# Where one can start (a superset): one quick character-class scan skips ordinary text.
_EMOJI_STARTS = _coarse_class(
    [*(ord(ch) for key in _EMOJI_SEQUENCES for ch in key[:1] if ord(ch) > 0x7F), 0x1F1E6],
    gap=300,
)
_EMOJI_START_RE = re.compile("[" + _EMOJI_STARTS + "]")
_EMOJI_START_KEYCAP_RE = re.compile("[#*0-9" + _EMOJI_STARTS + "]")


def _emoji_in(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    start_search = (_EMOJI_START_KEYCAP_RE if "\u20e3" in text else _EMOJI_START_RE).search
    candidate = _EMOJI_CANDIDATE_RE.match
    while (first := start_search(text, pos)) is not None:
        start = first.start()
        m = candidate(text, start)
        if m is None:
            pos = start + 1
            continue
        end = m.end()
        seq = m.group()
        if seq in _EMOJI_SEQUENCES:
            out.append((start, end))
            pos = end
            continue
        if end - start > 1 and seq[1] == "\ufe0e":  # explicitly text style: not an emoji
            pos = start + 2
            continue
        # Not a known sequence: the longest known prefix, then look again after it.
        for stop in range(min(end, start + _EMOJI_MAX_LEN) - 1, start, -1):
            if text[start:stop] in _EMOJI_SEQUENCES:
                out.append((start, stop))
                pos = stop
                break
        else:
            pos = start + 1
    return out


@functools.lru_cache(maxsize=1024)
def emoji_spans(text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of every emoji sequence in ``text``. Cached like :func:`url_spans`."""
    if text.isascii():
        return ()
    return tuple(_emoji_in(text))


# --------------------------------------------------------------------------------------------
# Public API


def _mentions(text: str, out: list[tuple[int, int, int, Entity]]) -> None:
    """Append ``(start, end, rank, entity)``; ``end`` covers a ``/list`` for overlap checks.

    Equivalent to ``_MENTION_RE.finditer`` (leftmost matches, each resuming where the last
    ended), but the regex is only tried in the few places before an at sign where a match
    can start: one character before it, or up to four for an ``xRT:`` prefix.
    """
    end = 0
    scan = 0
    wide = "＠" in text
    while (p := _find_sign(text, "@", "＠", wide, scan)) >= 0:
        scan = p + 1
        k = p - 1 if p and text[p - 1] == ":" else p
        lo = k - 3 if k >= 2 and text[k - 2 : k] in _RT else p - 1
        m = _match_from(_MENTION_RE, text, max(end, lo), p)
        if m is None:
            continue
        end = scan = m.end()
        if _END_MENTION_RE.match(text, end):
            continue
        start = m.start("name") - 1
        name_end = m.end("name")
        name = m.group("name")
        entity = Entity("mention", start, name_end, text[start:name_end], name.lower())
        out.append((start, end, 1, entity))


_RT = frozenset({"rt", "RT", "rT", "Rt"})


def _hashtags(text: str, out: list[tuple[int, int, int, Entity]]) -> None:
    """Append hashtags; equivalent to ``_HASHTAG_RE.finditer`` but mostly without ``regex``.

    A match is a boundary character (consumed, so it must lie after the previous match) or
    the start of the text, a hash sign, and the maximal run of hashtag characters after it,
    which must hold a letter or mark.
    """
    end = 0
    scan = 0
    n = len(text)
    wide = "＃" in text
    while (h := _find_sign(text, "#", "＃", wide, scan)) >= 0:
        scan = h + 1
        if h and (h - 1 < end or not _is_hashtag_boundary(text[h - 1])):
            continue
        body_end = _hashtag_body_end(text, h + 1, n)
        if body_end < 0:
            continue
        end = body_end
        if _END_HASHTAG_RE.match(text, end):
            continue
        tag = text[h:end]
        out.append((h, end, 2, Entity("hashtag", h, end, tag, tag[1:].casefold())))


def _is_hashtag_boundary(ch: str) -> bool:
    if ch.isascii():
        return not (ch.isalnum() or ch == "_" or ch == "&")
    if ch == "\ufe0e" or ch == "\ufe0f":
        return True
    if "\ud800" <= ch <= "\udfff":
        return False
    return _HASHTAG_ALNUM_RE.match(ch) is None


def _hashtag_body_end(text: str, i: int, n: int) -> int:
    """End of a valid hashtag body starting at ``i``, or -1."""
    run = _ASCII_WORD_RUN_RE.match(text, i)
    j = run.end() if run is not None else i
    if j == n or text[j].isascii():
        return j if text[i:j].strip("0123456789_") else -1
    if i < n and text[i] in "\ufe0f\u20e3":
        return -1
    m = _HASHTAG_BODY_RE.match(text, i)
    return m.end() if m is not None else -1


def _cashtags(text: str, out: list[tuple[int, int, int, Entity]]) -> None:
    end = 0
    scan = 0
    while (p := text.find("$", scan)) >= 0:
        scan = p + 1
        m = _match_from(_CASHTAG_RE, text, max(end, p - 1), p)
        if m is None:
            continue
        end = scan = m.end()
        start, tag_end = m.span("tag")
        entity = Entity("cashtag", start, tag_end, m.group("tag"), m.group("symbol").upper())
        out.append((start, tag_end, 3, entity))


def _find_sign(text: str, sign: str, wide_sign: str, wide: bool, start: int) -> int:
    """Index of the next ``sign`` or (when ``wide``) ``wide_sign`` from ``start``, or -1."""
    i = text.find(sign, start)
    if wide:
        j = text.find(wide_sign, start)
        if j >= 0 and (i < 0 or j < i):
            return j
    return i


def _match_from(
    pattern: re.Pattern[str] | regex.Pattern[str], text: str, lo: int, hi: int
) -> re.Match[str] | regex.Match[str] | None:
    """The first match of ``pattern`` starting at ``lo``..``hi`` (inclusive), if any."""
    for pos in range(lo, hi + 1):
        m = pattern.match(text, pos)
        if m is not None:
            return m
    return None


def extract_entities(text: str) -> tuple[Entity, ...]:
    """Mentions, hashtags, cashtags, URLs and emoji in ``text``, sorted by start.

    Offsets are character offsets into ``text`` itself; entities never overlap.
    """
    found: list[tuple[int, int, int, Entity]] = []
    for start, end in url_spans(text):
        url = text[start:end]
        found.append((start, end, 0, Entity("url", start, end, url, url)))
    if "@" in text or "＠" in text:
        _mentions(text, found)
    if "#" in text or "＃" in text:
        _hashtags(text, found)
    if "$" in text:
        _cashtags(text, found)
    emoji = emoji_spans(text)
    if not found and not emoji:
        return ()
    # twitter-text's removeOverlappingEntities: by start (URLs first on a tie), and an entity
    # that starts inside the one kept before it is dropped.
    found.sort(key=_START_RANK)
    kept: list[tuple[int, int, int, Entity]] = []
    prev_end = -1
    for item in found:
        if item[0] >= prev_end:
            kept.append(item)
            prev_end = item[1]
    if not emoji:
        return tuple(item[3] for item in kept)
    # Emoji that are not part of another entity, merged in order (both lists are sorted).
    out: list[Entity] = []
    i = 0
    n_kept = len(kept)
    for start, end in emoji:
        while i < n_kept and kept[i][1] <= start:
            out.append(kept[i][3])
            i += 1
        if i < n_kept and kept[i][0] < end:
            continue
        seq = text[start:end]
        out.append(Entity("emoji", start, end, seq, seq))
    out.extend(item[3] for item in kept[i:])
    return tuple(out)


_START_RANK = operator.itemgetter(0, 2)


def split_hashtag(body: str) -> list[str]:
    """Split a hashtag body into casefolded words at CamelCase, digit and ``_`` boundaries.

    ``"BedrijfsApp"`` -> ``["bedrijfs", "app"]``, ``"HetBedrijf2026"`` -> ``["het",
    "bedrijf", "2026"]``, ``"HTMLParser"`` -> ``["html", "parser"]``, ``"covid19"`` ->
    ``["covid", "19"]``. A body without case changes, digits or underscores (all lowercase,
    all caps, or an uncased script) is one word: ``"bedrijfsapp"`` -> ``["bedrijfsapp"]``.
    A leading hash sign is ignored.
    """
    if body[:1] in ("#", "＃"):
        body = body[1:]
    words: list[str] = []
    current: list[str] = []
    prev = ""  # class of the previous character: "u", "l", "d", "o" (other letter), ""
    n = len(body)
    for i, ch in enumerate(body):
        if ch == "_" or ch == "\u00b7":
            if current:
                words.append("".join(current))
                current = []
            prev = ""
            continue
        if unicodedata.category(ch)[0] == "M":  # a mark stays with what it follows
            current.append(ch)
            continue
        if ch.isdecimal():
            cls = "d"
        elif ch.isupper() or unicodedata.category(ch) == "Lt":
            cls = "u"
        elif ch.islower():
            cls = "l"
        else:
            cls = "o"
        split = False
        if current and prev:
            if (cls != prev and "d" in (cls, prev)) or (cls == "u" and prev == "l"):
                split = True
            elif cls == "u" and prev == "u":
                # "HTMLParser": the last capital before a lowercase letter starts a word.
                nxt = _next_letter(body, i + 1, n)
                split = nxt is not None and nxt.islower()
            elif (cls == "o") != (prev == "o"):
                split = True  # cased and uncased scripts: "東京Marathon"
        if split:
            words.append("".join(current))
            current = []
        current.append(ch)
        prev = cls
    if current:
        words.append("".join(current))
    return [w.casefold() for w in words] if words else []


def _next_letter(body: str, i: int, n: int) -> str | None:
    while i < n and unicodedata.category(body[i])[0] == "M":
        i += 1
    return body[i] if i < n else None
