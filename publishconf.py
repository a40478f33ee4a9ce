"""Production settings: pelicanconf plus the values that only matter on the public server."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = "https://www.yunxi.gov.cn"
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = False  # sitetools builds aside and swaps; never wipe in place
FEED_DOMAIN = SITEURL  # feeds carry absolute links
