"""An X archive shaped like the real one (``from ingest.samples import ...``)."""

from __future__ import annotations

import json
from typing import Any


def ytd(name: str, items: list[Any]) -> str:
    """An archive file as X writes it: a JS assignment of a pretty-printed JSON array."""
    return f"window.YTD.{name}.part0 = " + json.dumps(
        items, indent=2, separators=(",", " : "), ensure_ascii=False
    )


def tweet(ident: str, text: str, when: str, lang: str = "nl", **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "edit_info": {"initial": {"editTweetIds": [ident], "editsRemaining": "5"}},
        "retweeted": False,
        "source": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
        "entities": {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []},
        "display_text_range": ["0", str(len(text))],
        "favorite_count": "2",
        "id_str": ident,
        "truncated": False,
        "retweet_count": "0",
        "id": ident,
        "created_at": when,
        "favorited": False,
        "full_text": text,
        "lang": lang,
    }
    body.update(extra)
    return {"tweet": body}


LONG_NOTE = (
    "Lange draad over ons duurzaamheidsbeleid: in 2030 rijden al onze bestelbussen elektrisch, "
    "de kantoren draaien op zonnestroom en we planten voor elke verzending een boom. "
    "Wat vinden jullie ervan? Lees het hele plan op https://t.co/Plan2030 en laat het ons "
    "weten, we zijn benieuwd naar jullie ideeën & vragen. Meer volgt volgende week, "
    "met cijfers per vestiging en de planning voor Rotterdam, Utrecht en Eindhoven."
)
LONG_SHORTENED = LONG_NOTE[:262].rstrip() + "… https://t.co/LongPost1"

ACCOUNT = [
    {
        "account": {
            "email": "jan@example.nl",
            "createdVia": "web",
            "username": "jan_de_vries",
            "accountId": "1234567",
            "createdAt": "2015-03-01T08:00:00.000Z",
            "accountDisplayName": "Jan de Vries",
        }
    }
]

PART0 = [
    tweet(
        "1001", "Koffie &amp; taart vandaag bij @HetBedrijf &lt;3", "Sat Feb 18 12:33:11 +0000 2023"
    ),
    tweet(
        "1002",
        "@klant123 Stuur ons even een DM met je ordernummer",
        "Sat Feb 18 13:00:00 +0000 2023",
        in_reply_to_status_id_str="999",
        in_reply_to_status_id="999",
        in_reply_to_screen_name="klant123",
        in_reply_to_user_id_str="42",
    ),
    tweet(
        "1003",
        "RT @HetBedrijf: Nieuwe release van de Bedrijfsapp!",
        "Sun Feb 19 09:15:00 +0000 2023",
    ),
    {"tweet": {"id_str": "1004", "created_at": "Sun Feb 19 10:00:00 +0000 2023", "lang": "nl"}},
    tweet(
        "1005",
        "https://t.co/AbCdEf",
        "Mon Feb 20 08:00:00 +0000 2023",
        lang="zxx",
        extended_entities={
            "media": [
                {
                    "type": "photo",
                    "media_url_https": "https://pbs.twimg.com/media/a.jpg",
                    "ext_alt_text": "De nieuwe kantoortuin",
                },
                {"type": "photo", "media_url_https": "https://pbs.twimg.com/media/b.jpg"},
            ]
        },
    ),
    tweet("1006", LONG_SHORTENED, "Wed Mar 01 09:00:00 +0000 2023"),
    tweet("1007", "Gisteren gepost", "yesterday"),
]

# Part 1 is written by hand: its second element is not valid JSON.
PART1 = """window.YTD.tweets.part1 = [
  {
    "tweet" : {
      "id_str" : "2001",
      "created_at" : "Tue Mar 07 10:00:00 +0000 2023",
      "full_text" : "Proud of the team [and {all} of \\"you\\"]",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "id_str" : "2002",
      "full_text" : oops,
      "lang" : "nl"
    }
  },
  {
    "tweet" : {
      "id_str" : "2003",
      "created_at" : "Wed Mar 08 10:00:00 +0100 2023",
      "full_text" : "Fijne dag allemaal",
      "lang" : "und"
    }
  }
]"""

NOTES = [
    {
        "noteTweet": {
            "noteTweetId": "555",
            "updatedAt": "2023-03-01T09:00:00.000Z",
            "lifecycle": {"value": "0", "name": "Live", "originalValue": "0"},
            "createdAt": "2023-03-01T09:00:00.000Z",
            "core": {
                "styletags": [],
                "urls": [{"shortUrl": "https://t.co/Plan2030", "expandedUrl": "https://x.nl/p"}],
                "text": LONG_NOTE.replace("&", "&amp;"),
                "mentions": [],
                "cashtags": [],
                "hashtags": [],
            },
        }
    },
    {  # a long post at the same second as another post, whose text it does not start with
        "noteTweet": {
            "noteTweetId": "556",
            "createdAt": "2023-02-18T12:33:11.000Z",
            "core": {"text": "Iets heel anders dat lang genoeg is om een note tweet te zijn."},
        }
    },
]

FILES = {
    "account.js": ytd("account", ACCOUNT),
    "tweets.js": ytd("tweets", PART0),
    "tweets-part1.js": PART1,
    "note-tweet.js": ytd("note_tweet", NOTES),
}
