"""Analyses over the pins (issue 20 on): access to the nearest service point."""
