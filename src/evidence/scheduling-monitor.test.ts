import { expect, test } from 'vitest';
import { SchedulingMonitor } from './scheduling-monitor.ts';

test('a loop blocked for 300 ms shows as a delay of about that much', async () => {
  const monitor = new SchedulingMonitor();
  monitor.start();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const until = Date.now() + 300;
  while (Date.now() < until) {
    // busy: nothing else runs
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
  const figures = monitor.stop();
  expect(figures.delayMs).toBeGreaterThanOrEqual(250);
  expect(figures.maxMs).toBeGreaterThanOrEqual(figures.p99Ms);
  expect(figures.samples).toBeGreaterThan(0);
  expect(figures.windowMs).toBeGreaterThanOrEqual(390);
});

test('an idle window reads as a small delay, and a fresh window starts from nothing', async () => {
  const monitor = new SchedulingMonitor();
  monitor.start();
  const until = Date.now() + 200;
  while (Date.now() < until) {
    // busy
  }
  await new Promise((resolve) => setTimeout(resolve, 20));
  monitor.start();
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(monitor.stop().delayMs).toBeLessThan(150);
});
