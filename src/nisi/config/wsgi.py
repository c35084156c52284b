import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nisi.config.settings")
application = get_wsgi_application()

# The serving process (runserver's serving child, each gunicorn worker) runs the periodic jobs itself when no
# broker, and so no beat, is configured (ADR 11).
from nisi.core import scheduler  # noqa: E402  (needs the apps loaded above)

scheduler.start()
