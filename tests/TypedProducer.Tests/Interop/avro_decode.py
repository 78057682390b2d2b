#!/usr/bin/python3
"""Decode Confluent wire-format Avro values with python3-avro, an implementation independent of TypedProducer.

stdin:  {"schemas": {"<id>": "<schema json>", ...}, "values": ["<base64 record value>", ...]}
stdout: [{"schema_id": <id>, "value": <decoded value>}, ...]

Decoded values are normalised to JSON: bytes -> {"bytes": hex}, Decimal -> {"decimal": str},
UUID -> {"uuid": str}, datetime -> {"micros": since the epoch}, date -> {"days": since the epoch},
time -> {"micros_of_day": ...}. Floats are written with repr (round-trip exact).
"""
import base64
import datetime
import decimal
import io
import json
import struct
import sys
import uuid

import avro.io
import avro.schema

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def normalize(v):
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    if isinstance(v, bytes):
        return {"bytes": v.hex()}
    if isinstance(v, decimal.Decimal):
        return {"decimal": str(v)}
    if isinstance(v, uuid.UUID):
        return {"uuid": str(v)}
    if isinstance(v, datetime.datetime):
        if v.tzinfo is None:
            v = v.replace(tzinfo=datetime.timezone.utc)
        d = v - EPOCH
        return {"micros": (d.days * 86400 + d.seconds) * 10**6 + d.microseconds}
    if isinstance(v, datetime.date):
        return {"days": (v - datetime.date(1970, 1, 1)).days}
    if isinstance(v, datetime.time):
        return {"micros_of_day": ((v.hour * 60 + v.minute) * 60 + v.second) * 10**6 + v.microsecond}
    if isinstance(v, dict):
        return {k: normalize(x) for k, x in v.items()}
    if isinstance(v, list):
        return [normalize(x) for x in v]
    raise TypeError("unexpected decoded type %r" % type(v))


def main():
    request = json.load(sys.stdin)
    schemas = {int(k): avro.schema.parse(s) for k, s in request["schemas"].items()}
    out = []
    for encoded in request["values"]:
        data = base64.b64decode(encoded)
        magic, schema_id = struct.unpack(">bI", data[:5])
        if magic != 0:
            raise ValueError("magic byte %d" % magic)
        body = io.BytesIO(data[5:])
        value = avro.io.DatumReader(schemas[schema_id]).read(avro.io.BinaryDecoder(body))
        if body.tell() != len(data) - 5:
            raise ValueError("%d trailing bytes" % (len(data) - 5 - body.tell()))
        out.append({"schema_id": schema_id, "value": normalize(value)})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
