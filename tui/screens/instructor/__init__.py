"""The instructor's screens: start a session, check people in, what it came to."""
