// What a ctx.Err() check costs in a loop: time per iteration with and without it.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=5s
// gostep:exit ok
// gostep:stdout
//   same result: true
//   plain: {int:100..5000} ps per iteration
//   checked: {int:500..9000} ps per iteration
// gostep:model-note the model charges about 15 ns per iteration of this loop and 10 ns per ctx.Err() (docs/calibration.md, 1e); compare ratios, not absolute values
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=5s
// gostep:exit ok
// gostep:stdout
//   same result: true
//   plain: {int:100..5000} ps per iteration
//   checked: {int:500..9000} ps per iteration
// gostep:model-note the model charges about 15 ns per iteration of this loop and 10 ns per ctx.Err() (docs/calibration.md, 1e); compare ratios, not absolute values
// gostep:end
//
// gostep:case name=go1.23 gomaxprocs=2 go=1.23 timeout=5s
// gostep:exit ok
// gostep:stdout
//   same result: true
//   plain: {int:100..5000} ps per iteration
//   checked: {int:3000..60000} ps per iteration
// gostep:model-note Go 1.23's (*cancelCtx).Err locks a mutex (1.27.3 loads an atomic); the model charges the same 10 ns in every version
// gostep:end
//
// What a mutex costs depends on the processor. On one 2-core VM, checked was at most 3,524 ps on
// Go 1.27.3 and at most 16,327 on Go 1.23 (quiet runs); on a 2-core AMD EPYC VM, 30 runs each:
// plain 739-1,327, checked 2,200-4,069 on Go 1.27.3 and 4,688-6,741 on Go 1.23 (a check: 1.2-3.1
// ns against 3.8-5.7 ns). Go 1.23 costs more on both; its band starts at 3,000, under that VM.
package main

import (
	"context"
	"fmt"
	"time"
)

const n = 2000000

// plain is the loop without a check.
func plain() int {
	x := 0
	for i := 0; i < n; i++ {
		x += i % 7
	}
	return x
}

// checked is the same loop with ctx.Err() in every iteration.
func checked(ctx context.Context) int {
	x := 0
	for i := 0; i < n; i++ {
		if ctx.Err() != nil {
			return -1
		}
		x += i % 7
	}
	return x
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	plain() // warm-up
	start := time.Now()
	a := plain()
	p := time.Since(start)
	start = time.Now()
	b := checked(ctx)
	c := time.Since(start)
	fmt.Println("same result:", a == b)
	fmt.Println("plain:", int(p/time.Nanosecond)*1000/n, "ps per iteration")
	fmt.Println("checked:", int(c/time.Nanosecond)*1000/n, "ps per iteration")
}
