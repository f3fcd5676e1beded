import * as fs from 'fs';
import * as path from 'path';

const repo = path.resolve(__dirname, '..', '..');
const readme = fs.readFileSync(path.join(repo, 'README.md'), 'utf8');
/** `<!-- example: FILE -->` followed by a fenced block: the README shows that file of the tested example app. */
const EXAMPLE_BLOCK = /<!-- example: (\S+) -->\n```\w*\n([\s\S]*?)```\n/g;
const blocks = [...readme.matchAll(EXAMPLE_BLOCK)].map((m) => ({ file: m[1], code: m[2] }));

describe('README "Use Palisade in your own cdktf app"', () => {
  test('shows the example app\'s stack, app and test', () => {
    expect(blocks.map((b) => b.file)).toEqual(['examples/consumer-app/web-stack.ts', 'examples/consumer-app/main.ts', 'examples/consumer-app/web-stack.test.ts']);
  });

  test.each(blocks)('shows $file exactly as the consumer test runs it', ({ file, code }) => {
    expect(code).toBe(fs.readFileSync(path.join(repo, file), 'utf8'));
  });
});
