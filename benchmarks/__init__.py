"""The performance harness: a synthetic ten-year centre and the brief's numbers measured on it."""
