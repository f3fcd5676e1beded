import { App } from 'cdktf';
import { WebStack } from './web-stack';

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' });
new WebStack(app, {
  environment: { name: 'dev', accountId: '123456789012', region: 'eu-west-1', owner: 'web-team' },
  component: 'web',
  domainName: 'www.example.com',
  securityContactEmail: 'security@example.com',
});
app.synth();
