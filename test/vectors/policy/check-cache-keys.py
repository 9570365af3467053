"""Checks cache-keys.json with an implementation independent of mamlkit's:
python3 test/vectors/policy/check-cache-keys.py (exit status 0 when every vector holds)."""
import hashlib
import hmac
import json
import math
import pathlib
import re

KEYED_HEADERS = ('anthropic-beta', 'anthropic-version', 'openai-beta')


def number(x):
    """ECMAScript Number::toString for the finite numbers JSON carries."""
    if isinstance(x, bool):
        raise TypeError('booleans are not numbers')
    if isinstance(x, int) or (math.isfinite(x) and x == int(x) and abs(x) < 1e21):
        return str(int(x))
    text = repr(x)
    m = re.match(r'^(-?[\d.]+)e([+-])0*(\d+)$', text)
    return f'{m.group(1)}e{m.group(2)}{m.group(3)}' if m else text


def jcs(value):
    """RFC 8785 canonical JSON (members sorted by UTF-16 code units)."""
    if value is None:
        return 'null'
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, (int, float)):
        return number(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return '[' + ','.join(jcs(item) for item in value) + ']'
    keys = sorted(value, key=lambda k: k.encode('utf-16-be'))
    return '{' + ','.join(json.dumps(k, ensure_ascii=False) + ':' + jcs(value[k]) for k in keys) + '}'


def main():
    vectors = json.loads(pathlib.Path(__file__).with_name('cache-keys.json').read_text('utf-8'))['vectors']
    for vector in vectors:
        destination = {k: v for k, v in vector['destination'].items() if k != 'headers'}
        headers = vector['destination'].get('headers', {})
        destination['headers'] = {
            k.lower(): v.strip(' \t') for k, v in headers.items() if k.lower() in KEYED_HEADERS
        }
        text = jcs(['mamlkit cache key v1', destination, vector['body']])
        assert text == vector['input'], vector['name']
        data = text.encode('utf-8')
        if 'secret' in vector:
            key = 'mk1:hmac-sha256:' + hmac.new(bytes.fromhex(vector['secret']), data, hashlib.sha256).hexdigest()
        else:
            key = 'mk1:sha256:' + hashlib.sha256(data).hexdigest()
        assert key == vector['key'], vector['name']
    print(f'{len(vectors)} cache-key vectors reproduced')


main()
