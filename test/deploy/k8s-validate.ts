/**
 * Validate rendered Kubernetes manifests against the API's JSON schemas (kubernetes-models, from
 * Kubernetes' OpenAPI; the Prometheus Operator's CRDs for ServiceMonitor and PrometheusRule).
 * Types, formats, enums and required fields are checked; the schemas allow unknown fields, so the
 * chart tests assert the fields that matter by name as well.
 */
const MODELS: Record<string, string> = {
  'v1/ConfigMap': 'kubernetes-models/v1/ConfigMap',
  'v1/Secret': 'kubernetes-models/v1/Secret',
  'v1/Service': 'kubernetes-models/v1/Service',
  'v1/ServiceAccount': 'kubernetes-models/v1/ServiceAccount',
  'apps/v1/Deployment': 'kubernetes-models/apps/v1/Deployment',
  'apps/v1/StatefulSet': 'kubernetes-models/apps/v1/StatefulSet',
  'autoscaling/v2/HorizontalPodAutoscaler': 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler',
  'policy/v1/PodDisruptionBudget': 'kubernetes-models/policy/v1/PodDisruptionBudget',
  'monitoring.coreos.com/v1/ServiceMonitor': '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor',
  'monitoring.coreos.com/v1/PrometheusRule': '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule',
};

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  // biome-ignore lint/suspicious/noExplicitAny: manifests are read field by field in the tests
  spec?: any;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  data?: any;
}

/** Throws with every schema error of `manifest`, naming it; an unknown apiVersion/kind is an error too. */
export async function validateManifest(manifest: Manifest): Promise<void> {
  const id = `${manifest.apiVersion}/${manifest.kind}`;
  const module = MODELS[id];
  if (!module) throw new Error(`${id} ${manifest.metadata?.name}: no schema known for this kind (add it to test/deploy/k8s-validate.ts)`);
  // The packages are ESM-only and installed beside this file (test/deploy/node_modules), not in the
  // root: imported by name at run time, so the root typecheck does not need them.
  const Model = (await import(module))[manifest.kind];
  try {
    new Model(manifest).validate();
  } catch (err) {
    throw new Error(`${id} ${manifest.metadata?.name}: ${(err as Error).message}`);
  }
}
