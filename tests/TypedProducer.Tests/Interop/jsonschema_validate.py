#!/usr/bin/python3
"""Validates JSON documents against a JSON Schema with Debian's python3-jsonschema (an independent implementation).

stdin: {"schema": <schema object>, "documents": [<base64 of UTF-8 JSON>, ...]}
stdout: [{"valid": bool, "errors": [str, ...]}, ...] in document order.
The schema must declare its draft in "$schema"; formats (date, date-time, ...) are checked where the library can.
"""
import base64
import json
import sys

import jsonschema


def main():
    request = json.load(sys.stdin)
    schema = request["schema"]
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    results = []
    for encoded in request["documents"]:
        document = json.loads(base64.b64decode(encoded).decode("utf-8"))
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        results.append({
            "valid": not errors,
            "errors": ["/".join(str(p) for p in e.absolute_path) + ": " + e.message for e in errors],
        })
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
