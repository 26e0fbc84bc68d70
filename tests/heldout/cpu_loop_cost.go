// The virtual cost of a tight leaf loop: 2M iterations of s += i % 7 take about 3.6 ms in real Go.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   sum: 5999995
//   2M iterations under 15ms: true
//   2M iterations over 1ms: true
// gostep:model-note the model charges about 1 ns per bytecode instruction (lib/gostep/core/defs.py default_costs) and this loop is 15 instructions an iteration: 30 ms virtual for 2M iterations; real Go runs gc's register-allocated loop in 3.5-3.7 ms (20 runs, go 1.27.3)
// gostep:end
package main

import (
	"fmt"
	"time"
)

// spin is a leaf loop: gc compiles it to a handful of machine instructions per iteration
// (the modulo by a constant becomes a multiply), about 1.8 ns an iteration on the course VM.
func spin(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i % 7
	}
	return s
}

func main() {
	start := time.Now()
	x := spin(2_000_000)
	el := time.Since(start)
	fmt.Println("sum:", x)
	fmt.Println("2M iterations under 15ms:", el < 15*time.Millisecond)
	fmt.Println("2M iterations over 1ms:", el > time.Millisecond)
}
