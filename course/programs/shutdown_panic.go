// A producer sends until done is closed; main closes done, then closes out.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=20
// gostep:stdout
//   got 0
//   ...
// gostep:end
package main

import (
	"fmt"
	"time"
)

func producer(out chan<- int, done <-chan struct{}) {
	for i := 0; ; i++ {
		select {
		case <-done:
			return
		case out <- i:
		}
	}
}

func main() {
	out := make(chan int, 2)
	done := make(chan struct{})
	go producer(out, done)
	time.Sleep(time.Millisecond) // the producer fills the buffer and waits in its select
	fmt.Println("got", <-out)
	close(done)
	close(out)
	time.Sleep(time.Millisecond)
	fmt.Println("main returns")
}
