"""Developer tools for centrelog (not installed with the app)."""
