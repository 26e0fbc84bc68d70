// A fresh time.After in every select round: heartbeats only while events stop coming.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   event 1
//   event 2
//   event 3
//   heartbeat
//   heartbeat
//   event 99
//   beats 2
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   event 1
//   event 2
//   event 3
//   heartbeat
//   heartbeat
//   event 99
//   beats 2
// gostep:end
package main

import (
	"fmt"
	"time"
)

func main() {
	events := make(chan int)
	go func() {
		for i := 1; i <= 3; i++ {
			time.Sleep(4 * time.Millisecond)
			events <- i
		}
		time.Sleep(40 * time.Millisecond)
		events <- 99
	}()
	beats := 0
	got := 0
	for got < 4 {
		select {
		case e := <-events:
			got++
			fmt.Println("event", e)
		case <-time.After(15 * time.Millisecond):
			beats++
			fmt.Println("heartbeat")
		}
	}
	fmt.Println("beats", beats)
}
