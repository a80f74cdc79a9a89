"""Date and number formats of our own, ahead of Django's (FORMAT_MODULE_PATH): English is written the
British way, as the site's English pages write it (home/dates.py), in the admin too."""
