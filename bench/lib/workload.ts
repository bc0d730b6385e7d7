// What the bench submits: a Job manifest as CI systems send it (labels, annotations, env,
// resources): ~1 KB of JSON, the size the figures were measured with.

/** A realistic ~1 KB `batch/v1` Job. `name` set: that name; else `generateName` (the API draws it). */
export function jobManifest(i: number, name?: string) {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      ...(name ? { name } : { generateName: 'pipeline-step-' }),
      labels: { 'app.kubernetes.io/name': 'pipeline-step', team: 'data-platform', run: `run-${i}` },
      annotations: {
        'ci.example.com/commit': 'a'.repeat(40),
        'ci.example.com/url': `https://ci.example.com/b/${i}`,
      },
    },
    spec: {
      backoffLimit: 2,
      ttlSecondsAfterFinished: 3600,
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'step',
              image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/pipeline/step:2026.12.02',
              command: [
                'sh',
                '-c',
                'python -m pipeline.step --input s3://bucket/in --output s3://bucket/out',
              ],
              env: Array.from({ length: 8 }, (_, k) => ({
                name: `PIPELINE_SETTING_${k}`,
                value: `value-${k}-${i}`,
              })),
              resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { memory: '1Gi' } },
            },
          ],
        },
      },
    },
  };
}

/** Bytes of a value as JSON. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}
