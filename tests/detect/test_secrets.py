"""find_secrets: vendor tokens, cloud keys, connection strings, passwords in Dutch and
English, the high-entropy fallback; placeholders and near misses; the public secret-scanner
cases (dev splits) and everyday tweets.

Realistic tokens are generated at run time (seeded), so no secret-shaped literal sits in the
repository for a push-protection scanner to trip over.
"""

from __future__ import annotations

import base64
import csv
import itertools
import json
import random
import string
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tweetguard.detect import DETECTORS, find_personal_data, find_secrets
from tweetguard.detect._base import (
    BASE64_LIMIT,
    HEX_LIMIT,
    base64_entropy,
    hex_entropy,
    rejected_by_detect_secrets,
)
from tweetguard.detect.secrets import SECRET_DETECTORS

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
ALNUM = string.ascii_letters + string.digits


def rand(n: int, alphabet: str = ALNUM, seed: int = 7) -> str:
    rng = random.Random(f"{seed}-{n}-{alphabet}")
    return "".join(rng.choice(alphabet) for _ in range(n))


def b64url(obj: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")


AWS_ID = "AKIA" + rand(16, string.ascii_uppercase + "234567")
AWS_SECRET = rand(40, ALNUM + "/+")
GOOGLE = "AIza" + rand(35, ALNUM + "_-")
GITHUB = "ghp_" + rand(36)
GITHUB_PAT = "github_pat_" + rand(82, ALNUM + "_")
GITLAB = "glpat-" + rand(20, ALNUM + "_-")
SLACK = "xoxb-" + rand(12, string.digits) + "-" + rand(13, string.digits) + "-" + rand(24)
SLACK_HOOK = "https://hooks.slack.com/services/T" + rand(10) + "/B" + rand(10) + "/" + rand(24)
STRIPE = "sk_live_" + rand(24)
STRIPE_RK = "rk_live_" + rand(24)
OPENAI = "sk-proj-" + rand(48, ALNUM + "_-")
OPENAI_CLASSIC = "sk-" + rand(20) + "T3BlbkFJ" + rand(20)
JWT = ".".join(
    [b64url({"alg": "HS256", "typ": "JWT"}), b64url({"sub": "1234567890", "name": "Jan"}), rand(43)]
)
PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow" + rand(60) + "\n-----END RSA PRIVATE KEY-----"
BEARER = rand(32, ALNUM + "._-")
API_KEY = rand(32)
AZURE_ACCOUNT_KEY = base64.b64encode(random.Random(11).randbytes(64)).decode()
AZURE_ACCESS_KEY = base64.b64encode(random.Random(12).randbytes(32)).decode()
SAS_SIG = AZURE_ACCESS_KEY.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")
HEX = "0123456789abcdef"
B64 = ALNUM + "+/"


def random_token(n: int, alphabet: str = B64, seed: int = 0) -> str:
    """A token of ``n`` characters that is random enough for the unnamed fallback (the draw
    is repeated until its entropy is typical of a random string, so the test is stable)."""
    for attempt in range(100):
        token = rand(n, alphabet, seed=seed * 1000 + attempt)
        ok = any(c.isdigit() for c in token) and (
            alphabet == HEX or (any(c.isupper() for c in token) and any(c.islower() for c in token))
        )
        entropy = hex_entropy(token) if alphabet == HEX else base64_entropy(token)
        if ok and entropy > (HEX_LIMIT + 0.4 if alphabet == HEX else BASE64_LIMIT + 0.3):
            return token
    raise AssertionError("no random token")


TOKEN_40 = random_token(40, seed=1)
TOKEN_48 = random_token(48, seed=2)
HEX_40 = random_token(40, HEX, seed=3)
HEX_48 = random_token(48, HEX, seed=4)


def only(text: str) -> tuple[str, str]:
    """The single match in ``text`` as (kind, matched text)."""
    found = find_secrets(text)
    assert len(found) == 1, [(m.kind, m.text) for m in found]
    return found[0].kind, found[0].text


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        (f"oeps, mijn key {AWS_ID} staat in de screenshot", "aws-access-key", AWS_ID),
        (f"aws_secret_access_key = {AWS_SECRET}", "aws-secret-key", AWS_SECRET),
        (f"AWS secret key: {AWS_SECRET} (niet delen)", "aws-secret-key", AWS_SECRET),
        (f"Maps werkt weer met {GOOGLE}!", "google-api-key", GOOGLE),
        (f"export GITHUB_TOKEN={GITHUB}", "github-token", GITHUB),
        (f"fine-grained token {GITHUB_PAT}", "github-token", GITHUB_PAT),
        (f"gitlab token: {GITLAB}", "gitlab-token", GITLAB),
        (f"Onze bot gebruikt {SLACK} lol", "slack-token", SLACK),
        (f"posting to {SLACK_HOOK} now", "slack-token", SLACK_HOOK),
        (f"Stripe live key {STRIPE} werkt", "stripe-key", STRIPE),
        (f"restricted key {STRIPE_RK}", "stripe-key", STRIPE_RK),
        (f"OPENAI_API_KEY={OPENAI}", "openai-key", OPENAI),
        (f"mijn key {OPENAI_CLASSIC} doet het niet", "openai-key", OPENAI_CLASSIC),
        (f"debug: token {JWT}", "jwt", JWT),
        (f"Heb de key even hier gezet {PEM}", "private-key", PEM),
        ("-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXk", "private-key", None),
        (
            "DATABASE_URL=postgres://admin:Kx9#mPq2@db.intern.nl:5432/prod",
            "url-password",
            "Kx9#mPq2",
        ),
        ("ftp://jan:zomer2024@ftp.hetbedrijf.nl", "url-password", "zomer2024"),
        (f"curl -H 'Authorization: Bearer {BEARER}'", "auth-header", BEARER),
        (f'"client_secret": "{API_KEY}"', "api-key", API_KEY),
        (f"api key = {API_KEY}", "api-key", API_KEY),
        # Azure: storage account keys, Service Bus keys, SAS signatures
        (
            "DefaultEndpointsProtocol=https;AccountName=tulpprod;"
            f"AccountKey={AZURE_ACCOUNT_KEY};EndpointSuffix=core.windows.net",
            "azure-key",
            AZURE_ACCOUNT_KEY,
        ),
        (
            "Endpoint=sb://tulp.servicebus.windows.net/;SharedAccessKeyName=Root;"
            f"SharedAccessKey={AZURE_ACCESS_KEY}",
            "azure-key",
            AZURE_ACCESS_KEY,
        ),
        (
            "backup: https://tulp.blob.core.windows.net/db?sv=2022-11-02&ss=b&srt=co&sp=rl"
            f"&se=2026-12-31T00:00:00Z&sig={SAS_SIG}",
            "azure-sas-token",
            SAS_SIG,
        ),
        # connection strings with a password
        (
            "Server=db01;Database=crm;User Id=sa;Password=Zomer2024!;",
            "connection-string-password",
            "Zomer2024!",
        ),
        (
            "Driver={ODBC Driver 18};Server=sql01;UID=jan;PWD={p@ss;w0rd};",
            "connection-string-password",
            "p@ss;w0rd",
        ),
        ("jdbc:sqlserver://db:1433;user=sa;password=Kx9mPq2z", "connection-string-password",
         "Kx9mPq2z"),
        ("postgres://app:S3cr3t!@db.internal:5432/app", "url-password", "S3cr3t!"),
        ("mongodb+srv://tulp:Vl1nder2024@cluster0.mongodb.net", "url-password", "Vl1nder2024"),
        ("redis://:p4ssw0rdX@cache:6379", "url-password", "p4ssw0rdX"),
        # high-entropy fallback, near a secret-ish word
        (f"de nieuwe sleutel voor de test-API: {TOKEN_40}", "high-entropy-string", TOKEN_40),
        (f"here's the token {TOKEN_48} for tomorrow", "high-entropy-string", TOKEN_48),
        (f"{TOKEN_40} is mijn wachtwoord lol", "high-entropy-string", TOKEN_40),
        (f"secret van de webhook: {HEX_40}", "high-entropy-string", HEX_40),
    ],
)  # fmt: skip
def test_token_formats(text: str, kind: str, value: str | None) -> None:
    found_kind, found_text = only(text)
    assert found_kind == kind
    if value is not None:
        assert found_text == value


def test_high_entropy_scores_keyword_above_bare_token() -> None:
    """Near a word such as *key* the fallback blocks (0.9); a long, very random token with no
    such word only warns (0.6: rule 1 turns a score under 0.8 into a warning)."""
    (named,) = find_secrets(f"api token {TOKEN_48}")
    (bare,) = find_secrets(f"kan iemand hier naar kijken {TOKEN_48} ?")
    (bare_hex,) = find_secrets(f"zie {HEX_48}")
    assert named.kind == bare.kind == bare_hex.kind == "high-entropy-string"
    assert named.score == 0.9
    assert bare.score == bare_hex.score == 0.6
    assert bare.text == TOKEN_48 and bare_hex.text == HEX_48


def test_detect_secrets_heuristics_are_used() -> None:
    """The fallback's filters are detect-secrets' own functions (not copies of them)."""
    assert (BASE64_LIMIT, HEX_LIMIT) == (4.5, 3.0)
    assert rejected_by_detect_secrets("123e4567-e89b-12d3-a456-426614174000")  # UUID
    assert rejected_by_detect_secrets("ABCDEFGHIJKLMNOPQRSTUVWXYZ")  # sequence
    assert rejected_by_detect_secrets(TOKEN_40, word="${" + TOKEN_40 + "}")  # template
    assert rejected_by_detect_secrets(TOKEN_40, word="$" + TOKEN_40)  # $VARIABLE
    assert rejected_by_detect_secrets(TOKEN_40, line=f"user_id: {TOKEN_40}")  # an id
    assert rejected_by_detect_secrets("12345678901234567890123")  # no letter
    assert not rejected_by_detect_secrets(TOKEN_40, word=TOKEN_40, line=f"key {TOKEN_40}")
    assert base64_entropy(TOKEN_40) > BASE64_LIMIT and hex_entropy(HEX_40) > HEX_LIMIT


@pytest.mark.parametrize(
    "text",
    [
        # links: a token in a URL is a tracking id or a path, not a secret
        f"lees dit https://www.nu.nl/artikel?utm_id={TOKEN_40}&ref=tw",
        f"leuk! t.co/{TOKEN_40}",
        f"drive.google.com/file/d/{TOKEN_48}/view",
        f"www.example.org/{TOKEN_40}",
        # hashes without a secret-ish word: checksums and commits
        f"sha1 van de release: {HEX_40}",
        f"md5 {HEX_40[:32]} klopt",
        f"fixed in commit {random_token(64, HEX, seed=9)}",
        # ids, UUIDs, templates, variables, hashtags, mentions, e-mail local parts
        f"user_id: {TOKEN_40}",
        "api key: 123e4567-e89b-12d3-a456-426614174000",
        "token ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
        f"token ${{{TOKEN_40}}}",
        f"key ${TOKEN_40}",
        f"#{TOKEN_40} wat een dag",
        f"{TOKEN_40}@gmail.com",
        # short or plainly readable tokens
        f"het token is {rand(20)}",  # 20 characters cannot pass the 4.5 limit
        f"dit is de {TOKEN_40[:24]} versie",
        "#StraightOuttaCompton #KanyeWestForPresident2020 #MakeAmericaGreatAgain",
        "supercalifragilisticexpialidocious_and_pneumonoultramicroscopic",
        "LiveFromTheBanksofTheRiverStyx2015 was great",
        "Thursday/Friday/Saturday/Sunday/Monday",
        f"zonder trefwoord en kort: {TOKEN_40[:28]}",
        "Goedemorgen! ☀️😀👍 #maandag",
        # public keys are not secrets
        f"mijn publieke sleutel: ssh-ed25519 AAAAC3{TOKEN_48} jan@laptop",
        f"-----BEGIN PGP PUBLIC KEY BLOCK-----\n{TOKEN_48}\n{TOKEN_40}",
        # Azure and connection-string look-alikes and placeholders
        "sig=abcdef123",
        f"sig={rand(40)}",  # 30 bytes: no HMAC-SHA256
        "AccountKey=<your-account-key>;",
        f"AccountKey={'A' * 88};",
        "Server=db;Password=<password>;",
        "Server=db;Password=<mijn-wachtwoord>;",
        "Server=db;Password=changeme;",
        "Data Source=db;Password=;",
        "postgres://u:p@h",
    ],
)
def test_fallback_and_cloud_near_misses(text: str) -> None:
    found = find_secrets(text)
    assert found == [], [(m.kind, m.text, m.score) for m in found]


def test_url_password_is_no_email() -> None:
    text = "DB: postgres://admin:Kx9#mPq2@db.intern.nl:5432/prod"
    assert [m.kind for m in find_secrets(text)] == ["url-password"]
    assert find_personal_data(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("wifi voor gasten, ww: Zomer2024!", "Zomer2024!"),
        ("Wachtwoord: Lente2026!", "Lente2026!"),
        ("wachtwoord=Geheim123", "Geheim123"),
        ("pw: hunter2", "hunter2"),
        ("login jan / pwd: Xy7$kLm", "Xy7$kLm"),
        ("het wachtwoord is Welkom01.", "Welkom01"),
        ("Het wachtwoord is nu Welkom01", "Welkom01"),
        ("het wachtwoord van de wifi is Gast2024", "Gast2024"),
        ("Het wachtwoord voor de gastwifi is nog steeds Koffie42", "Koffie42"),
        ("the password is Tr0ub4dor&3", "Tr0ub4dor&3"),
        ("the password for our guest wifi is Guest2024", "Guest2024"),
        ("my password is 'hunter'", "hunter"),
        ("my password is “correct horse battery”", "correct horse battery"),
        ("admin-wachtwoord: Admin#2024", "Admin#2024"),
        ("pincode 1234", "1234"),
        ("mijn pincode is 4821, niet doorvertellen", "4821"),
        ("PIN: 90210", "90210"),
        ("pin code: 4821", "4821"),
        ("toegangscode: A7B9C1", "A7B9C1"),
        ("de deurcode is 5521", "5521"),
        ("ww: welkom, veel plezier!", "welkom"),
    ],
)
def test_password_phrases_cover_the_value_only(text: str, value: str) -> None:
    kind, found = only(text)
    assert kind == "password"
    assert found == value
    assert "wachtwoord" not in found.lower() and "password" not in found.lower()


@pytest.mark.parametrize(
    "text",
    [
        # everyday words around passwords, in Dutch and English
        "wachtwoord vergeten? Klik op de link in je mail",
        "Wachtwoord vergeten, weer. Elke maandag hetzelfde verhaal",
        "mijn wachtwoord is verlopen en IT is al naar huis",
        "het wachtwoord is veranderd, vraag het aan de receptie",
        "password is incorrect, again",
        "my password is too weak according to this site",
        "Tip: gebruik een wachtwoordmanager!",
        "wachtwoord: Gebruik minimaal 8 tekens en een cijfer",
        "password reset done",
        "ik heb mijn pincode vergeten bij de kassa",
        "the pin 12 was lost",
        "opinion 1234 shopping spin 5678",
        "toegangscode 4821",
        "Ik zit in de WW: 70% van mijn loon",
        "ww: welkom bij ons op de open dag",
        "season pass: 2024-2025",
        # placeholders
        "wachtwoord: ******",
        "password: <your password>",
        "password: ${DB_PASSWORD}",
        "wachtwoord: xxx",
        "password: changeme",
        "wachtwoord: wachtwoord",
        "pincode: 0000",
        "postgres://user:password@localhost/db",
        "https://admin:****@db.example.com",
        "mysql://root:${MYSQL_PWD}@db",
        "AKIAIOSFODNN7EXAMPLE is the AWS documentation key",
        "token: ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "xoxb-xxxxxxxxx-xxxxxxxxxx-xxxxxxxxxxxx",
        "xoxb-12345-abcd234",
        "api_key: your_api_key_here",
        "API_KEY=<insert key>",
        "key: SalesResults-1.2",
        # look-alikes
        "glpat-tooshort",
        "risk-free-investment-opportunities-everywhere",
        "eyJub3QiOiJhIGp3dCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0",  # header without "alg"
        "Ik begin morgen met het -----BEGIN----- blok",
        "the key to success: 2 parts work, 1 part luck",
        "het geheim van de smid",
        "visit https://example.com/path?user=jan",
    ],
)
def test_near_misses_and_placeholders(text: str) -> None:
    assert find_secrets(text) == []


def test_match_fields() -> None:
    text = "wifi ww: Zomer2024!"
    (m,) = find_secrets(text)
    assert m.category == "secret"
    assert m.placeholder == "[geheim]"
    assert text[m.start : m.end] == m.text == "Zomer2024!"
    assert m.label.nl and m.label.en
    assert 0 < m.score <= 1


def test_several_secrets_sorted_and_disjoint() -> None:
    text = f"key {AWS_ID}, ww: Lente2026! en token {GITHUB} en api_key={API_KEY}"
    found = find_secrets(text)
    assert [m.kind for m in found] == ["aws-access-key", "password", "github-token", "api-key"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_vendor_format_beats_generic_assignment() -> None:
    (m,) = find_secrets(f"GITHUB_TOKEN = {GITHUB}")
    assert m.kind == "github-token"


def test_detector_table_is_well_formed() -> None:
    kinds = [d.KIND for d in SECRET_DETECTORS]
    assert len(kinds) == len(set(kinds))
    assert DETECTORS["secrets"] == tuple(kinds)
    assert set(DETECTORS) == {"secrets", "personal"}
    assert not set(DETECTORS["secrets"]) & set(DETECTORS["personal"])
    for d in SECRET_DETECTORS:
        assert d.CATEGORY == "secret" and d.PLACEHOLDER == "[geheim]"
        assert d.LABEL.nl and d.LABEL.en
        assert all(t == t.lower() for t in d.TRIGGERS)


FRAGMENTS = [
    "wachtwoord: Lente2026!",
    f"token {GITHUB}",
    f"key {TOKEN_40}",
    "Server=db;Password=Zomer2024!;",
    f"AccountKey={AZURE_ACCOUNT_KEY};",
    "https://t.co/",
    "pincode 1234",
    f"{JWT}",
    "Goedemorgen allemaal!",
    "ww: ",
    " password is ",
    "https://a:b@c.nl",
    "@user ",
    "  ",
    "😀",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=8))
def test_output_is_sorted_disjoint_and_consistent(parts: list[str]) -> None:
    text = "".join(parts)
    found = find_secrets(text)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text


# ---- corpora ---------------------------------------------------------------------------------


def rows(name: str, split: str = "dev") -> Iterator[dict[str, str]]:
    path = DATA / name / f"{split}.jsonl"
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared data sets are not checked out here)")
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


@pytest.mark.parametrize(
    ("name", "min_recall"),
    [("secrets_gitleaks_cases", 0.85), ("secrets_detect_secrets_cases", 0.85)],
)
def test_recall_on_secret_scanner_cases(name: str, min_recall: float) -> None:
    """Format-level recall on the scanners' own test strings (code lines, not tweets). The
    dev detectors are all formats we cover; misses there are placeholders we skip on purpose
    (a Slack webhook made of x's)."""
    found = missed = flagged = clean = 0
    missed_by: Counter[str] = Counter()
    flagged_by: Counter[str] = Counter()
    for row in rows(name):
        kinds = {m.kind for m in find_secrets(row["text"])}
        hit = bool(kinds)
        if row["label"] == "secret":
            found, missed = found + hit, missed + (not hit)
            missed_by[row["detector"]] += not hit
        else:
            flagged, clean = flagged + hit, clean + (not hit)
            flagged_by.update(kinds)
    recall = found / (found + missed)
    print(
        f"\n{name} dev: recall {found}/{found + missed} = {recall:.1%}; "
        f"no_secret rows flagged {flagged}/{flagged + clean}"
        f"\n  missed (scanner rule): {dict(+missed_by)}; flagged by kind: {dict(flagged_by)}"
    )
    assert recall >= min_recall


def test_everyday_tweets_have_no_secrets() -> None:
    path = DATA / "tweeteval_sentiment" / "dev.tsv"
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared data sets are not checked out here)")
    with path.open(encoding="utf-8", newline="") as fh:
        texts = [r["text"] for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)]
    hits = [t for t in texts if find_secrets(t)]
    print(f"\ntweeteval dev: {len(hits)}/{len(texts)} tweets with a secret match")
    assert len(hits) <= 0.005 * len(texts), hits[:10]
