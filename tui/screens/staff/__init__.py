"""The staff's screens behind the PIN: the register, cards, lists, reports, settings, data protection."""
