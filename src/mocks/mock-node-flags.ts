/**
 * The Node options a mock runs with in a process of its own (`src/mocks/main.ts`: the mock
 * image's entry point, `npm run bench`). `--single-threaded-gc` keeps every garbage collection
 * on the mock's own thread. Parallel collection waits for helper threads, and on a machine that
 * the system under test and tekigo share (two cores, say) those helpers are the threads most
 * often held off the CPU: their waits, not the collection, were most of the mock's tail latency
 * (`npm run bench`, section 2: p99 added at 1,000 req/s about 2 ms with helpers, under 0.1 ms
 * without). A mock's heap is small, so doing the work on one thread costs little.
 *
 * Mocks started in another program's process (`startMock`) run with that program's options.
 */
export const MOCK_NODE_FLAGS: readonly string[] = ['--single-threaded-gc'];
