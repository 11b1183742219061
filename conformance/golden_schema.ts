/**
 * golden/schema.json, made from the op registry: the file, case, tensor and
 * provenance rules are fixed here, and each registered op adds the request
 * shape its descriptor implies (its two API names, its tensors by name, its
 * differentiable inputs, the form's keyword field). The checked-in file must
 * equal `schemaText()`; `npm run golden:schema` rewrites it.
 */
import type { Schema } from './json_schema.js';
import { apiNamesOf, layerNamesOf, tensorNamesOf, type OpDescriptor } from './op.js';
import { OPS } from './ops/index.js';

const ref = (name: string): Schema => ({ $ref: `#/$defs/${name}` });

/** The request of one op: its API names, tensors, keyword field by form, and gradients. */
export function requestSchema(op: OpDescriptor): Schema {
  return {
    type: 'object',
    required: ['api', 'inputs'],
    additionalProperties: false,
    properties: {
      api: { enum: apiNamesOf(op) },
      inputs: {
        type: 'object', required: [...op.tensors], additionalProperties: false, properties: Object.fromEntries(tensorNamesOf(op).map((t) => [t, ref('input')])),
        ...(op.tensorLists && { patternProperties: Object.fromEntries(op.tensorLists.map((l) => [`^${l}\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$`, ref('input')])) }),
      },
      kwargs: ref('arguments'),
      init: ref('arguments'),
      grad: op.tensorLists === undefined ? { type: 'array', minItems: 1, maxItems: op.differentiable.length, items: { enum: [...op.differentiable] } } : {
        description: `Differentiable inputs; an element of ${op.tensorLists.join(', ')} by its key.`, type: 'array', minItems: 1,
        items: { anyOf: [{ enum: [...op.differentiable] }, ...op.tensorLists.filter((l) => op.differentiable.includes(l)).map((l) => ({ type: 'string', pattern: `^${l}\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$` }))] },
      },
      grad_output: op.outputs === undefined ? ref('tensor') : gradOutputList(op.outputs, op.singleOutput !== undefined),
    },
    dependentRequired: { grad_output: ['grad'] },
    allOf: [
      ...layerNamesOf(op).map((name) => ({ if: { properties: { api: { const: name } } }, then: { not: { required: ['kwargs'] } } })),
      { if: { properties: { api: { const: op.functional } } }, then: { not: { required: ['init'] } } },
    ],
  };
}

/** One entry per output; one tensor too when a call can return the first output alone (outputs.ts, whose validation tells the two apart). */
function gradOutputList(outputs: readonly string[], single: boolean): Schema {
  const list: Schema = {
    description: `One entry per output (${outputs.join(', ')}); null where the backward does not go through that output.${single ? ' One tensor for a call that returns the first output alone.' : ''}`,
    type: 'array', minItems: outputs.length, maxItems: outputs.length, items: { anyOf: [ref('tensor'), { type: 'null' }] },
  };
  return single ? { anyOf: [list, ref('tensor')] } : list;
}

/** The whole golden-file schema for the registered ops. */
export function goldenSchema(ops: readonly OpDescriptor[] = OPS): Schema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'paddle-conformance golden file (format paddle-conformance/golden@1)',
    description:
      'One group of golden cases for one op; documented in golden/README.md and generated from the op registry (npm run golden:schema). ' +
      'Rules JSON Schema cannot state (data length against shape, decodable base64 length, each data value exact in its dtype and every number within float64, ' +
      'nesting at most 64 levels, sorted unique ids, the id prefix and group matching the file, ' +
      'the request api belonging to the file\'s op, tensors in Paddle\'s positional order, the content hash, a grad exactly when the request asks for one, ' +
      'reduction_basis only on a 0-D output, an output list as long as the op\'s outputs, a generated input\'s dtype fitting its distribution and its bytes hashing to its sha256) are checked by conformance/golden.ts.',
    type: 'object',
    required: ['format', 'api', 'group', 'provenance', 'cases'],
    additionalProperties: false,
    properties: {
      format: { const: 'paddle-conformance/golden@1' },
      api: { enum: ops.map((op) => op.family) },
      group: { type: 'string', minLength: 1 },
      provenance: ref('provenance'),
      cases: { type: 'array', items: ref('case') },
    },
    $defs: {
      provenance: {
        type: 'object',
        required: ['oracle', 'generator', 'content_sha256'],
        additionalProperties: false,
        properties: {
          oracle: {
            type: 'object',
            required: ['paddle_version', 'paddle_commit', 'python', 'numpy', 'os', 'cpu', 'machine'],
            // The machine's facts (conformance/machine.ts); recordings made before they were kept lack them.
            properties: {
              cpu_vendor: { type: 'string', minLength: 1 },
              cpu_features: { type: 'array', items: { type: 'string', minLength: 1 } },
              machine_class: { type: 'string', minLength: 1 },
              threads: { type: 'integer', minimum: 1 },
              paddle_flags: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
            },
            additionalProperties: { type: 'string' },
          },
          generator: { type: 'object', required: ['name', 'version'], additionalProperties: { type: 'string' } },
          content_sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        },
      },
      case: {
        type: 'object',
        required: ['id', 'group', 'level', 'tags', 'description', 'request', 'expected'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', minLength: 1 },
          group: { type: 'string', minLength: 1 },
          level: { enum: ['spec', 'paddle'] },
          spec_clause: { type: 'string' },
          rules: { type: 'array', items: { type: 'string' } },
          tags: { type: 'array', items: { type: 'string' } },
          description: { type: 'string' },
          request: ref('request'),
          expected: ref('expected'),
        },
        if: { properties: { level: { const: 'spec' } } },
        then: { required: ['spec_clause'] },
      },
      request: { oneOf: ops.map(requestSchema) },
      arguments: {
        type: 'object',
        additionalProperties: {
          anyOf: [
            { type: ['number', 'string', 'boolean', 'null'] },
            { type: 'object', required: ['int'], additionalProperties: false, properties: { int: { type: 'integer' } } },
            { type: 'object', required: ['str'], additionalProperties: false, properties: { str: { type: 'string' } } },
            { type: 'array', items: { type: 'number' } },
          ],
        },
      },
      expected: {
        type: 'object',
        additionalProperties: false,
        properties: {
          output: {
            description: "The result; null when the call returned None; a list of tensors, in Paddle's return order, for an op with several outputs.",
            anyOf: [ref('tensor'), { type: 'array', minItems: 2, items: ref('tensor') }, { type: 'null' }],
          },
          grad: { type: 'object', additionalProperties: ref('tensor') },
          error: {
            type: 'object',
            required: ['type', 'message'],
            additionalProperties: false,
            properties: { type: { type: 'string', minLength: 1 }, message: { type: 'string' } },
          },
          reduction_basis: {
            type: 'object',
            required: ['count', 'abs_sum'],
            additionalProperties: false,
            properties: {
              count: { type: 'integer', minimum: 0 },
              abs_sum: { anyOf: [{ type: 'number', minimum: 0 }, { enum: ['NaN', 'Infinity'] }] },
            },
          },
        },
        oneOf: [{ required: ['output'] }, { required: ['error'] }],
        if: { required: ['error'] },
        then: { properties: { grad: false, reduction_basis: false } },
      },
      tensor: {
        type: 'object',
        required: ['dtype', 'shape'],
        additionalProperties: false,
        properties: {
          dtype: { enum: ['float16', 'bfloat16', 'float32', 'float64', 'int8', 'uint8', 'int16', 'int32', 'int64', 'bool'] },
          shape: { type: 'array', items: { type: 'integer', minimum: 0 } },
          data: { type: 'array', items: { anyOf: [{ type: ['number', 'boolean'] }, { enum: ['NaN', 'Infinity', '-Infinity'] }] } },
          b64: { type: 'string', pattern: '^[A-Za-z0-9+/]*={0,2}$' },
        },
        oneOf: [{ required: ['data'] }, { required: ['b64'] }],
      },
      input: { description: 'A request\'s input: its values, or a seeded generator and the SHA-256 of what it expands to (conformance/generated.ts).', anyOf: [ref('tensor'), ref('generated_tensor')] },
      generated_tensor: {
        type: 'object',
        required: ['dtype', 'shape', 'generated', 'sha256'],
        additionalProperties: false,
        properties: {
          dtype: { enum: ['float32', 'float64', 'bfloat16', 'int32', 'int64'] },
          shape: { type: 'array', items: { type: 'integer', minimum: 0 } },
          generated: {
            type: 'object',
            required: ['bits', 'seed', 'distribution', 'low', 'high'],
            additionalProperties: false,
            properties: {
              bits: { const: 'fmix32' },
              seed: { type: 'integer', minimum: 0 },
              distribution: { enum: ['uniform', 'integers'] },
              low: { type: 'number' },
              high: { type: 'number' },
            },
          },
          sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        },
      },
    },
  };
}

/** The exact text golden/schema.json must hold. */
export function schemaText(ops: readonly OpDescriptor[] = OPS): string {
  return `${JSON.stringify(goldenSchema(ops), null, 2)}\n`;
}
