"""What the scan report says, in Dutch and English side by side (key → (nl, en)); the
report's ``t(key, **values)`` formats them."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "title": ("Scanrapport", "Scan report"),
    "toc": ("Inhoud", "Contents"),
    "policy": ("Beleidsversie", "Policy version"),
    "generated": ("Gemaakt op", "Generated at"),
    "sources": ("Bronnen", "Sources"),
    "scanned": ("Berichten gecontroleerd", "Posts scanned"),
    "speed": ("Snelheid", "Speed"),
    "per_s": ("{n} berichten/s in {t}", "{n} posts/s in {t}"),
    "in_t": ("in {t}", "in {t}"),
    "none": ("geen", "none"),
    "s.totals": ("Totalen", "Totals"),
    "s.rules": ("Bevindingen per regel", "Findings per rule"),
    "s.time": ("In de tijd", "Over time"),
    "s.accounts": ("Per account", "Per account"),
    "s.hours": ("Regel 10: werktijd", "Rule 10: working time"),
    "s.worst": ("Ergste voorbeelden", "Worst examples"),
    "s.about": ("Over dit rapport", "About this report"),
    "posts": ("Berichten", "Posts"),
    "findings": ("Bevindingen", "Findings"),
    "new": ("Nieuw t.o.v. de baseline", "New against the baseline"),
    "bad": ("Onleesbare records", "Unreadable records"),
    "bad.first": ("De eerste {n} van {total}", "The first {n} of {total}"),
    "bad.all": ("De {n} onleesbare records", "The {n} unreadable records"),
    "where": ("Waar", "Where"),
    "error": ("Fout", "Error"),
    "verdict": ("Oordeel", "Verdict"),
    "count": ("Aantal", "Count"),
    "share": ("Aandeel", "Share"),
    "verdict.ok": ("In orde", "OK"),
    "verdict.warn": ("Let op", "Careful"),
    "verdict.block": ("Blokkeert", "Blocks"),
    "severity.block": ("blokkeert", "blocks"),
    "severity.warn": ("waarschuwing", "warning"),
    "severity.info": ("ter info", "for information"),
    "chart.verdicts": ("Berichten per oordeel", "Posts per verdict"),
    "chart.rules": ("Bevindingen per regel", "Findings per rule"),
    "chart.months": ("Bevindingen per maand, per regel", "Findings per month, per rule"),
    "chart.accounts": (
        "Bevindingen per maand: de {n} accounts met de meeste",
        "Findings per month: the {n} accounts with the most",
    ),
    "chart.hours": ("Berichten per uur van de week", "Posts per hour of the week"),
    "empty": ("Geen gegevens", "No data"),
    "rule": ("Regel", "Rule"),
    "code": ("Code", "Code"),
    "month": ("Maand", "Month"),
    "months.table": ("Cijfers per maand", "Figures per month"),
    "account": ("Account", "Account"),
    "accounts.more": ("En nog {n} accounts, niet getoond.", "And {n} more accounts, not shown."),
    "rules.help": (
        "Een bericht kan meer dan één bevinding hebben. Regel 0 zijn de platformcontroles "
        "(lengte, links), geen regel van het beleid.",
        "A post can have more than one finding. Rule 0 are the platform checks (length, "
        "links), not a rule of the policy.",
    ),
    "hours.person": (
        "De berichten van {person} per uur van de week ({tz}). Dit overzicht is alleen voor "
        "{person} zelf.",
        "The posts of {person} per hour of the week ({tz}). This overview is for {person} only.",
    ),
    "hours.group": (
        "Alle {n} accounts samen, per uur van de week ({tz}); er staat niemand apart in.",
        "All {n} accounts together, per hour of the week ({tz}); no one is shown separately.",
    ),
    "hours.hidden": (
        "Cijfers over werktijd per persoon worden alleen aan die persoon zelf getoond, en een "
        "groep moet uit minstens {min} mensen bestaan (WOR art. 27, AVG: eerlijke verwerking). "
        "Deze scan bevat {n} accounts, dus hier staat geen overzicht.",
        "Figures about working time per person are shown only to the person themself, and a "
        "group needs at least {min} people (Dutch Works Councils Act art. 27, GDPR: "
        "fairness). This scan holds {n} accounts, so no overview is shown here.",
    ),
    "hours.inside": ("Binnen werktijd ({hours})", "Within working hours ({hours})"),
    "hours.outside": ("Op werkdagen buiten werktijd", "On working days, outside hours"),
    "hours.off": ("In het weekend en op vrije dagen", "At weekends and on days off"),
    "hours.help": (
        "Een uur telt als werktijd als minstens de helft ervan binnen de werktijd valt; de "
        "omlijnde vakken. Het beleid noemt {budget} berichten per werkdag als richtlijn.",
        "An hour counts as working time when at least half of it is within working hours: "
        "the outlined cells. The policy's guideline is {budget} posts per working day.",
    ),
    "hours.legend": ("werktijd", "working hours"),
    "hours.cell": (
        "{day} {h:02d}:00–{h2:02d}:00: {n} {posts}",
        "{day} {h:02d}:00–{h2:02d}:00: {n} {posts}",
    ),
    "post.1": ("bericht", "post"),
    "post.n": ("berichten", "posts"),
    "hours.desc": (
        "{total} berichten; {inside} binnen werktijd ({hours}); drukste uur: {peak}.",
        "{total} posts; {inside} within working hours ({hours}); busiest hour: {peak}.",
    ),
    "days": ("ma di wo do vr za zo", "Mon Tue Wed Thu Fri Sat Sun"),
    "worst.help": (
        "De {n} berichten met het zwaarste oordeel; teksten zijn geredigeerd.",
        "The {n} posts with the most severe verdict; texts are redacted.",
    ),
    "worst.r10": (
        "{n} bevinding(en) onder regel 10 niet getoond: die zijn alleen voor de persoon zelf.",
        "{n} finding(s) under rule 10 not shown: those are for the person only.",
    ),
    "about.read": (
        "Elk bericht krijgt als oordeel zijn zwaarste bevinding: ‘Let op’ betekent dat een "
        "mens beslist, ‘Blokkeert’ dat het zo niet geplaatst had mogen worden. Tijden staan "
        "in {tz}.",
        "Each post's verdict is its most severe finding: ‘Careful’ means a person decides, "
        "‘Blocks’ that it should not have been posted as is. Times are in {tz}.",
    ),
    "about.redacted": (
        "Teksten zijn geredigeerd: geheimen en persoonsgegevens staan er als [IBAN], [BSN] "
        "enzovoort, nooit in leesbare vorm.",
        "Texts are redacted: secrets and personal data appear as [IBAN], [BSN] and so on, "
        "never in clear.",
    ),
    "about.scope": (
        "Dit rapport bevat geen gegevens buiten wat de cijfers laten zien; de bevindingen "
        "per bericht staan in het bevindingenbestand van de scan. Het bestand laadt niets "
        "van buiten (geen scripts, lettertypen of afbeeldingen).",
        "This report holds no data beyond what the figures show; the findings per post are "
        "in the scan's findings file. The file loads nothing from elsewhere (no scripts, "
        "fonts or images).",
    ),
    "made_by": ("Gemaakt met tweetguard.", "Made with tweetguard."),
}
