"""Parsing tweet text: entities (mentions, hashtags, cashtags, URLs, emoji) and X's length."""

from tweetguard.text.entities import Entity, EntityKind, extract_entities, split_hashtag
from tweetguard.text.length import MAX_WEIGHTED_LENGTH, LengthInfo, weighted_length

__all__ = [
    "MAX_WEIGHTED_LENGTH",
    "Entity",
    "EntityKind",
    "LengthInfo",
    "extract_entities",
    "split_hashtag",
    "weighted_length",
]
