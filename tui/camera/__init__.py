"""The laptop's camera as a card reader: which camera (source), cards coming into view, the reading thread, the box."""
