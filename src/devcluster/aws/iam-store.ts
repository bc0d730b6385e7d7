import { randomBytes } from 'node:crypto';

/** A long-term access key of an IAM user (or any principal) the emulator accepts. */
export interface AccessKeyConfig {
  accessKeyId: string;
  secretAccessKey: string;
  /** Identity the key stands for, e.g. `arn:aws:iam::111122223333:user/ci`. */
  arn: string;
}

/** A role that AssumeRole may hand out. */
export interface RoleConfig {
  /** `arn:aws:iam::ACCOUNT:role/NAME` */
  arn: string;
  /** Caller ARNs allowed to assume it. @defaultValue every configured principal */
  trusted?: string[];
}

/** Whoever signs with a given access key: a configured key or an AssumeRole session. */
export interface Principal {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  arn: string;
  /** `AIDA…` for users, `AROA…:session` for assumed roles. */
  userId: string;
  account: string;
  /** Sessions end; configured keys do not. */
  expiresAt?: number;
}

/** Result of {@link IamStore.assumeRole}. */
export type AssumeRoleResult = { principal: Principal } | { error: { code: string; message: string } };

/** The emulator's IAM: configured keys, roles, and the sessions AssumeRole issued. */
export interface IamStore {
  readonly accountId: string;
  lookup(accessKeyId: string): Principal | undefined;
  assumeRole(
    caller: Principal,
    roleArn: string,
    sessionName: string,
    durationSeconds: number,
  ): AssumeRoleResult;
  /** Every principal it knows (configured keys and live sessions), for persisting. */
  principals(): Principal[];
}

function stableId(prefix: string, seed: string): string {
  let h = 0;
  for (const c of seed) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `${prefix}${h.toString(36).toUpperCase().padStart(17, 'X')}`.slice(0, 21);
}

function accountOf(arn: string): string {
  return /^arn:aws[\w-]*:(?:iam|sts)::(\d{12}):/.exec(arn)?.[1] ?? '000000000000';
}

/**
 * Creates the store; `now` drives session expiry. `restored` principals (from a state
 * directory) are known too, unless a configured key has the same id; `onChange` hears of new
 * sessions.
 */
export function createIamStore(options: {
  accountId: string;
  accessKeys: AccessKeyConfig[];
  roles: RoleConfig[];
  now: () => number;
  restored?: Principal[];
  onChange?: () => void;
}): IamStore {
  const principals = new Map<string, Principal>();
  for (const p of options.restored ?? []) principals.set(p.accessKeyId, p);
  for (const key of options.accessKeys) {
    principals.set(key.accessKeyId, {
      ...key,
      userId: stableId('AIDA', key.arn),
      account: accountOf(key.arn),
    });
  }
  return {
    accountId: options.accountId,
    lookup(accessKeyId) {
      const p = principals.get(accessKeyId);
      if (p?.expiresAt !== undefined && p.expiresAt <= options.now()) return undefined;
      return p;
    },
    assumeRole(caller, roleArn, sessionName, durationSeconds) {
      const role = options.roles.find((r) => r.arn === roleArn);
      const allowed = role && (!role.trusted || role.trusted.includes(caller.arn));
      if (!allowed) {
        return {
          error: {
            code: 'AccessDenied',
            message: `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
          },
        };
      }
      if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
        return { error: { code: 'ValidationError', message: 'invalid RoleSessionName' } };
      }
      const roleName = roleArn.slice(roleArn.lastIndexOf('/') + 1);
      const account = accountOf(roleArn);
      const session: Principal = {
        accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
        secretAccessKey: randomBytes(30).toString('base64'),
        sessionToken: randomBytes(96).toString('base64'),
        arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`,
        userId: `${stableId('AROA', roleArn)}:${sessionName}`,
        account,
        expiresAt: options.now() + durationSeconds * 1000,
      };
      principals.set(session.accessKeyId, session);
      options.onChange?.();
      return { principal: session };
    },
    principals() {
      const t = options.now();
      return [...principals.values()].filter((p) => p.expiresAt === undefined || p.expiresAt > t);
    },
  };
}
