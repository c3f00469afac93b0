#!/usr/bin/python3
# smtp-server.py: a real SMTP server on 127.0.0.1 for the campaign tests,
# made with Debian's python3-aiosmtpd.
#
#   smtp-server.py --dir DIR --port-file FILE [--tls-cert C --tls-key K]
#                  [--user U --password P] [--accept N]
#
# Every message accepted is written to DIR as NNNN.eml: the envelope as
# X-Envelope-From / X-Envelope-To lines, then the bytes received. With a
# certificate, STARTTLS is offered and required; with a user, AUTH is
# required (after STARTTLS when there is TLS). With --accept N, messages
# after the N-th are refused with 451 (as a server that stops taking mail).
# The port is written to FILE once the server listens. Ends on SIGTERM.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import os
import signal
import socket
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Handler:
    def __init__(self, folder, accept):
        self.folder = folder
        self.accept = accept
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        if self.accept is not None and self.count >= self.accept:
            return "451 4.3.0 Not taking mail now, try again later"
        self.count += 1
        head = "X-Envelope-From: %s\r\nX-Envelope-To: %s\r\n" % (
            envelope.mail_from, ",".join(envelope.rcpt_tos))
        path = os.path.join(self.folder, "%04d.eml" % self.count)
        with open(path + ".part", "wb") as out:
            out.write(head.encode("ascii") + envelope.original_content)
        os.rename(path + ".part", path)
        return "250 2.0.0 OK"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--accept", type=int)
    args = parser.parse_args()

    kwargs = {}
    if args.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        kwargs.update(tls_context=context, require_starttls=True)
    if args.user:
        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword)
                  and auth_data.login == args.user.encode()
                  and auth_data.password == args.password.encode())
            return AuthResult(success=ok, handled=False)
        kwargs.update(authenticator=authenticator, auth_required=True,
                      auth_require_tls=bool(args.tls_cert))

    handler = Handler(args.dir, args.accept)
    for attempt in range(20):
        port = free_port()
        controller = Controller(handler, hostname="127.0.0.1", port=port, **kwargs)
        try:
            controller.start()
            break
        except Exception as error:  # the port was taken meanwhile
            last = error
    else:
        print("smtp-server.py: could not listen: %s" % last, file=sys.stderr)
        return 1

    with open(args.port_file + ".part", "w") as out:
        out.write(str(port))
    os.rename(args.port_file + ".part", args.port_file)

    signal.signal(signal.SIGTERM, lambda *_: None)
    signal.sigwait({signal.SIGTERM, signal.SIGINT}) if hasattr(signal, "sigwait") else signal.pause()
    controller.stop()
    return 0


if __name__ == "__main__":
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    sys.exit(main())
