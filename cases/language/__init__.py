"""The interface language: the language a signed-in user chose, kept for them on every device.

Django's ``LocaleMiddleware`` picks the language from the language cookie or the browser's
Accept-Language; a signed-in user's stored choice overrides both (``middleware``). The choice
is copied into the session at login, so no request pays a query for it.
"""
