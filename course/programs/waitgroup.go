// sync.WaitGroup: Add before go, Done when finished, Wait until the counter is zero.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   all 3 workers done
//   square of 0 = 0
//   square of 1 = 1
//   square of 2 = 4
//   wg.Go worker done
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   all 3 workers done
//   square of 0 = 0
//   square of 1 = 1
//   square of 2 = 4
//   wg.Go worker done
// gostep:end
//
// gostep:case name=go1.22 gomaxprocs=1 go=1.22 timeout=2s
// gostep:exit compile_error
// gostep:end
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var wg sync.WaitGroup
	squares := make([]int, 3)
	for i := 0; i < 3; i++ {
		wg.Add(1) // before go: Wait must not see the counter at zero too early
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(3-i) * time.Millisecond) // finish in any order
			squares[i] = i * i // each worker writes only its own slot
		}()
	}
	wg.Wait() // parks main until the counter drops to zero
	fmt.Println("all 3 workers done")
	for i, sq := range squares {
		fmt.Printf("square of %d = %d\n", i, sq)
	}

	done := false
	wg.Go(func() { // Go 1.25+: Add(1), go f(), Done() in one call
		done = true
	})
	wg.Wait()
	if done {
		fmt.Println("wg.Go worker done")
	}
}
