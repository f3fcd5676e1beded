import * as path from 'path';
import { diffPaths } from '../../policies/diff/diff';
import { formatDiffMarkdown } from '../../policies/diff/format';
import { compliantEstate, ref, rmrf, StackBuilder, tempDir, writeCdktfOut } from '../policies/fixtures';

/** The PR comment reads plainly: one line for unchanged stacks, no double negatives, suppressions named as such. */

let dir: string;
beforeEach(() => {
  dir = tempDir('palisade-format-');
});
afterEach(() => rmrf(dir));

function comment(base: StackBuilder[], head: StackBuilder[]) {
  const report = diffPaths(writeCdktfOut(path.join(dir, 'base'), ...base), writeCdktfOut(path.join(dir, 'head'), ...head), { baseDir: dir, today: '2026-06-01' });
  return { report, md: formatDiffMarkdown(report) };
}

const ssh = (b: StackBuilder) => b.add('aws_security_group_rule', 'ssh', { type: 'ingress', security_group_id: ref('aws_security_group', 'app'), from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'], description: 'debug' });

describe('the diff comment', () => {
  test('summarises unchanged stacks in one line and gives changed stacks a section', () => {
    const { md } = comment(
      [compliantEstate('edge'), compliantEstate('network'), compliantEstate('hosts')],
      [compliantEstate('edge'), compliantEstate('network').update('aws_flow_log', 'main', (v) => (v.traffic_type = 'REJECT')), compliantEstate('hosts')],
    );
    expect(md).toContain('Unchanged (2 stacks, no security-relevant change): `edge`, `hosts`.');
    expect(md).toContain('### Stack `network`');
    expect(md).not.toContain('### Stack `edge`');
    expect(md).not.toContain('no change');
  });

  test('says it compared synth outputs when no plan was given', () => {
    expect(comment([compliantEstate('network')], [compliantEstate('network')]).md).toContain('Compared: **synth outputs**');
  });

  test('a subnet that starts giving out public IPs reads "public IPs on launch goes from off to on" — no double negative', () => {
    const { md } = comment([compliantEstate('network')], [compliantEstate('network').update('aws_subnet', 'data', (v) => (v.map_public_ip_on_launch = true))]);
    expect(md).toContain('Exposure weakened: public IPs on launch (map_public_ip_on_launch) of aws_subnet.data goes from off to on.');
    expect(md).not.toMatch(/no public IPs? on launch/);
  });

  test('the reverse change reads as a strengthening from on to off', () => {
    const { md } = comment([compliantEstate('network').update('aws_subnet', 'data', (v) => (v.map_public_ip_on_launch = true))], [compliantEstate('network')]);
    expect(md).toContain('Exposure strengthened: public IPs on launch (map_public_ip_on_launch) of aws_subnet.data goes from on to off.');
  });

  test('adding a suppression to an open finding is listed as "suppression added (not fixed)", not as resolved', () => {
    const head = ssh(compliantEstate('network')).suppress('aws_security_group_rule', 'ssh', [{ ruleId: 'PAL-SG-001', reason: 'break-glass SEC-1', expires: '2026-12-31' }]);
    const { report, md } = comment([ssh(compliantEstate('network'))], [head]);
    const f = report.stacks[0].findings;
    expect(f.newlySuppressed.map((x) => x.ruleId)).toEqual(['PAL-SG-001']);
    expect(f.resolved.map((x) => x.ruleId)).not.toContain('PAL-SG-001');
    expect(md).toMatch(/\| suppression added \(not fixed\): break-glass SEC-1 \(expires 2026-12-31\) \| PAL-SG-001 \|/);
    expect(md).not.toMatch(/\| resolved \| PAL-SG-001 \|/);
    expect(report.summary.findingsResolved).toBe(0);
  });
});
