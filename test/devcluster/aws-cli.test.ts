/**
 * Debian's AWS CLI v2 against the devcluster's EKS/STS emulator, as a user runs it: `aws eks
 * list-clusters` (with paging), `describe-cluster`, the CLI's error messages for an unknown
 * cluster, a wrong secret, an unknown key and an operation the emulator does not serve, `aws sts
 * get-caller-identity`, and the aws-iam-authenticator flow end to end: `aws eks
 * update-kubeconfig` writes a kubeconfig whose user runs `aws eks get-token`, and kubectl uses it.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OTHER_KEY, startEksDevCluster, USER_KEY } from '../cluster/support.js';
import { awsCli, type ClientHome, kubectl, kubectlOk, makeClientHome } from '../support/real-clients.js';

let env: Awaited<ReturnType<typeof startEksDevCluster>>;
let home: ClientHome;

/** The environment of a shell with USER_KEY's credentials; Debian's aws and kubectl first on PATH. */
function shell(key: { accessKeyId: string; secretAccessKey: string } = USER_KEY): Record<string, string> {
  return {
    PATH: '/usr/bin:/bin',
    AWS_ACCESS_KEY_ID: key.accessKeyId,
    AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
    AWS_DEFAULT_REGION: 'us-west-2',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

function aws(args: string[], key?: { accessKeyId: string; secretAccessKey: string }) {
  return awsCli(home, [...args, '--endpoint-url', env.aws.url], { env: shell(key) });
}

async function awsJson(args: string[]): Promise<Record<string, unknown>> {
  const r = await aws([...args, '--output', 'json']);
  if (r.code !== 0) throw new Error(`aws ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

const OTHER_CLUSTERS = ['alpha', 'beta', 'gamma'];
/** Each CLI run starts a Python interpreter; a test running several on a busy machine gets room. */
const SEVERAL_RUNS = { timeout: 120_000 };

beforeAll(async () => {
  env = await startEksDevCluster({ clusterName: 'dev' });
  for (const name of OTHER_CLUSTERS) {
    env.aws.registerCluster(name, { endpoint: `https://${name}.invalid`, caPem: env.dc.caPem });
  }
  home = makeClientHome(env.dc);
});

afterAll(async () => {
  home?.remove();
  await env?.stop();
});

describe('aws eks', () => {
  it('list-clusters lists the registered clusters', async () => {
    expect(await awsJson(['eks', 'list-clusters'])).toEqual({ clusters: ['alpha', 'beta', 'dev', 'gamma'] });
  });

  it('list-clusters pages with --page-size and --max-items / --starting-token', SEVERAL_RUNS, async () => {
    env.aws.resetCounters();
    expect(await awsJson(['eks', 'list-clusters', '--page-size', '1'])).toEqual({
      clusters: ['alpha', 'beta', 'dev', 'gamma'],
    });
    // One ListClusters call per page of one.
    expect(env.aws.counters().listClusters).toBe(4);

    const first = await awsJson(['eks', 'list-clusters', '--max-items', '3', '--page-size', '2']);
    expect(first.clusters).toEqual(['alpha', 'beta', 'dev']);
    expect(first.NextToken).toEqual(expect.any(String));
    const rest = await awsJson(['eks', 'list-clusters', '--starting-token', String(first.NextToken)]);
    expect(rest).toEqual({ clusters: ['gamma'] });
  });

  it('describe-cluster gives the endpoint and the CA', async () => {
    const { cluster } = (await awsJson(['eks', 'describe-cluster', '--name', 'dev'])) as {
      cluster: { name: string; endpoint: string; status: string; certificateAuthority: { data: string } };
    };
    expect(cluster).toMatchObject({ name: 'dev', endpoint: env.dc.url, status: 'ACTIVE' });
    expect(Buffer.from(cluster.certificateAuthority.data, 'base64').toString('utf8')).toBe(env.dc.caPem);
  });

  it("an unknown cluster gives the CLI's ResourceNotFoundException message", async () => {
    const r = await aws(['eks', 'describe-cluster', '--name', 'nope']);
    expect(r.code).toBe(254);
    expect(r.stderr.trim()).toBe(
      'An error occurred (ResourceNotFoundException) when calling the DescribeCluster operation: No cluster found for name: nope.',
    );
  });

  it('a wrong secret or an unknown key gives a clean authentication error', SEVERAL_RUNS, async () => {
    const wrongSecret = await aws(['eks', 'list-clusters'], {
      ...USER_KEY,
      secretAccessKey: 'not-the-secret',
    });
    expect(wrongSecret.code).toBe(254);
    expect(wrongSecret.stderr.trim()).toBe(
      'An error occurred (InvalidSignatureException) when calling the ListClusters operation: The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
    const unknownKey = await aws(['eks', 'describe-cluster', '--name', 'dev'], {
      accessKeyId: 'AKIAUNKNOWNKEY000000',
      secretAccessKey: OTHER_KEY.secretAccessKey,
    });
    expect(unknownKey.stderr.trim()).toBe(
      'An error occurred (UnrecognizedClientException) when calling the DescribeCluster operation: The security token included in the request is invalid.',
    );
  });

  it('an EKS operation the emulator does not serve answers in EKS JSON, not STS XML', async () => {
    const r = await aws(['eks', 'list-nodegroups', '--cluster-name', 'dev']);
    expect(r.code).toBe(254);
    expect(r.stderr).toContain(
      'An error occurred (UnknownOperationException) when calling the ListNodegroups operation',
    );
    expect(r.stderr).not.toContain('<');
  });
});

describe('aws sts', () => {
  it('get-caller-identity names the key, and a wrong secret fails cleanly', SEVERAL_RUNS, async () => {
    expect(await awsJson(['sts', 'get-caller-identity'])).toMatchObject({
      Account: '111122223333',
      Arn: USER_KEY.arn,
      UserId: expect.stringMatching(/^AIDA/),
    });
    const r = await aws(['sts', 'get-caller-identity'], { ...USER_KEY, secretAccessKey: 'not-the-secret' });
    expect(r.code).toBe(254);
    expect(r.stderr.trim()).toBe(
      'An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  });
});

describe('kubectl with the aws eks get-token exec plugin', () => {
  it(
    'update-kubeconfig, then kubectl authenticates through aws-iam-authenticator tokens',
    SEVERAL_RUNS,
    async () => {
      const kubeconfig = `${home.dir}/eks-kubeconfig`;
      const update = await aws(['eks', 'update-kubeconfig', '--name', 'dev', '--kubeconfig', kubeconfig]);
      expect(update.code, update.stderr).toBe(0);
      const written = readFileSync(kubeconfig, 'utf8');
      expect(written).toContain('apiVersion: client.authentication.k8s.io/v1beta1');
      expect(written).toMatch(/- get-token\n\s+- --cluster-name\n\s+- dev/);
      expect(written).toContain(`server: ${env.dc.url}`);

      const viaPlugin = { env: { ...shell(), KUBECONFIG: kubeconfig } };
      expect(await kubectlOk(home, ['get', 'ns'], viaPlugin)).toMatch(/^default\s+Active/m);
      const who = JSON.parse(await kubectlOk(home, ['auth', 'whoami', '-o', 'json'], viaPlugin)) as {
        status: { userInfo: Record<string, unknown> };
      };
      expect(who.status.userInfo).toEqual({
        username: USER_KEY.arn,
        uid: expect.stringMatching(/^aws-iam-authenticator:111122223333:AIDA\w+$/),
        groups: ['system:authenticated'],
        extra: {
          accessKeyId: [USER_KEY.accessKeyId],
          arn: [USER_KEY.arn],
          canonicalArn: [USER_KEY.arn],
          sessionName: [''],
        },
      });
      expect(env.aws.counters().tokensAccepted).toBeGreaterThan(0);

      // A token minted for another cluster does not authenticate here.
      const otherCluster = home.file('other-kubeconfig', written.replace(/- dev\n/, '- alpha\n'));
      const refused = await kubectl(home, ['get', 'ns'], { env: { ...shell(), KUBECONFIG: otherCluster } });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('You must be logged in to the server (Unauthorized)');
    },
  );
});
