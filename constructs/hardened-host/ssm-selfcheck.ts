/**
 * SSM Command document run daily by a State Manager association on every
 * hardened host. It runs the self-check installed by cloud-init; a non-zero
 * exit (with its one-line reason on stderr) makes the association — and so
 * the instance's State Manager compliance — report failure.
 *
 * The construct should synthesize:
 *   new SsmDocument(scope, 'AvSelfCheck', {
 *     name: ..., documentType: 'Command', documentFormat: 'JSON',
 *     content: JSON.stringify(avSelfCheckSsmDocument()),
 *   });
 *   new SsmAssociation(scope, 'AvSelfCheckDaily', {
 *     name: doc.name, scheduleExpression: AV_SELFCHECK_ASSOCIATION_SCHEDULE,
 *     targets: [{ key: 'tag:<fleet tag>', values: [...] }],
 *     complianceSeverity: 'HIGH',
 *   });
 */
import { INSTALLED_SCRIPTS } from './user-data';

export interface SsmRunShellScriptDocument {
  schemaVersion: '2.2';
  description: string;
  parameters: Record<string, { type: 'String'; description: string; default: string; allowedPattern: string }>;
  mainSteps: {
    action: 'aws:runShellScript';
    name: string;
    precondition: { StringEquals: ['platformType', 'Linux'] };
    inputs: { timeoutSeconds: string; runCommand: string[] };
  }[];
}

/** Daily, in State Manager's rate syntax. */
export const AV_SELFCHECK_ASSOCIATION_SCHEDULE = 'rate(1 day)';

export function avSelfCheckSsmDocument(): SsmRunShellScriptDocument {
  return {
    schemaVersion: '2.2',
    description:
      'Palisade: verify ClamAV on this hardened host (packages, signature freshness, clamd, on-access scanning), ' +
      'repair what can be repaired, and fail with a one-line reason otherwise.',
    parameters: {
      repair: {
        type: 'String',
        description: '"yes" to repair (install packages, run freshclam, restart services), "no" to only report.',
        default: 'yes',
        allowedPattern: '^(yes|no)$',
      },
    },
    mainSteps: [
      {
        action: 'aws:runShellScript',
        name: 'palisadeAvSelfCheck',
        precondition: { StringEquals: ['platformType', 'Linux'] },
        inputs: {
          timeoutSeconds: '900',
          runCommand: [
            'set -eu',
            `if [ ! -x ${INSTALLED_SCRIPTS.selfcheck} ]; then echo "palisade-av-selfcheck: NONCOMPLIANT: ${INSTALLED_SCRIPTS.selfcheck} is missing" >&2; exit 1; fi`,
            // SSM substitutes the parameter (allowedPattern ^(yes|no)$) before the shell runs.
            'repair="{{ repair }}"',
            `if [ "$repair" = "no" ]; then exec ${INSTALLED_SCRIPTS.selfcheck} --no-repair; fi`,
            `exec ${INSTALLED_SCRIPTS.selfcheck}`,
          ],
        },
      },
    ],
  };
}
