from palermo.cooperation.models.authorities import (
    KIND_BASIS,
    Authority,
    AuthorityKind,
    ChangeState,
    Channel,
    Designation,
    DirectoryReminder,
    ProposedChange,
)
from palermo.cooperation.models.requests import (
    RefusalGround,
    Request,
    RequestAttachment,
    RequestEvent,
    RequestKind,
    RequestMessage,
    RequestState,
    Side,
)

__all__ = [
    "KIND_BASIS",
    "Authority",
    "AuthorityKind",
    "ChangeState",
    "Channel",
    "Designation",
    "DirectoryReminder",
    "ProposedChange",
    "RefusalGround",
    "Request",
    "RequestAttachment",
    "RequestEvent",
    "RequestKind",
    "RequestMessage",
    "RequestState",
    "Side",
]
