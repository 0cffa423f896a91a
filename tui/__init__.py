"""The centrelog terminal app: screens, widgets and the command line."""
