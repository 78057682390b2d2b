#!/usr/bin/python3
"""Decode Confluent wire-format Avro values with python3-avro, an implementation independent of TypedProducer.

stdin:  {"schemas": {"<id>": "<schema json>", ...}, "values": ["<base64 record value>", ...]}
stdout: [{"schema_id": <id>, "value": <decoded value>}, ...]

Decoded values are normalised to JSON: bytes and fixed -> {"bytes": hex}, Decimal -> {"decimal": positional str},
UUID -> {"uuid": str}, datetime -> {"micros": since the epoch}, date -> {"days": since the epoch},
time -> {"micros_of_day": ...}. Floats are written with repr (round-trip exact).

python3-avro 1.11.1 does not implement the duration and local-timestamp-millis/micros logical types (it warns
IgnoredLogicalType and reads the underlying fixed or long). The reader below decodes them itself from those raw
values, as the specification defines them: duration -> {"duration": [months, days, milliseconds]} (three unsigned
32-bit little-endian integers), local timestamps -> {"local_micros": microseconds from 1970-01-01T00:00:00}.
A value of a union with two or more non-null branches that is a record is tagged with the branch's full name:
{"branch": "<full name>", "value": {...}}.
"""
import base64
import datetime
import decimal
import io
import json
import struct
import sys
import uuid
import warnings

import avro.errors
import avro.io
import avro.schema

# Handled by CompleteDatumReader below.
warnings.filterwarnings("ignore", category=avro.errors.IgnoredLogicalType)

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


class Duration:
    def __init__(self, months, days, millis):
        self.parts = [months, days, millis]


class LocalTimestamp:
    def __init__(self, micros):
        self.micros = micros


class Branch:
    def __init__(self, fullname, value):
        self.fullname = fullname
        self.value = value


class CompleteDatumReader(avro.io.DatumReader):
    """python3-avro's reader plus duration, local timestamps and the branch names of unions of records."""

    def read_data(self, writers_schema, readers_schema, decoder):
        value = super().read_data(writers_schema, readers_schema, decoder)
        logical = writers_schema.get_prop("logicalType")
        if logical == "duration" and isinstance(writers_schema, avro.schema.FixedSchema) and isinstance(value, bytes):
            return Duration(*struct.unpack("<III", value))
        if logical == "local-timestamp-millis" and writers_schema.type == "long" and isinstance(value, int):
            return LocalTimestamp(value * 1000)
        if logical == "local-timestamp-micros" and writers_schema.type == "long" and isinstance(value, int):
            return LocalTimestamp(value)
        return value

    def read_union(self, writers_schema, readers_schema, decoder):
        index = int(decoder.read_long())
        if index >= len(writers_schema.schemas):
            raise avro.errors.SchemaResolutionException("union branch %d out of range" % index, writers_schema, readers_schema)
        selected = writers_schema.schemas[index]
        value = self.read_data(selected, readers_schema, decoder)
        non_null = [b for b in writers_schema.schemas if b.type != "null"]
        if len(non_null) >= 2 and isinstance(selected, avro.schema.RecordSchema):
            return Branch(selected.fullname, value)
        return value


def normalize(v):
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    if isinstance(v, Duration):
        return {"duration": v.parts}
    if isinstance(v, LocalTimestamp):
        return {"local_micros": v.micros}
    if isinstance(v, Branch):
        return {"branch": v.fullname, "value": normalize(v.value)}
    if isinstance(v, bytes):
        return {"bytes": v.hex()}
    if isinstance(v, decimal.Decimal):
        return {"decimal": format(v, "f")}  # positional notation: str() would write 1E-10
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
        value = CompleteDatumReader(schemas[schema_id]).read(avro.io.BinaryDecoder(body))
        if body.tell() != len(data) - 5:
            raise ValueError("%d trailing bytes" % (len(data) - 5 - body.tell()))
        out.append({"schema_id": schema_id, "value": normalize(value)})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
