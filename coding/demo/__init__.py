"""The demo study: a study dump (``demo_study.json``) loaded by ``manage.py seed_demo``; see README.md here."""
