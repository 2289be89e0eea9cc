"""The tweetguard service: HTTP API (FastAPI), storage (SQLAlchemy 2 + Alembic), audit trail.

``create_app(Settings())`` builds the application; ``tweetguard serve`` runs it with uvicorn.
"""

from tweetguard.service.app import create_app
from tweetguard.service.settings import Settings

__all__ = ["Settings", "create_app"]
