import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nisi.config.settings")
application = get_wsgi_application()

# The serving process (runserver's serving child, each gunicorn worker) runs the periodic jobs itself when no
# broker, and so no beat, is configured (ADR 11).
from nisi.core import scheduler  # noqa: E402  (needs the apps loaded above)

scheduler.start()

# What the first request would load (the URLconf, the views and the API's routers and schemas) is loaded now, and
# everything loaded so far is moved out of the garbage collector's sight: a full collection then walks only what
# requests made since, instead of the ~270,000 objects of the loaded project — one such collection stopped a
# worker for ~0.35 s of CPU, and on two shared cores it held up every request behind it (the lookups' tail at
# half load, docs/benchmarks.md). What is frozen is never freed, which is what loaded code is for.
get_resolver().reverse_dict  # noqa: B018  (populates the URL resolver)
# The law's dated parameters (18 YAML files) are read on their first use: ~80-170 ms of a request that asks one (a
# producer on a day before the register, IP-68) in each worker, the lookups' slowest answers (ADR 17, addendum 7).
# The cache's Redis client (redis-py, ~80 modules) is imported when the first request asks the cache: ~50-150 ms of
# it, in each worker. Its pool is made now (no connection is opened until a command).
from django.core.cache import caches  # noqa: E402

from nisi.core.cache import redis_pool  # noqa: E402
from nisi.law import params  # noqa: E402

params.catalogue()
redis_pool(caches["default"])
gc.collect()
gc.freeze()
