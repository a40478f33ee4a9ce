"""Service functions shared by the form views, the staff views and the JSON API."""
