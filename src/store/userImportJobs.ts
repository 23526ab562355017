import type { Statements } from './db.js';

export type UserImportJobStatus = 'Created' | 'Pending' | 'InProgress' | 'Stopping' | 'Expired' | 'Stopped' | 'Failed' | 'Succeeded';

/** A user import job as kept: UserImportJobType's fields (dates in ms), the upload's secret and the import's progress. */
export interface UserImportJob {
  JobId: string;
  JobName: string;
  UserPoolId: string;
  PreSignedUrl: string;
  CloudWatchLogsRoleArn: string;
  Status: UserImportJobStatus;
  CreationDate: number;
  StartDate?: number;
  CompletionDate?: number;
  CompletionMessage?: string;
  ImportedUsers: number;
  SkippedUsers: number;
  FailedUsers: number;
  /** The pre-signed URL's signature: the upload must present it. */
  uploadSignature: string;
  /** Data lines of the file already imported (the import resumes there after a restart). */
  linesDone: number;
}

interface Row {
  description: string;
}

/** User import jobs of a pool, newest first, and the .csv file uploaded to each. */
export class UserImportJobs {
  constructor(private readonly store: Statements) {}

  insert(job: UserImportJob): void {
    this.store
      .stmt('INSERT INTO user_import_jobs (id, user_pool_id, created_at, description) VALUES (?, ?, ?, ?)')
      .run(job.JobId, job.UserPoolId, job.CreationDate, JSON.stringify(job));
  }

  get(userPoolId: string, jobId: string): UserImportJob | undefined {
    const row = this.store.stmt('SELECT description FROM user_import_jobs WHERE id = ? AND user_pool_id = ?').get(jobId, userPoolId) as Row | undefined;
    return row && JSON.parse(row.description);
  }

  byId(jobId: string): UserImportJob | undefined {
    const row = this.store.stmt('SELECT description FROM user_import_jobs WHERE id = ?').get(jobId) as Row | undefined;
    return row && JSON.parse(row.description);
  }

  update(job: UserImportJob): void {
    this.store.stmt('UPDATE user_import_jobs SET description = ? WHERE id = ?').run(JSON.stringify(job), job.JobId);
  }

  /** A page of a pool's jobs, newest first, after the job at (createdAt, jobId) when given. */
  list(userPoolId: string, limit: number, after?: { createdAt: number; jobId: string }): UserImportJob[] {
    const rows = (
      after
        ? this.store
            .stmt(
              `SELECT description FROM user_import_jobs WHERE user_pool_id = ? AND (created_at, id) < (?, ?)
               ORDER BY created_at DESC, id DESC LIMIT ?`,
            )
            .all(userPoolId, after.createdAt, after.jobId, limit)
        : this.store.stmt('SELECT description FROM user_import_jobs WHERE user_pool_id = ? ORDER BY created_at DESC, id DESC LIMIT ?').all(userPoolId, limit)
    ) as Row[];
    return rows.map((row) => JSON.parse(row.description));
  }

  /** Jobs an import was running for (Pending, InProgress): resumed when kognito starts. */
  running(): UserImportJob[] {
    const rows = this.store
      .stmt(`SELECT description FROM user_import_jobs WHERE json_extract(description, '$.Status') IN ('Pending', 'InProgress')`)
      .all() as Row[];
    return rows.map((row) => JSON.parse(row.description));
  }

  putCsv(jobId: string, csv: string): void {
    this.store.stmt('UPDATE user_import_jobs SET csv = ? WHERE id = ?').run(csv, jobId);
  }

  hasCsv(jobId: string): boolean {
    return this.store.stmt('SELECT 1 FROM user_import_jobs WHERE id = ? AND csv IS NOT NULL').get(jobId) !== undefined;
  }

  csv(jobId: string): string | undefined {
    const row = this.store.stmt('SELECT csv FROM user_import_jobs WHERE id = ?').get(jobId) as { csv: string | null } | undefined;
    return row?.csv ?? undefined;
  }
}
