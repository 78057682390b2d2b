#!/usr/bin/python3
"""Parsing Canonical Form and CRC-64-AVRO fingerprints of schemas, computed outside TypedProducer.

stdin:  ["<schema json>", ...]
stdout: [{"canonical": "<python3-avro's canonical form>", "fingerprint": "<16 hex digits>"}, ...]

The canonical form is python3-avro's own (avro.schema.Schema.canonical_form), with one correction: python3-avro
1.11.1 writes a primitive that carries a logical type as {"type":"long"} instead of "long", which the
specification's [PRIMITIVES] rule forbids (Java writes "long"); such objects are replaced by the plain name.
python3-avro has no fingerprint function, so CRC-64-AVRO is implemented here from the specification's table
algorithm ("Schema Fingerprints"), over the UTF-8 canonical form.
"""
import json
import re
import sys
import warnings

import avro.errors
import avro.schema

warnings.filterwarnings("ignore", category=avro.errors.IgnoredLogicalType)

EMPTY = 0xC15D213AA4D7A795
TABLE = []
for i in range(256):
    fp = i
    for _ in range(8):
        fp = (fp >> 1) ^ (EMPTY & -(fp & 1))
    TABLE.append(fp & 0xFFFFFFFFFFFFFFFF)


def crc64_avro(data):
    fp = EMPTY
    for b in data:
        fp = (fp >> 8) ^ TABLE[(fp ^ b) & 0xFF]
    return fp


PRIMITIVE_OBJECT = re.compile(r'\{"type":"(null|boolean|int|long|float|double|bytes|string)"\}')


def main():
    out = []
    for text in json.load(sys.stdin):
        canonical = PRIMITIVE_OBJECT.sub(r'"\1"', avro.schema.parse(text).canonical_form)
        out.append({"canonical": canonical, "fingerprint": "%016x" % crc64_avro(canonical.encode("utf-8"))})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
