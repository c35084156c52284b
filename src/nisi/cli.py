"""The `nisi` command: Django's management commands under the project's own name.

`nisi law param MCI --on 2024-05-01`, `nisi audit verify`, `nisi migrate`, `nisi runserver` …
"""

import os
import sys

LANGUAGES = ("kk", "ru", "en")


def cli_language() -> str:
    """The language of the command line's messages: NISI_LANGUAGE (kk, ru or en), English by default."""
    language = os.environ.get("NISI_LANGUAGE", "en")
    return language if language in LANGUAGES else "en"


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nisi.config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["nisi", *sys.argv[1:]])


if __name__ == "__main__":
    main()
