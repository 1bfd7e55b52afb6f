"""mailops_smtp.py PORT DIR [MODE] — a small SMTP server on 127.0.0.1:PORT for the
tests of what a relay answers at a message's end (no library: python3
alone). A recipient starting "spam" gets 554 5.7.1 after DATA's end (the
relay's policy), "gone" 550 5.1.1 after DATA's end (a relay that checks the
mailbox only once it has the message), "drop" has its connection closed
after DATA's end, with no reply, the message kept (did it arrive?); any
other is accepted. MODE auth: it asks for a login and refuses any (535);
busy: it answers 421 to every connection. It never offers STARTTLS. Each message kept is written to DIR/N.eml, headed by
X-Rcpt. DIR/ready says it listens. Runs until killed."""
import os, socket, sys, threading

def serve(conn, out, count):
    f = conn.makefile('rb')
    say = lambda s: conn.sendall(s.encode() + b'\r\n')
    if MODE == 'busy':
        say('421 4.3.2 too busy, try later')
        conn.close()
        return
    say('220 mailops ESMTP')
    rcpt = ''
    while True:
        line = f.readline()
        if not line:
            return
        cmd = line.decode('latin-1').strip()
        up = cmd.upper()
        if up.startswith(('EHLO', 'HELO')):
            say('250-mailops\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME' if MODE == 'auth' else '250-mailops\r\n250 8BITMIME')
        elif up.startswith('AUTH'):
            say('535 5.7.8 authentication failed')
        elif up.startswith('MAIL'):
            say('250 OK')
        elif up.startswith('RCPT'):
            rcpt = cmd.split(':', 1)[1].strip(' <>')
            say('250 OK')
        elif up == 'DATA':
            say('354 go on')
            body = b''
            while True:
                l = f.readline()
                if not l or l == b'.\r\n':
                    break
                body += l
            if rcpt.startswith('spam'):
                say('554 5.7.1 message refused as spam')
            elif rcpt.startswith('gone'):
                say('550 5.1.1 no such mailbox')
            else:
                count[0] += 1
                path = os.path.join(out, f'{count[0]}.eml')
                with open(path, 'wb') as m:
                    m.write(b'X-Rcpt: ' + rcpt.encode() + b'\r\n' + body)
                if rcpt.startswith('drop'):
                    conn.close()
                    return
                say('250 accepted')
        elif up == 'QUIT':
            say('221 bye')
            return
        else:
            say('250 OK')

MODE = sys.argv[3] if len(sys.argv) > 3 else ''
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', int(sys.argv[1])))
s.listen(8)
open(os.path.join(sys.argv[2], 'ready'), 'w').close()
count = [0]
while True:
    c, _ = s.accept()
    threading.Thread(target=serve, args=(c, sys.argv[2], count), daemon=True).start()
