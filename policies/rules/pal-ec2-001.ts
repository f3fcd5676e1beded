import { asString, isToken } from '../model/values';
import { imdsDisabled, launchResources, metadataOptions } from './lib/ec2';
import { fail, notApplicable, pass, type Rule } from './types';

/** Source: checkov CKV_AWS_79; AWS FSBP EC2.8 (instances) and EC2.170 (launch templates); CIS AWS Foundations v3.0.0 5.6. */
export const ec2Imdsv2Required: Rule = {
  id: 'PAL-EC2-001',
  title: 'Launch templates, launch configurations and instances require IMDSv2 (http_tokens = required).',
  rationale: 'IMDSv1 answers any GET: a server-side request forgery in an application hands out the instance role credentials. IMDSv2 needs a PUT-issued session token.',
  severity: 'high',
  routine: 'firewall',
  controls: { checkov: ['CKV_AWS_79'], fsbp: ['EC2.8', 'EC2.170'], cis: ['5.6'], ccm: ['IVS-04'] },
  fixHint: 'Set metadata_options { http_tokens = "required" } (or http_endpoint = "disabled" when the host needs no metadata).',
  evaluate(model) {
    const resources = launchResources(model);
    if (resources.length === 0) return [notApplicable('No launch template, launch configuration or instance in scope.')];
    return resources.map((r) => {
      if (imdsDisabled(r)) return pass(r, `${r.address} disables the instance metadata service.`);
      const tokens = metadataOptions(r).http_tokens;
      if (isToken(tokens)) return fail(r, `${r.address}: http_tokens is an expression (${String(tokens)}) that cannot be verified to be "required".`, 'low');
      if (asString(tokens) === 'required') return pass(r, `${r.address} requires IMDSv2 session tokens.`);
      return fail(r, `${r.address} allows IMDSv1 (metadata_options.http_tokens = ${tokens === undefined ? 'unset, AWS default "optional" for many AMIs' : JSON.stringify(tokens)}).`);
    });
  },
};
