from __future__ import annotations

import pytest

from wegweiser.accounts.models import User
from wegweiser.accounts.tests.factories import UserFactory


@pytest.fixture
def manager(centre):
    """A user of the management role of the centre: sees the whole centre's figures."""
    return UserFactory(username="manager", role=User.Role.MANAGEMENT, organisation=centre)
