// When every goroutine is blocked and no timer is pending, the runtime stops the program: deadlock.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit deadlock
// gostep:message all goroutines are asleep - deadlock!
// gostep:stdout
//   worker: waiting for start
//   main: waiting for result
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s
// gostep:exit deadlock
// gostep:message all goroutines are asleep - deadlock!
// gostep:stdout
//   worker: waiting for start
//   main: waiting for result
// gostep:end
package main

import "fmt"

func worker(ready, start chan bool, result chan int) {
	fmt.Println("worker: waiting for start")
	ready <- true
	<-start // nobody ever sends on start
	result <- 42
}

func main() {
	ready := make(chan bool)
	start := make(chan bool)
	result := make(chan int)
	go worker(ready, start, result)
	<-ready
	// main forgot to send on start. The worker waits for main, main waits
	// for the worker: checkdead finds no goroutine that could ever run.
	fmt.Println("main: waiting for result")
	fmt.Println(<-result)
}
