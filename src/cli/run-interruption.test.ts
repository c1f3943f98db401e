import { describe, expect, it } from 'vitest';
import { watchInterruption } from './run-interruption.ts';

describe('watchInterruption', () => {
  it('the first signal cancels the run and sets 143; a second one writes the partial report and exits at once', () => {
    const lines: string[] = [];
    const exits: number[] = [];
    const order: string[] = [];
    const interruption = watchInterruption({
      progress: (line) => lines.push(line),
      exit: (code) => {
        order.push('exit');
        exits.push(code);
      },
      parentCheckMs: 0,
    });
    try {
      interruption.onInterrupt((signal) => order.push(`cancel ${signal}`));
      interruption.beforeForcedExit((signal) => order.push(`report ${signal}`));
      expect(interruption.exitCode).toBeNull();
      process.emit('SIGTERM', 'SIGTERM');
      expect(interruption.signal).toBe('SIGTERM');
      expect(interruption.exitCode).toBe(143);
      expect(exits).toEqual([]);
      process.emit('SIGTERM', 'SIGTERM');
      expect(order).toEqual(['cancel SIGTERM', 'report SIGTERM', 'exit']);
      expect(exits).toEqual([143]);
      expect(lines[0]).toMatch(/^tekigo: SIGTERM received; stopping the run/);
    } finally {
      interruption.dispose();
    }
  });

  it('SIGINT means 130, and a run that does not wind down within the grace is ended with its report', async () => {
    const exits: number[] = [];
    const reports: string[] = [];
    const interruption = watchInterruption({
      progress: () => {},
      exit: (code) => exits.push(code),
      graceMs: 20,
      parentCheckMs: 0,
    });
    try {
      interruption.beforeForcedExit((signal) => reports.push(signal));
      process.emit('SIGINT', 'SIGINT');
      expect(interruption.exitCode).toBe(130);
      await expect.poll(() => exits).toEqual([130]);
      expect(reports).toEqual(['SIGINT']);
    } finally {
      interruption.dispose();
    }
  });

  it('dispose gives the signals back', () => {
    const before = process.listenerCount('SIGTERM');
    watchInterruption({ progress: () => {}, parentCheckMs: 0 }).dispose();
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });
});
