import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHART, helmError, render, runHelm } from './helm.js';
import { type Manifest, validateManifest } from './k8s-validate.js';

const PROFILES = ['personal', 'coder', 'agent', 'team', 'enterprise', 'security'];
const valuesFile = (profile: string) => join(CHART, 'ci', `${profile}-values.yaml`);
const find = (manifests: Manifest[], kind: string, nameSuffix = '') =>
  manifests.find((m) => m.kind === kind && (nameSuffix ? m.metadata.name.endsWith(nameSuffix) : !m.metadata.labels?.['app.kubernetes.io/component']));

describe('Helm chart charts/tokligence (rendered by a real helm)', () => {
  it('has values for every profile', () => {
    const files = readdirSync(join(CHART, 'ci')).map((f) => f.replace(/-values\.yaml$/, ''));
    expect(files.sort()).toEqual([...PROFILES].sort());
  });

  for (const profile of PROFILES)
    it(`${profile}: lints strictly, renders, and every manifest validates against the Kubernetes schemas`, async () => {
      runHelm(['lint', '--strict', CHART, '-f', valuesFile(profile)]);
      const manifests = render(['-f', valuesFile(profile)]);
      expect(manifests.length).toBeGreaterThanOrEqual(4);
      for (const m of manifests) await validateManifest(m);

      const deployment = find(manifests, 'Deployment');
      const pod = deployment?.spec.template.spec;
      const gateway = pod.containers[0];
      expect(deployment?.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
      expect(gateway.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(gateway.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
      expect(gateway.lifecycle.preStop.exec.command[0]).toBe('node');
      expect(gateway.resources.requests.cpu).toBeDefined();
      expect(gateway.resources.limits.memory).toBeDefined();
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(gateway.securityContext.readOnlyRootFilesystem).toBe(true);
      expect(gateway.env).toContainEqual({ name: 'TOKLIGENCE_PROFILE', value: profile });
      // The config is mounted as a directory (a subPath mount would never see an update).
      expect(gateway.volumeMounts).toContainEqual({ name: 'config', mountPath: '/etc/tokligence', readOnly: true });
      expect(find(manifests, 'ConfigMap')?.data['tokligence.yaml']).toContain(profile);
      expect(find(manifests, 'Service')?.spec.ports[0]).toMatchObject({ name: 'http', port: 8081, targetPort: 'http' });
      // Nothing secret is rendered from values: keys come from Secret references.
      for (const env of gateway.env) if (/API_KEY|PASSWORD|ENCRYPTION/.test(env.name)) expect(env.value, env.name).toBeUndefined();
    });

  it('enterprise: the scenarios\' kubernetes.* and high_availability.* keys become the objects they describe', async () => {
    const manifests = render(['-f', valuesFile('enterprise')]);
    for (const m of manifests) expect(m.metadata.namespace).toBe('tokligence-prod');
    const gateway = find(manifests, 'Deployment')?.spec.template.spec.containers[0];
    expect(gateway.resources).toEqual({ requests: { cpu: '2', memory: '4Gi' }, limits: { cpu: '4', memory: '8Gi' } });
    expect(gateway.livenessProbe.periodSeconds).toBe(10);
    expect(gateway.readinessProbe.periodSeconds).toBe(10);
    const hpa = find(manifests, 'HorizontalPodAutoscaler');
    expect(hpa?.spec).toMatchObject({ minReplicas: 3, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] });
    // The HPA owns the replica count.
    expect(find(manifests, 'Deployment')?.spec.replicas).toBeUndefined();
    expect(find(manifests, 'PodDisruptionBudget')?.spec.minAvailable).toBe(1);
    expect(find(manifests, 'ServiceMonitor')?.spec.endpoints[0]).toMatchObject({ port: 'metrics', path: '/metrics' });
    expect(gateway.env).toContainEqual({ name: 'TOKLIGENCE_METRICS__PROMETHEUS_PORT', value: '9090' });
    expect(gateway.env).toContainEqual({ name: 'TOKLIGENCE_OBSERVABILITY__TRACING__ENABLED', value: 'true' });
    expect(gateway.env).toContainEqual({ name: 'TOKLIGENCE_ENCRYPTION_KEY', valueFrom: { secretKeyRef: { name: 'tokligence-encryption', key: 'key' } } });
    expect(gateway.env).toContainEqual({ name: 'TOKLIGENCE_DATABASE__URL', valueFrom: { secretKeyRef: { name: 'tokligence-database', key: 'url' } } });
  });

  it('--set profile=enterprise --set replicaCount=3, as the scenarios write it', async () => {
    const manifests = render(['--set', 'profile=enterprise', '--set', 'replicaCount=3']);
    for (const m of manifests) await validateManifest(m);
    const deployment = find(manifests, 'Deployment');
    expect(deployment?.spec.replicas).toBe(3);
    expect(deployment?.spec.template.spec.containers[0].env).toContainEqual({ name: 'TOKLIGENCE_PROFILE', value: 'enterprise' });
  });

  it('bundled PostgreSQL and Redis are off by default; on, the gateway is pointed at them', async () => {
    const plain = render([]);
    expect(plain.some((m) => m.kind === 'StatefulSet')).toBe(false);
    const team = render(['-f', valuesFile('team')]);
    expect(find(team, 'StatefulSet', '-postgresql')).toBeDefined();
    expect(find(team, 'StatefulSet', '-redis')).toBeDefined();
    const env = find(team, 'Deployment')?.spec.template.spec.containers[0].env;
    expect(env).toContainEqual({ name: 'TOKLIGENCE_DATABASE__URL', value: 'postgres://tokligence:$(TOKLIGENCE_PG_PASSWORD)@tokligence-postgresql:5432/tokligence' });
    expect(env).toContainEqual({ name: 'TOKLIGENCE_CACHE__REDIS__URL', value: 'redis://tokligence-redis:6379/0' });
  });

  it('values.schema.json refuses bad values, naming the key', () => {
    expect(helmError(['template', 't', CHART, '--set', 'profile=bogus'])).toContain('/profile');
    expect(helmError(['template', 't', CHART, '--set', 'replicaCount=-1'])).toContain('/replicaCount');
    expect(helmError(['template', 't', CHART, '--set', 'kubernetes.autoscaling.target_cpu=150'])).toContain('target_cpu');
    expect(helmError(['template', 't', CHART, '--set', 'metrics.port=8081'])).toContain('/metrics/port');
    expect(helmError(['template', 't', CHART, '--set', 'replicas=3'])).toContain('replicas');
  });

  it('the manifest validator itself fails a broken manifest (a test that can fail)', async () => {
    const [deployment] = render([]).filter((m) => m.kind === 'Deployment');
    const broken = structuredClone(deployment) as Manifest;
    broken.spec.template.spec.containers[0].ports[0].containerPort = 'http';
    await expect(validateManifest(broken)).rejects.toThrow(/containerPort must be integer/);
    const noSelector = structuredClone(deployment) as Manifest;
    delete noSelector.spec.selector;
    await expect(validateManifest(noSelector)).rejects.toThrow(/selector/);
    await expect(validateManifest({ apiVersion: 'apps/v1beta1', kind: 'Deployment', metadata: { name: 'x' } })).rejects.toThrow(/no schema known/);
  });
});
