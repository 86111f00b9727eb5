"""Units: sentences and clauses with exact offsets, the cue words that mark their moves, and a
claim's proposition without its framing. Every later step reads text through these."""
