/** Versions of each site's policy config: an interface and its SQLite implementation. */
import type { Db } from '../db';
import type { PolicyContent, PolicySnapshot } from '../../core/privacy/policyUpdate';

/** Storage of policy versions. */
export interface PolicyStore {
  /** The newest version for `site`, or null before the first. */
  latest(site: string): PolicySnapshot | null;
  /**
   * Stores a new version, unless that version number already exists for the site (another process minted it from
   * the same previous version first): then the stored one is kept. Returns the snapshot stored under the number.
   */
  save(site: string, snapshot: PolicySnapshot, createdAt: number): PolicySnapshot;
  /** Whether `version` (a decimal string) was ever stored for `site`: the versions devices may report under. */
  issued(site: string, version: string): boolean;
}

/** Sites whose issued versions are remembered in memory; beyond it the oldest site is looked up again. */
const MAX_CACHED_SITES = 1000;

/** {@link PolicyStore} on the server's SQLite database. */
export class SqlitePolicyStore implements PolicyStore {
  private readonly selectLatest;
  private readonly selectVersion;
  private readonly selectExists;
  private readonly insert;
  /**
   * Versions known to be issued, by site. Only positive answers are cached: another process on the same database
   * may issue a version at any time, so a miss asks the database (one primary-key lookup).
   */
  private readonly known = new Map<string, Set<string>>();

  constructor(db: Db) {
    this.selectLatest = db.prepare<[string], { version: number; hash: string; content: string }>(
      'SELECT version, hash, content FROM privacy_policies WHERE site = ? ORDER BY version DESC LIMIT 1',
    );
    this.selectVersion = db.prepare<[string, number], { version: number; hash: string; content: string }>(
      'SELECT version, hash, content FROM privacy_policies WHERE site = ? AND version = ?',
    );
    this.selectExists = db.prepare<[string, number], { one: number }>('SELECT 1 AS one FROM privacy_policies WHERE site = ? AND version = ?');
    // Conflict-safe: two processes minting the same number from the same previous version never fail; the first wins.
    this.insert = db.prepare('INSERT INTO privacy_policies (site, version, hash, content, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (site, version) DO NOTHING');
  }

  latest(site: string): PolicySnapshot | null {
    const row = this.selectLatest.get(site);
    return row ? snapshotOf(row) : null;
  }

  save(site: string, snapshot: PolicySnapshot, createdAt: number): PolicySnapshot {
    const { version, hash, ...content } = snapshot;
    const inserted = this.insert.run(site, Number(version), hash, JSON.stringify(content), createdAt).changes === 1;
    this.remember(site, version);
    if (inserted) return snapshot;
    const row = this.selectVersion.get(site, Number(version));
    if (!row) throw new Error(`'save' of SqlitePolicyStore: version ${version} of site '${site}' neither inserted nor found`);
    return snapshotOf(row);
  }

  issued(site: string, version: string): boolean {
    if (this.known.get(site)?.has(version)) return true;
    if (!/^[1-9][0-9]{0,8}$/.test(version)) return false;
    if (this.selectExists.get(site, Number(version)) === undefined) return false;
    this.remember(site, version);
    return true;
  }

  private remember(site: string, version: string): void {
    const versions = this.known.get(site) ?? new Set<string>();
    versions.add(version);
    // Re-insert so the least recently used site goes first.
    this.known.delete(site);
    this.known.set(site, versions);
    while (this.known.size > MAX_CACHED_SITES) this.known.delete(this.known.keys().next().value!);
  }
}

function snapshotOf(row: { version: number; hash: string; content: string }): PolicySnapshot {
  return { ...(JSON.parse(row.content) as PolicyContent), version: String(row.version), hash: row.hash };
}
