import {
  AV_DETECTION_FILTER_PATTERN,
  AV_DETECTION_METRIC_NAME,
  AV_METRIC_NAMESPACE,
  AV_SELFCHECK_FAILURE_FILTER_PATTERN,
  avDetectionMetricFilter,
  FilterPatternError,
  matchesFilterPattern,
  parseFilterPattern,
} from '../../constructs/hardened-host/metric-filter';

describe('metric filter definitions', () => {
  test('the detection filter is exactly the documented JSON pattern, counting 1 per line', () => {
    expect(AV_DETECTION_FILTER_PATTERN).toBe('{ $.event = "detection" }');
    expect(avDetectionMetricFilter('/palisade/av')).toEqual({
      name: 'palisade-av-detections',
      logGroupName: '/palisade/av',
      pattern: '{ $.event = "detection" }',
      metricTransformation: {
        name: AV_DETECTION_METRIC_NAME,
        namespace: AV_METRIC_NAMESPACE,
        value: '1',
        defaultValue: '0',
        unit: 'Count',
      },
    });
  });
});

describe('matchesFilterPattern (CloudWatch JSON pattern subset)', () => {
  const line = JSON.stringify({ event: 'detection', path: '/srv/a b', n: 3, nested: { ok: 'yes' }, list: ['x', 'y'] });

  test.each([
    ['{ $.event = "detection" }', true],
    ['{ $.event = "scan_complete" }', false],
    ['{ $.event != "scan_complete" }', true],
    ['{ $.event = detection }', true],
    ['{ $.event = "detect*" }', true],
    ['{ $.path = "*a b" }', true],
    ['{ $.n = 3 }', true],
    ['{ $.n > 2 && $.n <= 3 }', true],
    ['{ $.n >= 4 }', false],
    ['{ $.nested.ok = "yes" }', true],
    ['{ $.list[1] = "y" }', true],
    ['{ $.missing = "x" }', false],
    ['{ $.missing != "x" }', false],
    ['{ ($.event = "x") || ($.n = 3) }', true],
    ['{ ($.event = "detection") && ($.n = 4) }', false],
    ['{ $.n = "3" }', false],
  ])('%s -> %s', (pattern, expected) => {
    expect(matchesFilterPattern(pattern, line)).toBe(expected);
  });

  test('non-JSON and non-object lines never match', () => {
    expect(matchesFilterPattern(AV_DETECTION_FILTER_PATTERN, 'detection')).toBe(false);
    expect(matchesFilterPattern(AV_DETECTION_FILTER_PATTERN, '/srv/x: Eicar FOUND')).toBe(false);
    expect(matchesFilterPattern(AV_DETECTION_FILTER_PATTERN, '["detection"]')).toBe(false);
  });

  test('the self-check failure pattern needs both conditions', () => {
    expect(matchesFilterPattern(AV_SELFCHECK_FAILURE_FILTER_PATTERN, '{"event":"selfcheck","status":"fail"}')).toBe(true);
    expect(matchesFilterPattern(AV_SELFCHECK_FAILURE_FILTER_PATTERN, '{"event":"selfcheck","status":"ok"}')).toBe(false);
  });

  test.each(['$.event = "x"', '{ $.event = "x"', '{ $.event IS NULL }', '{ event = "x" }', '{ $.n > "x" }', '{ $.a = "x" } extra'])(
    'unsupported or malformed pattern %s throws instead of guessing',
    (pattern) => {
      expect(() => parseFilterPattern(pattern)).toThrow(FilterPatternError);
    },
  );
});
