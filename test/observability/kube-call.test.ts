import { describe, expect, test } from 'vitest';
import { kubeRequestInfo } from '../../src/shared/metrics/kube-call.js';

describe('kubeRequestInfo: verb and resource as the API server names them, never object names', () => {
  const base = 'https://cluster.example:443';
  test.each([
    ['POST', '/apis/batch/v1/namespaces/team-a/jobs', 'create', 'jobs'],
    ['GET', '/apis/batch/v1/namespaces/team-a/jobs/job-1', 'get', 'jobs'],
    ['GET', '/apis/batch/v1/namespaces/team-a/jobs?labelSelector=a%3Db&limit=10', 'list', 'jobs'],
    ['GET', '/apis/batch/v1/namespaces/team-a/jobs?watch=true', 'watch', 'jobs'],
    ['GET', '/apis/batch/v1/watch/namespaces/team-a/jobs', 'watch', 'jobs'],
    ['DELETE', '/apis/batch/v1/namespaces/team-a/jobs/job-1', 'delete', 'jobs'],
    ['DELETE', '/apis/batch/v1/namespaces/team-a/jobs', 'deletecollection', 'jobs'],
    ['PATCH', '/apis/batch/v1/namespaces/team-a/jobs/job-1/status', 'patch', 'jobs/status'],
    ['PUT', '/apis/batch/v1/namespaces/team-a/jobs/job-1', 'update', 'jobs'],
    ['GET', '/api/v1/namespaces/team-a/pods', 'list', 'pods'],
    ['GET', '/api/v1/namespaces/team-a/pods/job-1-abcde/log?tailLines=10', 'get', 'pods/log'],
    ['POST', '/api/v1/namespaces', 'create', 'namespaces'],
    ['GET', '/api/v1/namespaces/team-a', 'get', 'namespaces'],
    ['DELETE', '/api/v1/namespaces/team-a', 'delete', 'namespaces'],
    ['PUT', '/api/v1/namespaces/team-a/finalize', 'update', 'namespaces/finalize'],
    ['GET', '/api/v1/namespaces/status/pods', 'list', 'pods'],
    ['GET', '/api/v1', 'get', 'discovery'],
    ['GET', '/apis/batch/v1', 'get', 'discovery'],
    ['GET', '/version', 'get', 'other'],
    ['GET', '/api/v1/namespaces/team-a/Weird_Name/x', 'get', 'other'],
  ])('%s %s → %s %s', (method, path, verb, resource) => {
    expect(kubeRequestInfo(method, `${base}${path}`)).toEqual({ verb, resource });
  });

  test('a path prefix in front of the API (a proxy) is not mistaken for a resource', () => {
    expect(kubeRequestInfo('GET', `${base}/k8s/clusters/c-1/api/v1/namespaces`).resource).toBe('other');
  });
});
