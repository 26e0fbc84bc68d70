// Workers poll ctx.Done with select default between 2 ms sleeps; main cancels after 20 ms.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:goroutines 1
// gostep:model-note a band edge: in the model a 2 ms sleep loop iteration takes about 2.10 ms (real Go on this VM: about 2.2 ms), so worker 1's 11th tick falls at 21.02 ms, the instant main returns from its 20 ms sleep (probe runs: model 21.02 ms, real 20.3-21.0 ms), and worker 1 runs first; in real Go the 11th tick would come after the cancel. Real Go: 9 or 10 ticks each in 40 runs, 8 once under load; the band allows 7 to 10.
// gostep:stdout
//   worker 0 ticks {int:7..10}
//   worker 1 ticks {int:7..10}
//   worker 2 ticks {int:7..10}
//   err: context canceled
//   goroutines: 1
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:goroutines 1
// gostep:model-note as in the one-P case: worker 1 gets an 11th tick in the model.
// gostep:stdout
//   worker 0 ticks {int:7..10}
//   worker 1 ticks {int:7..10}
//   worker 2 ticks {int:7..10}
//   err: context canceled
//   goroutines: 1
// gostep:end
package main

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"
)

func worker(ctx context.Context, id int, ticks []int, wg *sync.WaitGroup) {
	defer wg.Done()
	for {
		select {
		case <-ctx.Done():
			return
		default:
		}
		ticks[id]++
		time.Sleep(2 * time.Millisecond)
	}
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	ticks := make([]int, 3)
	for i := range 3 {
		wg.Add(1)
		go worker(ctx, i, ticks, &wg)
	}
	time.Sleep(20 * time.Millisecond)
	cancel()
	wg.Wait()
	for i, t := range ticks {
		fmt.Printf("worker %d ticks %d\n", i, t)
	}
	fmt.Println("err:", ctx.Err())
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
