import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Validator for the official OASIS SARIF 2.1.0 schema (errata01, vendored byte-for-byte in
 * test/fixtures/sarif-schema-2.1.0.json from the oasis-tcs/sarif-spec repository). The schema is draft-04;
 * Ajv 8 speaks draft-07, whose semantics are identical for every keyword this schema uses (type, properties,
 * items, required, enum, pattern, minimum/maximum, minItems, uniqueItems, $ref, anyOf, oneOf,
 * additionalProperties, format, default), so only the draft-04 `id` is renamed to `$id`.
 */
export function sarifValidator() {
  const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8'));
  if (schema.title !== 'Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema') throw new Error('unexpected SARIF schema file');
  const { $schema: _draft, id, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile({ ...rest, $id: id });
}
