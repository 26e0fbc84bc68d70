// Several go statements on one P: the order in which the new goroutines first run.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=10
// gostep:exit ok
// gostep:stdout
//   ran in this order: c a d b
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s runs=10
// gostep:exit ok
// gostep:stdout
//   ran in this order: {any}
// gostep:end
package main

import (
	"fmt"
	"sync"
)

// Each goroutine first writes its name into ran (buffered: the send
// never waits), so the channel keeps the order in which they ran.

func a(ran chan string, wg *sync.WaitGroup) {
	ran <- "a"
	wg.Add(1)
	go d(ran, wg)
	wg.Done()
}

func b(ran chan string, wg *sync.WaitGroup) {
	ran <- "b"
	wg.Done()
}

func c(ran chan string, wg *sync.WaitGroup) {
	ran <- "c"
	wg.Done()
}

func d(ran chan string, wg *sync.WaitGroup) {
	ran <- "d"
	wg.Done()
}

func main() {
	ran := make(chan string, 4)
	var wg sync.WaitGroup
	wg.Add(3)
	go a(ran, &wg)
	go b(ran, &wg)
	go c(ran, &wg)
	wg.Wait() // main parks here until the counter is zero
	fmt.Println("ran in this order:", <-ran, <-ran, <-ran, <-ran)
}
