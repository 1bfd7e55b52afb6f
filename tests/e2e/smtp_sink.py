"""smtp_sink.py PORT DIR — an SMTP server on 127.0.0.1:PORT for the tests
(Debian python3-aiosmtpd): each accepted message is written to DIR/N.eml;
a recipient whose address starts with "refuse" gets 550 (for good), one
starting "later" 450 (for now), a sender starting "refuse" 553, and
every recipient of a sender starting "norelay" 554 (a relay's settings); one
starting "slow" is accepted after 3 s (DIR/slow.started says it began:
a run caught mid-way); the envelope's
recipients and sender head the file as X-Rcpt and X-Mail-From, and the
client's port as X-Peer-Port (messages of one connection share it). Runs
until killed."""
import asyncio, os, sys
from aiosmtpd.controller import Controller

class Sink:
    def __init__(self, out):
        self.out, self.n = out, 0
    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if address.startswith('refuse'):
            return '553 5.7.1 sender not allowed'
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return '250 OK'
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if (envelope.mail_from or '').startswith('norelay'):
            return '554 5.7.1 Relay access denied'
        if address.startswith('refuse'):
            return '550 5.1.1 mailbox unavailable'
        if address.startswith('later'):
            return '450 4.2.0 mailbox busy, try later'
        if address.startswith('slow'):
            open(os.path.join(self.out, 'slow.started'), 'w').close()
            await asyncio.sleep(3)
        envelope.rcpt_tos.append(address)
        return '250 OK'
    async def handle_DATA(self, server, session, envelope):
        self.n += 1
        path = os.path.join(self.out, f'{self.n}.eml')
        with open(path + '.tmp', 'wb') as f:
            f.write(b'X-Rcpt: ' + ','.join(envelope.rcpt_tos).encode() + b'\r\n' +
                    b'X-Mail-From: ' + (envelope.mail_from or '').encode() + b'\r\n' +
                    b'X-Peer-Port: ' + str(session.peer[1]).encode() + b'\r\n' + envelope.content)
        os.rename(path + '.tmp', path)
        return '250 accepted'

c = Controller(Sink(sys.argv[2]), hostname='127.0.0.1', port=int(sys.argv[1]))
c.start()
open(os.path.join(sys.argv[2], 'ready'), 'w').close()
try:
    asyncio.get_event_loop().run_until_complete(asyncio.sleep(120))
finally:
    c.stop()
