"""Story grouping: which articles of a pile tell the same story (:func:`group_stories`)."""

from __future__ import annotations

from framing.stories.group import Story, StoryLink, group_stories
from framing.stories.io import read_story_map, stories_json, stories_table

__all__ = [
    "Story",
    "StoryLink",
    "group_stories",
    "read_story_map",
    "stories_json",
    "stories_table",
]
