// Validates every document of a Kubernetes YAML file against the API's OpenAPI schema, with the
// models of the npm package kubernetes-models (DeploymentFilesIT installs it). Exit 1 if any is invalid.
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Service } from 'kubernetes-models/v1/Service';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
const kinds = { Deployment, Service, PodDisruptionBudget };
let failed = 0;
for (const doc of yaml.loadAll(readFileSync(process.argv[2], 'utf8'))) {
  const Model = kinds[doc.kind];
  if (!Model) { console.log(`unknown kind ${doc.kind}`); failed++; continue; }
  try { new Model(doc).validate(); console.log(`valid ${doc.apiVersion} ${doc.kind}`); }
  catch (e) { console.log(`invalid ${doc.kind}: ${e.message}`); failed++; }
}
process.exit(failed ? 1 : 0);
