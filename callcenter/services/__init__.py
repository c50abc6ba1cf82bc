"""Services: plain Python, each takes the acting operator, enforces the role and writes the audit row."""
