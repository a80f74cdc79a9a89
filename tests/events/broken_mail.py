import smtplib
import socket
import threading

from django.core.mail.backends.base import BaseEmailBackend


class Backend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class SilentMailServer:
    """A mail server that accepts every connection and then never says a word, not even its greeting:
    the case that used to hold a web request for EMAIL_TIMEOUT per mail. `connections` counts who
    connected, so a test can tell that a web request never did."""

    def __init__(self):
        self._socket = socket.create_server(("127.0.0.1", 0))
        self._socket.settimeout(0.1)  # so that the thread notices close()
        self.port = self._socket.getsockname()[1]
        self._accepted: list[socket.socket] = []
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def connections(self) -> int:
        return len(self._accepted)

    def _accept(self):
        while not self._closed.is_set():
            try:
                connection, _address = self._socket.accept()
            except TimeoutError:
                continue
            self._accepted.append(connection)  # held open, never answered

    def close(self):
        self._closed.set()
        self._thread.join(timeout=5)
        self._socket.close()
        for connection in self._accepted:
            connection.close()
