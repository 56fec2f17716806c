"""Rule-based extraction: money mentions, entity mentions and cue words, assembled into deals."""
