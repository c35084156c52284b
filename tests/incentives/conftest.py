"""The incentives' fixtures, for every test of the app."""

from tests.incentives.fixtures import today_fixture, world_fixture  # noqa: F401
