from tests.callcenter.services.conftest import admin, operator, supervisor  # noqa: F401 - shared fixtures
