"""The API's tests use the Review Mechanism's fixtures too (two reviews with their delegations)."""

from tests.review.conftest import secretariat, two_reviews  # noqa: F401
