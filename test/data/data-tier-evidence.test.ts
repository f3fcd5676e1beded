import { modelFromDocuments, runBaseline } from '../../policies/index';
import { buildEvidenceReport } from '../../policies/report/evidence';
import { estateStack, estateStackNames } from '../support/estate';

const DB = 'aws_db_instance.production_reviews';

/** The whole synthesized estate as one model, `mutate` applied to the named stack first. */
function estate(mutate: Record<string, (json: any) => void> = {}) {
  const docs = estateStackNames().map((name) => {
    const json = estateStack(name);
    mutate[name]?.(json);
    return { file: `stacks/${name}/cdk.tf.json`, json, stackName: name };
  });
  const model = modelFromDocuments(docs);
  return { model, report: runBaseline(model) };
}

function rowsOf(framework: 'fsbp' | 'cis' | 'ccm', control: string, ruleId: string) {
  const { model, report } = estate();
  const evidence = buildEvidenceReport(report, { model, views: [framework], inputs: ['cdktf.out'] });
  const c = evidence.frameworks[0].controls.find((x) => x.id === control);
  return c?.rules.find((r) => r.ruleId === ruleId)?.rows ?? [];
}

describe('the data store in the control-evidence report', () => {
  test('PAL-BACKUP-003 judges the real databases: each is selected by the backup plan of its own environment', () => {
    const results = estate().report.results.filter((r) => r.ruleId === 'PAL-BACKUP-003' && r.resource.startsWith('aws_db_instance.'));
    expect(results.map((r) => [r.resource, r.status, r.message])).toEqual([
      [DB, 'compliant', expect.stringContaining('aws_backup_selection.production_backup_selection')],
      ['aws_db_instance.staging_reviews', 'compliant', expect.stringContaining('aws_backup_selection.staging_backup_selection')],
    ]);
  });

  test('PAL-BACKUP-003 fails the database once its Backup tag is gone', () => {
    const { report } = estate({ 'production-data': (j) => { delete j.resource.aws_db_instance.production_reviews.tags.Backup; } });
    expect(report.findings.filter((f) => f.ruleId === 'PAL-BACKUP-003').map((f) => f.resource)).toEqual([DB]);
  });

  test('the database is evidence under the backup control (CCM BCR-08 via PAL-BACKUP-003 and PAL-RDS-005)', () => {
    expect(rowsOf('ccm', 'BCR-08', 'PAL-BACKUP-003')).toContainEqual(expect.objectContaining({ resource: DB, status: 'pass', file: 'stacks/production-data/cdk.tf.json' }));
    expect(rowsOf('fsbp', 'RDS.11', 'PAL-RDS-005')).toContainEqual(expect.objectContaining({ resource: DB, status: 'pass' }));
  });

  test('the database is evidence under the encryption controls (FSBP RDS.3, CIS 2.3.1, CCM CEK-03)', () => {
    for (const [fw, control] of [['fsbp', 'RDS.3'], ['cis', '2.3.1'], ['ccm', 'CEK-03']] as const) {
      expect(rowsOf(fw, control, 'PAL-RDS-001')).toContainEqual(expect.objectContaining({ resource: DB, status: 'pass' }));
    }
  });
});
