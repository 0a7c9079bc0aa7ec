"""Python's smtplib against l7lab's SMTP server, driven by smtp-clients.test.ts.

argv: port, then a JSON job: {"auth": {"mech", "ir", "user", "password"} | "best" | null,
"send": "message" | "utf8" | "dots" | null}. Prints one JSON object: the AUTH result and,
for each message sent, the exact bytes smtplib handed to its DATA step (before smtplib's
own dot-stuffing), so the test can compare them with what the server stored.
"""
import json
import smtplib
import sys
from email.message import EmailMessage


def build(kind):
    msg = EmailMessage()
    msg["From"] = "Taro <太郎@example.jp>" if kind == "utf8" else "Alice <alice@example.com>"
    msg["To"] = "bob@example.com"
    msg["Subject"] = "smtplib send_message" if kind != "utf8" else "こんにちは"
    msg.set_content("Hello Bob,\n.a line that starts with a dot\n\nこんにちは\n")
    msg.add_attachment(b"\x00\x01binary\r\n.\r\n", maintype="application", subtype="octet-stream", filename="x.bin")
    return msg


def main():
    port = int(sys.argv[1])
    job = json.loads(sys.argv[2])
    out = {}
    s = smtplib.SMTP("127.0.0.1", port, local_hostname="python.test", timeout=10)
    captured = []
    original_data = s.data

    def data(msg):
        captured.append(msg if isinstance(msg, bytes) else msg.encode("ascii"))
        return original_data(msg)

    s.data = data
    s.ehlo()
    out["features"] = sorted(s.esmtp_features.keys())
    auth = job.get("auth")
    try:
        if auth == "best":
            out["auth"] = list(s.login("alice", "wonderland"))
        elif auth:
            s.user, s.password = auth["user"], auth["password"]
            method = getattr(s, "auth_" + auth["mech"].lower().replace("-", "_"))
            out["auth"] = list(s.auth(auth["mech"], method, initial_response_ok=auth["ir"]))
    except smtplib.SMTPAuthenticationError as e:
        out["auth"] = [e.smtp_code, e.smtp_error]
    if isinstance(out.get("auth"), list):
        out["auth"][1] = out["auth"][1].decode() if isinstance(out["auth"][1], bytes) else out["auth"][1]
    send = job.get("send")
    if send in ("message", "utf8"):
        out["refused"] = s.send_message(build(send))
    elif send == "dots":
        body = b"Subject: dots\r\n\r\n.\r\n..\r\n.leading\r\nmiddle . dot\r\n. \r\nend"
        out["refused"] = s.sendmail("alice@example.com", ["bob@example.com", "carol@example.org"], body)
    out["sent"] = [m.hex() for m in captured]
    s.quit()
    print(json.dumps(out))


main()
