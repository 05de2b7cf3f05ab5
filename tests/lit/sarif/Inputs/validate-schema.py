"""Validates a SARIF log against the SARIF 2.1.0 JSON schema
with python-jsonschema: a second validator, because the SARIF multitool
5.7.0 silently accepts some schema violations (an unknown "level" enum
value gives no error). Prints one line per error, or "valid"."""
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1], encoding="utf-8-sig"))
log = json.load(open(sys.argv[2]))
# The validator class the schema's own $schema names.
validator = jsonschema.validators.validator_for(schema)(schema)
errors = sorted(validator.iter_errors(log),
                key=lambda e: list(e.absolute_path))
for e in errors:
    print("error:", "/".join(str(p) for p in e.absolute_path), e.message)
print("valid" if not errors else "invalid")
sys.exit(1 if errors else 0)
