"""Domain rules of government information disclosure, free of web and database code."""
