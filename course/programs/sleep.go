// time.Sleep parks a goroutine on a timer: two sleepers wake in deadline order, and main waits for both.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   short sleeper woke
//   long sleeper woke
//   both woke after {dur:50ms..300ms}
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   short sleeper woke
//   long sleeper woke
//   both woke after {dur:50ms..300ms}
// gostep:end
package main

import (
	"fmt"
	"time"
)

// sleeper parks for d (timeSleep: it arms the goroutine's own timer and
// calls gopark), then reports.
func sleeper(name string, d time.Duration, woke chan string) {
	time.Sleep(d)
	woke <- name
}

func main() {
	start := time.Now()
	woke := make(chan string)
	go sleeper("long", 50*time.Millisecond, woke)
	go sleeper("short", 5*time.Millisecond, woke)
	// Neither sleeper uses the CPU while it waits: the P has nothing to run
	// and sleeps in netpoll until the earliest timer is due.
	fmt.Println(<-woke, "sleeper woke")
	fmt.Println(<-woke, "sleeper woke")
	fmt.Println("both woke after", time.Since(start))
}
