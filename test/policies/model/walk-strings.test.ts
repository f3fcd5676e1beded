import { walkStrings } from '../../../policies/model/builder';

/** Every string `walkStrings` passes, with the path it gives, in visiting order. */
function visited(value: unknown, only?: 'templates'): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  walkStrings(value, (s, path) => out.push([path(), s]), only);
  return out;
}

// Leaves the walk skips without pushing a key (numbers, booleans, null, strings without `${` when only templates are
// asked for) sit between the ones it passes: the paths of those must still be exact.
const BODY = {
  '//': { metadata: { path: 'stack/vpc' } },
  count: 2,
  enabled: true,
  nothing: null,
  name: 'plain',
  ingress: [
    7,
    { from_port: 443, cidr_blocks: [null, '10.0.0.0/8', '${var.world}'], description: 'https' },
    '${aws_vpc.main.id}',
    [false, ['${local.x}']],
  ],
  tags: { Tier: '${var.tier}', Owner: 'team' },
};

describe('walkStrings', () => {
  test('passes every template string with its exact path, past numbers, booleans, null and plain strings around it', () => {
    expect(visited(BODY, 'templates')).toEqual([
      ['ingress[1].cidr_blocks[2]', '${var.world}'],
      ['ingress[2]', '${aws_vpc.main.id}'],
      ['ingress[3][1][0]', '${local.x}'],
      ['tags.Tier', '${var.tier}'],
    ]);
  });

  test('passes every string when not limited to templates, and never the cdktf comment', () => {
    expect(visited(BODY)).toEqual([
      ['name', 'plain'],
      ['ingress[1].cidr_blocks[1]', '10.0.0.0/8'],
      ['ingress[1].cidr_blocks[2]', '${var.world}'],
      ['ingress[1].description', 'https'],
      ['ingress[2]', '${aws_vpc.main.id}'],
      ['ingress[3][1][0]', '${local.x}'],
      ['tags.Tier', '${var.tier}'],
      ['tags.Owner', 'team'],
    ]);
  });

  test('passes a string given alone, with an empty path', () => {
    expect(visited('${aws_kms_key.logs.arn}', 'templates')).toEqual([['', '${aws_kms_key.logs.arn}']]);
    expect(visited('plain', 'templates')).toEqual([]);
  });
});
