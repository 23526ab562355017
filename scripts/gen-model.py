#!/usr/bin/env python3
"""Generate src/protocol/model.json from botocore's cognito-idp service model.

The output is the compact table src/protocol/validate.ts compiles at start-up: every operation
(name, input shape, whether it is unauthenticated) and every shape reachable from an input, reduced
to what input validation needs (type, members in model order with required flags, list/map element
shapes, min/max, pattern, enum values, sensitive flag). Documentation is dropped.

The file is committed, so building and running kognito never needs Python. Output is deterministic
(operations and shapes sorted by name, structure members in model order), so regenerating from the
same botocore gives no diff.

Usage: python3 scripts/gen-model.py [path/to/service-2.json(.gz)]
"""

import gzip
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'src', 'protocol', 'model.json')

# Constraints of the published model that the service itself does not apply, by shape: DomainType's
# pattern admits only prefixes, yet CreateUserPoolDomain takes custom domains (auth.example.com) and
# answers a bad prefix with its own message (kognito checks both in src/domain/domains.ts).
NOT_ENFORCED = {'DomainType': ('pattern',)}

SCALAR_TYPES = {'string', 'boolean', 'integer', 'long', 'float', 'double', 'blob', 'timestamp'}
CONSTRAINT_KEYS = ('min', 'max', 'pattern', 'enum', 'sensitive')


def fail(message):
    sys.stderr.write('gen-model: ' + message + '\n')
    sys.exit(1)


def default_model_path():
    try:
        import botocore  # noqa: PLC0415 - only needed when no path is given
    except ImportError:
        fail('botocore is not installed; pass the path of service-2.json(.gz) as an argument')
    path = os.path.join(os.path.dirname(botocore.__file__), 'data', 'cognito-idp', '2016-04-18',
                        'service-2.json.gz')
    return path, 'botocore ' + botocore.__version__


def load(path):
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rt', encoding='utf-8') as f:
        return json.load(f)


def compact_shape(name, shape):
    kind = shape['type']
    if kind == 'structure' and shape.get('document'):
        return {'type': 'document'}
    out = {'type': kind}
    if kind == 'structure':
        members = shape.get('members', {})
        required = shape.get('required', [])
        unknown = [r for r in required if r not in members]
        if unknown:
            fail('%s requires unknown members %s' % (name, unknown))
        out['members'] = [[m, spec['shape'], 1 if m in required else 0] for m, spec in members.items()]
    elif kind == 'list':
        out['member'] = shape['member']['shape']
    elif kind == 'map':
        out['key'] = shape['key']['shape']
        out['value'] = shape['value']['shape']
    elif kind not in SCALAR_TYPES:
        fail('shape %s has unsupported type %r' % (name, kind))
    for key in CONSTRAINT_KEYS:
        if key in shape and key not in NOT_ENFORCED.get(name, ()):
            out[key] = shape[key]
    return out


def children(shape):
    if shape['type'] == 'structure' and not shape.get('document'):
        return [m['shape'] for m in shape.get('members', {}).values()]
    if shape['type'] == 'list':
        return [shape['member']['shape']]
    if shape['type'] == 'map':
        return [shape['key']['shape'], shape['value']['shape']]
    return []


def build(model, source):
    shapes = model['shapes']
    operations = {}
    reachable = set()
    stack = []
    for name in sorted(model['operations']):
        op = model['operations'][name]
        if 'input' not in op:
            fail('operation %s has no input shape' % name)
        entry = {'input': op['input']['shape']}
        if op.get('authtype') == 'none':
            entry['authtype'] = 'none'
        operations[name] = entry
        stack.append(op['input']['shape'])
    while stack:
        name = stack.pop()
        if name in reachable:
            continue
        if name not in shapes:
            fail('shape %s is referenced but not defined' % name)
        reachable.add(name)
        stack.extend(children(shapes[name]))
    return {
        'apiVersion': model['metadata']['apiVersion'],
        'source': source,
        'targetPrefix': model['metadata']['targetPrefix'],
        'operations': operations,
        'shapes': {name: compact_shape(name, shapes[name]) for name in sorted(reachable)},
    }


def dump(value):
    return json.dumps(value, sort_keys=True, separators=(',', ':'), ensure_ascii=False)


def render(table):
    """One operation / shape per line: compact, yet a model update shows as a readable diff."""
    lines = ['{']
    keys = sorted(table)
    for i, key in enumerate(keys):
        value = table[key]
        comma = ',' if i < len(keys) - 1 else ''
        if isinstance(value, dict):
            lines.append(dump(key) + ':{')
            entries = sorted(value)
            for j, name in enumerate(entries):
                lines.append(dump(name) + ':' + dump(value[name]) + (',' if j < len(entries) - 1 else ''))
            lines.append('}' + comma)
        else:
            lines.append(dump(key) + ':' + dump(value) + comma)
    lines.append('}')
    return '\n'.join(lines) + '\n'


def main():
    if len(sys.argv) > 1:
        path, source = sys.argv[1], 'cognito-idp service-2.json'
    else:
        path, source = default_model_path()
    model = load(path)
    table = build(model, source + ' (cognito-idp ' + model['metadata']['apiVersion'] + ')')
    text = render(table)
    json.loads(text)  # never write something the loader cannot read
    with open(OUT, 'w', encoding='utf-8', newline='\n') as f:
        f.write(text)
    print('wrote %s: %d operations, %d shapes, %d bytes' % (
        os.path.relpath(OUT, ROOT), len(table['operations']), len(table['shapes']), len(text.encode('utf-8'))))


if __name__ == '__main__':
    main()
