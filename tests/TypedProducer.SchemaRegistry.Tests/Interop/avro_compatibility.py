"""Reads [[reader_schema_json, writer_schema_json], ...] from stdin and prints, per pair, whether a reader with the
first schema can read data written with the second, according to Apache Avro's own Python implementation
(avro.compatibility.ReaderWriterCompatibilityChecker, python3-avro 1.11). Output: a JSON list of booleans."""
import json
import sys

import avro.schema
from avro.compatibility import ReaderWriterCompatibilityChecker, SchemaCompatibilityType

pairs = json.load(sys.stdin)
checker = ReaderWriterCompatibilityChecker()
verdicts = []
for reader, writer in pairs:
    result = checker.get_compatibility(avro.schema.parse(reader), avro.schema.parse(writer))
    verdicts.append(result.compatibility is SchemaCompatibilityType.compatible)
print(json.dumps(verdicts))
