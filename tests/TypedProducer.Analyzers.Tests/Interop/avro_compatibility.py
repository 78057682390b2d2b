"""Avro's own reader/writer compatibility check (python3-avro 1.11, avro.compatibility, a port of Java's
SchemaCompatibility), as the independent reference for the TPK3xxx checker.

stdin: a JSON array of [reader_schema_json, writer_schema_json] pairs.
stdout: a JSON array with, per pair, true when the reader can read the writer's data.
"""
import json
import sys

import avro.schema
from avro.compatibility import ReaderWriterCompatibilityChecker, SchemaCompatibilityType

pairs = json.load(sys.stdin)
verdicts = []
for reader, writer in pairs:
    result = ReaderWriterCompatibilityChecker().get_compatibility(avro.schema.parse(reader), avro.schema.parse(writer))
    verdicts.append(result.compatibility is SchemaCompatibilityType.compatible)
json.dump(verdicts, sys.stdout)
