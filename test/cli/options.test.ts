import { UsageError } from '../../cli/context';
import { parseBaselineOptions } from '../../cli/options';

describe('the options every baseline command shares', () => {
  test('defaults: fail on any severity, engine regions, today', () => {
    expect(parseBaselineOptions({})).toEqual({ failOn: 'low', allowedRegions: undefined, today: undefined });
  });

  test('parses a comma-separated region list and keeps a valid date', () => {
    expect(parseBaselineOptions({ failOn: 'high', allowedRegions: ' eu-west-1, eu-north-1 ,', today: '2027-02-28' }))
      .toEqual({ failOn: 'high', allowedRegions: ['eu-west-1', 'eu-north-1'], today: '2027-02-28' });
  });

  test.each([
    [{ failOn: 'severe' }, /unknown severity "severe" for --fail-on/],
    [{ today: '2027-02-30' }, /--today must be a YYYY-MM-DD date, got "2027-02-30"/],
    [{ allowedRegions: ' , ' }, /--allowed-regions needs at least one region/],
  ])('refuses %p with a usage error', (opts, message) => {
    expect(() => parseBaselineOptions(opts)).toThrow(UsageError);
    expect(() => parseBaselineOptions(opts)).toThrow(message);
  });
});
