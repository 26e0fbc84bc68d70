// The three paths of a send and of a receive, on a channel with a buffer of one.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   receiver got 1
//   main got 2
//   main got 3
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   receiver got 1
//   main got 2
//   main got 3
// gostep:end
package main

import (
	"fmt"
	"time"
)

func main() {
	ch := make(chan int, 1)
	done := make(chan bool)

	go func() {
		v := <-ch
		fmt.Println("receiver got", v)
		done <- true
	}()
	time.Sleep(time.Millisecond) // the receiver runs first
	ch <- 1
	<-done

	ch <- 2
	go func() {
		ch <- 3
		done <- true
	}()
	time.Sleep(time.Millisecond) // the second sender runs first
	fmt.Println("main got", <-ch)
	<-done
	fmt.Println("main got", <-ch)
}
