"""Reusable widgets of the centrelog app."""
