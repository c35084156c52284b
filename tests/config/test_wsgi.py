"""The serving process loads what requests need before the first one and keeps it out of the collector's sight."""

import os
import subprocess
import sys
from pathlib import Path


def test_the_wsgi_module_loads_the_urls_and_freezes_what_it_loaded(tmp_path: Path) -> None:
    probe = (
        "import gc, sys\n"
        "import nisi.config.wsgi\n"
        "print(gc.get_freeze_count() > 100_000, 'nisi.registry.api' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env |= {
        "NISI_VAR_DIR": str(tmp_path),
        "NISI_SCHEDULER_TICK_S": "3600",
        "CELERY_BROKER_URL": "redis://127.0.0.1:1/0",
    }
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.split() == ["True", "True"], done.stderr[-2000:]
