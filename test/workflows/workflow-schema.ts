import Ajv from 'ajv';

/**
 * The part of the GitHub Actions workflow syntax these workflows use, as a JSON schema (written from GitHub's
 * "Workflow syntax for GitHub Actions" reference; SchemaStore's github-workflow.json covers the same keys). Strict
 * where a typo would silently change behaviour: unknown keys at workflow, job and step level are errors, permission
 * scopes and levels are the documented ones, a step has `uses` or `run` (not both).
 */
const PERMISSION_SCOPES = [
  'actions', 'attestations', 'checks', 'contents', 'deployments', 'discussions', 'id-token', 'issues', 'models',
  'packages', 'pages', 'pull-requests', 'repository-projects', 'security-events', 'statuses',
] as const;

const stringMap = { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } };

const permissions = {
  oneOf: [
    { type: 'string', enum: ['read-all', 'write-all'] },
    {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(PERMISSION_SCOPES.map((s) => [s, { enum: s === 'id-token' ? ['write', 'none'] : ['read', 'write', 'none'] }])),
    },
  ],
};

const step = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_-]*$' },
    name: { type: 'string' },
    if: { type: ['string', 'boolean'] },
    uses: { type: 'string', pattern: '^[\\w.-]+/[\\w./-]+@[\\w.-]+$|^docker://' },
    run: { type: 'string', minLength: 1 },
    shell: { type: 'string' },
    with: stringMap,
    env: stringMap,
    'working-directory': { type: 'string' },
    'continue-on-error': { type: ['boolean', 'string'] },
    'timeout-minutes': { type: ['number', 'string'] },
  },
  oneOf: [{ required: ['uses'] }, { required: ['run'] }], // exactly one: a step with both matches both
};

const job = {
  type: 'object',
  additionalProperties: false,
  required: ['runs-on', 'steps'],
  properties: {
    name: { type: 'string' },
    needs: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }] },
    if: { type: ['string', 'boolean'] },
    'runs-on': { type: 'string' },
    permissions,
    outputs: stringMap,
    env: stringMap,
    'timeout-minutes': { type: 'number', minimum: 1 },
    concurrency: { type: ['string', 'object'] },
    container: { oneOf: [{ type: 'string' }, { type: 'object', required: ['image'], properties: { image: { type: 'string' } } }] },
    strategy: { type: 'object' },
    steps: { type: 'array', minItems: 1, items: step },
  },
};

const branches = { type: 'array', items: { type: 'string' } };
const trigger = { oneOf: [{ type: 'null' }, { type: 'object' }] };

export const WORKFLOW_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'on', 'jobs'],
  properties: {
    name: { type: 'string' },
    'run-name': { type: 'string' },
    on: {
      type: 'object',
      minProperties: 1,
      additionalProperties: false,
      properties: {
        pull_request: { oneOf: [{ type: 'null' }, { type: 'object', additionalProperties: false, properties: { types: { type: 'array', items: { enum: ['opened', 'synchronize', 'reopened', 'ready_for_review', 'edited', 'closed', 'labeled', 'unlabeled'] } }, branches, paths: branches } }] },
        push: { oneOf: [{ type: 'null' }, { type: 'object', additionalProperties: false, properties: { branches, tags: branches, paths: branches } }] },
        workflow_run: {
          type: 'object',
          additionalProperties: false,
          required: ['workflows'],
          properties: { workflows: { type: 'array', minItems: 1, items: { type: 'string' } }, types: { type: 'array', items: { enum: ['completed', 'requested', 'in_progress'] } }, branches },
        },
        workflow_dispatch: trigger,
        schedule: { type: 'array' },
      },
    },
    permissions,
    env: stringMap,
    concurrency: { oneOf: [{ type: 'string' }, { type: 'object', required: ['group'], properties: { group: { type: 'string' }, 'cancel-in-progress': { type: ['boolean', 'string'] } }, additionalProperties: false }] },
    jobs: { type: 'object', minProperties: 1, propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_-]*$' }, additionalProperties: job },
  },
} as const;

export function workflowValidator() {
  return new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(WORKFLOW_SCHEMA);
}
