'use strict';
/*
 * `palisade live` with its default timeouts and retries against a server that never answers, as a real process:
 * the proof that a silent endpoint ends in bounded time takes that time (5 attempts of 5 s), so the unit set-up
 * starts it in the background and test/live/fake-endpoint.test.ts reads the result. Writes RESULT_FILE as JSON.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const resultFile = process.argv[2];
const silent = http.createServer(() => undefined); // accepts, reads, never answers
silent.listen(0, '127.0.0.1', () => {
  const env = {
    ...process.env,
    AWS_ENDPOINT_URL_EC2: `http://127.0.0.1:${silent.address().port}`,
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_CONFIG_FILE: '/nonexistent/palisade-test-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/palisade-test-credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
    NO_COLOR: '1',
  };
  for (const key of ['AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_REGION']) delete env[key];
  const started = Date.now();
  const child = spawn(process.execPath, [path.join(__dirname, '..', '..', 'bin', 'palisade.js'), 'live', '--region', 'eu-central-1'], { env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  const killer = setTimeout(() => child.kill('SIGKILL'), 90_000); // bounded even if the CLI were not
  child.on('close', (code) => {
    clearTimeout(killer);
    fs.writeFileSync(`${resultFile}.part`, JSON.stringify({ code, stdout, stderr, seconds: (Date.now() - started) / 1000 }));
    fs.renameSync(`${resultFile}.part`, resultFile);
    silent.closeAllConnections();
    silent.close();
  });
});
