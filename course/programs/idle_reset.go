// A reader resets an idle timer after each item, with no Stop and drain; items come every 5 ms.
//
// gostep:case name=go1.22 gomaxprocs=1 go=1.22 timeout=2s runs=20
// gostep:exit ok
// gostep:stdout
//   idle: gave up after {int:0..1} items
// gostep:end
//
// gostep:case name=go1.27 gomaxprocs=1 go=1.27 timeout=2s runs=20
// gostep:exit ok
// gostep:stdout
//   {any} after {int:0..3} items
// gostep:end
package main

import (
	"fmt"
	"time"
)

func producer(items chan<- int) {
	for i := 0; i < 3; i++ {
		items <- i
		time.Sleep(5 * time.Millisecond)
	}
	close(items)
}

func main() {
	items := make(chan int)
	idle := time.NewTimer(30 * time.Millisecond)
	go producer(items)
	time.Sleep(40 * time.Millisecond) // main is busy: idle expires and nobody reads idle.C
	got := 0
	for {
		select {
		case _, ok := <-items:
			if !ok {
				fmt.Println("stream ended after", got, "items")
				return
			}
			got++
			idle.Reset(30 * time.Millisecond)
		case <-idle.C:
			fmt.Println("idle: gave up after", got, "items")
			return
		}
	}
}
