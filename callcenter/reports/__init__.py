"""PDF reports (reportlab) and CSV exports; plain Python, no Qt."""
