/** Versions of each site's policy config: an interface and its SQLite implementation. */
import type { Db } from '../db';
import type { PolicyContent, PolicySnapshot } from '../../core/privacy/policyUpdate';

/** Storage of policy versions. */
export interface PolicyStore {
  /** The newest version for `site`, or null before the first. */
  latest(site: string): PolicySnapshot | null;
  /** Stores a new version (its number must be new for the site). */
  save(site: string, snapshot: PolicySnapshot, createdAt: number): void;
}

/** {@link PolicyStore} on the server's SQLite database. */
export class SqlitePolicyStore implements PolicyStore {
  private readonly selectLatest;
  private readonly insert;

  constructor(db: Db) {
    this.selectLatest = db.prepare<[string], { version: number; hash: string; content: string }>(
      'SELECT version, hash, content FROM privacy_policies WHERE site = ? ORDER BY version DESC LIMIT 1',
    );
    this.insert = db.prepare('INSERT INTO privacy_policies (site, version, hash, content, created_at) VALUES (?, ?, ?, ?, ?)');
  }

  latest(site: string): PolicySnapshot | null {
    const row = this.selectLatest.get(site);
    if (!row) return null;
    return { ...(JSON.parse(row.content) as PolicyContent), version: String(row.version), hash: row.hash };
  }

  save(site: string, snapshot: PolicySnapshot, createdAt: number): void {
    const { version, hash, ...content } = snapshot;
    this.insert.run(site, Number(version), hash, JSON.stringify(content), createdAt);
  }
}
