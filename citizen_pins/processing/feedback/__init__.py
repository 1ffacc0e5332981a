"""Citizen feedback: analytics, QR posters, the executive report (issue 19)."""
