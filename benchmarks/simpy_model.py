"""The benchmark workload of benchmarks/stepper.py as a SimPy model: the tool a Python user would
pick for a discrete-event simulation of goroutines. Same shape: N workers, each K rounds of a
2 us compute slice, an unbuffered hand-off to main, and a 100 us sleep; main receives N*K values.
SimPy has no scheduler, run queues, sysmon or timers heaps: it is strictly less work than the
stepper, so the ratio flatters SimPy."""
from __future__ import annotations

import simpy


def run(n: int, k: int) -> float:
    """Run the workload; return the simulated end time in ns."""
    env = simpy.Environment()
    ch = simpy.Store(env, capacity=1)
    got = [0]

    def worker(i):
        for r in range(k):
            yield env.timeout(2000)
            yield ch.put(i)
            yield env.timeout(100_000)

    def main():
        for _ in range(n * k):
            yield ch.get()
            got[0] += 1

    for i in range(n):
        env.process(worker(i))
    done = env.process(main())
    env.run(until=done)
    return env.now
