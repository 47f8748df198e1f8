"""The text tables behind domain.messages, split by area."""
