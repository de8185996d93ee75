"""The audit log: every domain write and every security event calls `log_action`."""

from __future__ import annotations

import ipaddress
from typing import Any

from django.db import models

from palermo.core.models import AuditEntry


def client_address(request) -> str | None:
    """The client's IP address (REMOTE_ADDR, which ClientAddressMiddleware takes from the trusted proxies'
    X-Forwarded-For when PALERMO_TRUSTED_PROXIES is set; docs/deployment.md)."""
    if request is None:
        return None
    try:  # a Unix socket or a misconfigured server may give something else: record nothing then
        return str(ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")))
    except ValueError:
        return None


def log_action(
    action: str,
    *,
    actor=None,
    obj: models.Model | None = None,
    data: dict[str, Any] | None = None,
    request=None,
    actor_name: str = "",
    object_repr: str | None = None,
) -> AuditEntry:
    """Append one entry to the audit log. `actor` None means the system (a command or migration).
    `object_repr` replaces the object's name where the name itself is confidential (an investigation's)."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=actor_name or (actor.get_username() if actor else "system"),
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=(object_repr if object_repr is not None else str(obj)[:300]) if obj is not None else "",
        data=data or {},
        ip_address=client_address(request),
        user_agent=(request.META.get("HTTP_USER_AGENT", "")[:300] if request is not None else ""),
    )
