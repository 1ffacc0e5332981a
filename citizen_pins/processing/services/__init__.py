"""The Processing algorithms of services, steps, documents and Zero Copy (grouped by domain)."""
