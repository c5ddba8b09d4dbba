"""Prints what Python's own email parser reads in each notice given on the command line.

The Java test prints the same summary from its own reader; the two must agree, and Python must find no
defect. Output per file: the top type and report-type, the defect count (message and parts), each part's
type, the delivery-status blocks as name=value lines (blocks separated by "-"), and SHA-256 of the decoded
text and headers parts with CRLF turned into LF.
"""
import email
import email.policy
import hashlib
import sys


def main(paths):
    for path in paths:
        with open(path, 'rb') as f:
            message = email.message_from_bytes(f.read(), policy=email.policy.default)
        parts = list(message.iter_parts())
        blocks = parts[1].get_payload()
        defects = len(message.defects) + sum(len(p.defects) for p in parts) + sum(len(b.defects) for b in blocks)
        print('file', path)
        print('type', message.get_content_type(), message.get_param('report-type'))
        print('defects', defects)
        for part in parts:
            print('part', part.get_content_type())
        for block in blocks:
            for name, value in block.items():
                print('status', name + '=' + str(value))
            print('-')
        text = parts[0].get_content().replace('\r\n', '\n')
        print('text', hashlib.sha256(text.encode('utf-8')).hexdigest())
        headers = parts[2].get_payload(decode=True).replace(b'\r\n', b'\n')
        print('headers', hashlib.sha256(headers).hexdigest())
        print('to', message['To'])


if __name__ == '__main__':
    main(sys.argv[1:])
