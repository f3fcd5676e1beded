import { UsageError } from '../../cli/context';
import { parseBaselineOptions } from '../../cli/options';

describe('the options every baseline command shares', () => {
  test('defaults: fail on any severity, unproven blocks, engine regions, today', () => {
    expect(parseBaselineOptions({})).toEqual({ failOn: 'low', unproven: 'fail', allowedRegions: undefined, today: undefined });
  });

  test('--unproven warn reports unproven verdicts without blocking', () => {
    expect(parseBaselineOptions({ unproven: 'warn' }).unproven).toBe('warn');
  });

  test('parses a comma-separated region list and keeps a valid date', () => {
    expect(parseBaselineOptions({ failOn: 'high', allowedRegions: ' eu-west-1, eu-north-1 ,', today: '2027-02-28' }))
      .toEqual({ failOn: 'high', unproven: 'fail', allowedRegions: ['eu-west-1', 'eu-north-1'], today: '2027-02-28' });
  });

  test.each([
    [{ failOn: 'severe' }, /unknown severity "severe" for --fail-on/],
    [{ today: '2027-02-30' }, /--today must be a YYYY-MM-DD date, got "2027-02-30"/],
    [{ allowedRegions: ' , ' }, /--allowed-regions needs at least one region/],
    [{ unproven: 'ignore' }, /unknown policy "ignore" for --unproven \(expected fail, warn\)/],
  ])('refuses %p with a usage error', (opts, message) => {
    expect(() => parseBaselineOptions(opts)).toThrow(UsageError);
    expect(() => parseBaselineOptions(opts)).toThrow(message);
  });
});
