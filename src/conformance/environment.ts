import type { Ledger } from '../evidence/ledger.ts';
import type { Validate } from '../evidence/validate.ts';
import type { MockHandle } from '../mocks/mock-runtime.ts';
import type { TransportProfile } from '../transport/index.ts';
import type { TargetSpec } from './target-spec.ts';

/** Where tekigo runs the parties of a conformance run. */
export const ENVIRONMENT_NAMES = ['embedded', 'containers'] as const;
export type EnvironmentName = (typeof ENVIRONMENT_NAMES)[number];

/**
 * What a suite may do to a target tekigo started. Suites never see a pid, a container id or a
 * launch function: only these verbs.
 */
export interface TargetControl {
  /** SIGKILL (a crash), then the same target again on the same port and data folder, healthy. */
  crashAndRestart(): Promise<void>;
  /** SIGSTOP (a container: docker pause): requests hang, connections stay open. Await it where it returns a promise. */
  pause(): void | Promise<void>;
  /** SIGCONT (a container: docker unpause). */
  resume(): void | Promise<void>;
  /**
   * Containers only: cuts the target from the network it shares with its peers (nothing reaches
   * it, it reaches nothing) until `heal()`, which brings it back at the same URL.
   */
  partition?(): Promise<void>;
  heal?(): Promise<void>;
  /** The target tekigo last started is still running (it has not exited or crashed by itself). */
  isRunning(): Promise<boolean>;
  /** The target's log lines so far (stdout, or the file its target file declares), oldest first. */
  log(): readonly string[];
  /**
   * A second instance of the same target, on its own port and data folder (e.g. without test
   * mode); `tls` replaces the material the target was started with (the production profile).
   */
  startSecondInstance(options: {
    readonly testMode: boolean;
    readonly tls?: TargetTls;
  }): Promise<SecondInstance>;
}

export interface SecondInstance {
  readonly url: string;
  stop(): Promise<void>;
}

/** A target an environment has started, or reached at a URL it was given. */
export interface StartedTarget {
  readonly url: string;
  /** Null when tekigo did not start the target and so can neither crash it nor read its log. */
  readonly control: TargetControl | null;
  stop(): Promise<void>;
}

export interface StartTargetRequest {
  readonly role: string;
  readonly target: TargetSpec;
  /** Where to create the target's data folder (default: the system's temp folder). */
  readonly dataRoot?: string;
  /**
   * The production profile: the target starts without test mode, with these TLS variables
   * (TEKIGO_TLS_CERT, TEKIGO_TLS_KEY, TEKIGO_TLS_CA), and its health is probed with `probe`.
   */
  readonly tls?: TargetTls;
}

/** What a target is started with in the production profile (specs/README.md "Production profile"). */
export interface TargetTls {
  readonly env: Readonly<Record<string, string>>;
  readonly probe: TransportProfile;
}

export interface StartPeerRequest {
  /** The role (or peer name) the mock plays. */
  readonly role: string;
  readonly validate: Validate;
  /** Record into this ledger (e.g. the suite's) instead of the mock's own. */
  readonly ledger?: Ledger;
}

/** One place where parties run: `embedded` (local processes) today, `containers` later. */
export interface ConformanceEnvironmentDriver {
  readonly name: EnvironmentName;
  startTarget(request: StartTargetRequest): Promise<StartedTarget>;
  startPeer(request: StartPeerRequest): Promise<MockHandle>;
  /**
   * The address a peer running in tekigo's process listens on so that the targets this
   * environment starts reach it (certificates name it); default 127.0.0.1.
   */
  inProcessPeerHost?(): Promise<string>;
}

/** Why a test that must crash the target or read its log cannot run against a bare URL. */
export const UNCONTROLLABLE_TARGET =
  'tekigo did not start the target, so it can neither crash it nor read its log; give the command that starts it with --launch "CMD" or --target-file FILE to make this testable';
