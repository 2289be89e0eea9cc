"""The text format of ``tweetguard check``: for people, with Rich.

The draft is shown with the offending spans highlighted by severity; secrets and personal
data are shown as their placeholders (``[BSN]``), never in clear. Then one block per finding:
code, rule title, message and fix, in the chosen language.
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from tweetguard.draft import Draft
from tweetguard.engine import Engine
from tweetguard.report import Finding, Report

STYLE = {"block": "bold white on red", "warn": "black on yellow", "info": "black on cyan"}
LABEL = {
    "nl": {
        "ok": "OK",
        "warn": "LET OP",
        "block": "GEBLOKKEERD",
        "info": "info",
        "fix": "Zo beter",
        "rule": "Regel",
        "platform": "Platform",
        "none": "Geen bevindingen.",
        "length": "gewogen lengte",
        "evidence": "Waarom",
        "score": "score",
        "words": "woorden",
        "language": "Taal",
        "model": "model",
        "signal": "signaal",
        "verdict": "oordeel",
        "no_models": "De taalmodellen beoordelen alleen Nederlands en Engels.",
    },
    "en": {
        "ok": "OK",
        "warn": "WARNING",
        "block": "BLOCKED",
        "info": "info",
        "fix": "Fix",
        "rule": "Rule",
        "platform": "Platform",
        "none": "No findings.",
        "length": "weighted length",
        "evidence": "Why",
        "score": "score",
        "words": "words",
        "language": "Language",
        "model": "model",
        "signal": "signal",
        "verdict": "verdict",
        "no_models": "The language models judge Dutch and English only.",
    },
}
VERDICT_STYLE = {"ok": "bold green", "warn": "bold yellow", "block": "bold red"}
SENSITIVE = ("R1.secret", "R1.personal-data")


def highlighted(text: str, findings: tuple[Finding, ...]) -> Text:
    """The draft with spans highlighted; sensitive spans replaced by their placeholder."""
    in_text = [f for f in findings if f.media is None]  # image findings point at the image
    hidden = sorted((f for f in in_text if f.code in SENSITIVE), key=lambda f: f.start)
    out = Text()
    pos = 0
    mapping: list[tuple[int, int]] = []  # (original offset, display offset) checkpoints
    for f in hidden:
        if f.start < pos:
            continue
        out.append(text[pos : f.start])
        mapping.append((f.start, len(out)))
        out.append(f.excerpt, style=STYLE[f.severity])
        pos = f.end
        mapping.append((pos, len(out)))
    out.append(text[pos:])

    def to_display(offset: int) -> int:
        best_orig, best_disp = 0, 0
        for orig, disp in mapping:
            if orig <= offset:
                best_orig, best_disp = orig, disp
        return best_disp + (offset - best_orig)

    order = {"info": 0, "warn": 1, "block": 2}
    for f in sorted(in_text, key=lambda f: order[f.severity]):
        if f.code in SENSITIVE or f.end <= f.start or (f.start == 0 and f.end == len(text)):
            continue
        out.stylize(STYLE[f.severity], to_display(f.start), to_display(f.end))
    return out


def render_report(report: Report, text: str, *, lang: str, header: str | None = None) -> Group:
    labels = LABEL["en" if lang == "en" else "nl"]
    title = Text()
    if header:
        title.append(header + "  ", style="dim")
    title.append(labels[report.verdict], style=VERDICT_STYLE[report.verdict])
    title.append(f"  ({labels['length']} {report.weighted_length}/280)", style="dim")
    parts: list[Text | Padding] = [title, Padding(highlighted(text, report.findings), (0, 0, 0, 2))]
    if not report.findings:
        parts.append(Text("  " + labels["none"], style="green"))
    for f in report.findings:
        head = Text("  ")
        head.append(f" {labels[f.severity]} ", style=STYLE[f.severity])
        head.append(f" {f.code}  ", style="bold")
        where = labels["rule"] + f" {f.rule}" if f.rule else labels["platform"]
        title_text = f.title.get(lang) if f.title else ""
        head.append(f"{where} · {title_text}", style="bold")
        parts.append(head)
        parts.append(Padding(Text(f.message.get(lang)), (0, 0, 0, 4)))
        if f.evidence is not None and f.evidence.score is not None:
            parts.append(Padding(_evidence(f, labels), (0, 0, 0, 4)))
        if f.fix is not None:
            fix = Text(f"→ {labels['fix']}: ", style="green")
            fix.append(f.fix.get(lang))
            parts.append(Padding(fix, (0, 0, 0, 4)))
    parts.append(Text(""))
    return Group(*parts)


def _evidence(f: Finding, labels: dict[str, str]) -> Text:
    ev = f.evidence
    assert ev is not None
    line = Text(f"{labels['evidence']}: ", style="dim")
    line.append(f"{ev.source or ''} {labels['score']} {ev.score:.2f}", style="dim")
    if ev.words:
        shown = ", ".join(f"\u201c{w}\u201d" for w in ev.words)
        line.append(f"; {labels['words']} {shown}", style="dim")
    return line


def print_report(
    console: Console, report: Report, text: str, *, lang: str, header: str | None = None
) -> None:
    console.print(render_report(report, text, lang=lang, header=header))


# What ``tweetguard explain --text`` shows per signal.
SIGNAL_NAMES = {
    "abuse": ("beledigend of grof (regel 8)", "abusive or coarse (rule 8)"),
    "tone": ("negatieve toon in een antwoord (regel 9)", "negative tone in a reply (rule 9)"),
    "irony": ("ironie of sarcasme (regel 2)", "irony or sarcasm (rule 2)"),
    "heat": ("verhit: negatief sentiment (regel 2)", "heated: negative sentiment (rule 2)"),
    "internal": ("interne communicatie (regel 5)", "internal communication (rule 5)"),
    "customer_question": (
        "reactie op een klantvraag of klacht (regel 6)",
        "the parent is a customer question or complaint (rule 6)",
    ),
}


def print_explanation(console: Console, engine: Engine, draft: Draft, *, lang: str) -> None:
    """Each model's score for the draft, the words that tipped it, then the report."""
    labels = LABEL["en" if lang == "en" else "nl"]
    ctx = engine.context(draft)
    guess = ctx.language
    console.print(
        Text(f"{labels['language']}: {guess.code or '?'} ({guess.method}, {guess.confidence:.2f})")
    )
    table = Table(show_edge=False, pad_edge=False)
    for col in (labels["signal"], labels["score"], "label", labels["words"]):
        table.add_column(col)
    shown = False
    for name, (nl, en) in SIGNAL_NAMES.items():
        sig = ctx.signal(name) if name in engine.signals else None
        if sig is None:
            continue
        shown = True
        words = ", ".join(f"\u201c{w}\u201d" for w in sig.words)
        style = "bold" if sig.score >= 0.5 else "dim"
        table.add_row(
            f"{name}: {en if lang == 'en' else nl}",
            Text(f"{sig.score:.2f}", style=style),
            (sig.label or "") if sig.score >= 0.5 else "",
            words,
        )
    if shown:
        console.print(table)
    else:
        console.print(Text(labels["no_models"], style="dim"))
    console.print(Text(""))
    print_report(console, engine.check(draft), draft.text, lang=lang)
