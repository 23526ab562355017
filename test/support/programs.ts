/**
 * Other programs the tests run: aws-cli v1 and v2, python3 with boto3, bash running README blocks, node.
 *
 * Starting one costs about a second of CPU (a Python interpreter loading botocore), and many seconds of
 * wall time on a loaded 2-core machine such as CI's: a test that runs ten of them has no fixed duration.
 * So each RUN is bounded (PROGRAM_TIMEOUT_MS: a hung program fails its test, by name, and is killed),
 * not the sum, and tests that run programs take PROGRAMS_TEST_TIMEOUT_MS, which only bounds the whole.
 */
import { execFile, type ExecFileException } from 'node:child_process';
import { promisify } from 'node:util';

export const PROGRAM_TIMEOUT_MS = 120_000;
/** A shell script of programs (a README block run with bash). */
export const SCRIPT_TIMEOUT_MS = 480_000;
/** Above SCRIPT_TIMEOUT_MS, so that a script is killed before its test gives up on it (and cannot outlive it). */
export const PROGRAMS_TEST_TIMEOUT_MS = 600_000;

const execFileAsync = promisify(execFile);

export interface ProgramRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a program to its end and resolves with its exit code (a non-zero one too), stdout and stderr.
 * Rejects when it cannot start or outlives `timeoutMs` (then it is killed).
 */
export async function runProgram(
  file: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {},
): Promise<ProgramRun> {
  const timeoutMs = options.timeoutMs ?? PROGRAM_TIMEOUT_MS;
  try {
    const { stdout, stderr } = await execFileAsync(file, args, { env: options.env, cwd: options.cwd, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as ExecFileException & { stdout?: string; stderr?: string };
    if (e.killed || e.signal) {
      const what = [file, ...args.filter((arg) => !arg.includes('\n'))].join(' ').slice(0, 200);
      throw new Error(`${what} did not finish within ${timeoutMs / 1000} s (${e.signal ?? 'killed'})\nstdout:\n${e.stdout}\nstderr:\n${e.stderr}`);
    }
    if (typeof e.code !== 'number') throw error; // could not start (ENOENT...)
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** aws-cli v2 where the distribution installs it (the `aws` on the PATH may be v1; .ci/run installs it). */
export const AWS_CLI_V2 = '/usr/bin/aws';

/** python3 with boto3 (aws-cli v1's library) installed. */
export const hasBoto3 = () => programWorks('python3', ['-c', 'import boto3']);

/** Whether a program runs here (`python3 -c 'import boto3'`, `aws --version`): tests of a missing client skip, saying why. */
export async function programWorks(file: string, args: string[]): Promise<boolean> {
  try {
    return (await runProgram(file, args)).code === 0;
  } catch {
    return false;
  }
}
