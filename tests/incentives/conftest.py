"""The incentives' fixtures, for every test of the app."""

from tests.incentives.fixtures import today_fixture, world_fixture  # noqa: F401
from tests.incentives.grants_fixtures import grants_world_fixture  # noqa: F401
