"""Database: models, engine and sessions, migrations, reference and demo data."""
