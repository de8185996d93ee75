"""E-mail sent beside the request: how long the password reset page takes to answer must not tell whether
the address has an account (handing a message to a mail server takes time)."""

import logging
import threading

from django.core.mail import EmailMessage

logger = logging.getLogger(__name__)
_started: list[threading.Thread] = []


def send_beside_the_request(message: EmailMessage) -> None:
    thread = threading.Thread(target=_send, args=(message,), daemon=True)
    _started.append(thread)
    thread.start()


def _send(message: EmailMessage) -> None:
    try:
        message.send()
    except Exception:  # the request has been answered: the mail server's refusal can only be logged
        logger.exception("The e-mail to %s could not be sent", ", ".join(message.to))


def wait_for_mail(timeout: float = 10) -> None:
    """Wait until every message started so far has been handed to the mail backend (tests, commands)."""
    while _started:
        _started.pop().join(timeout)
