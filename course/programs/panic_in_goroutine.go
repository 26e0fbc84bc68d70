// recover only stops a panic in its own goroutine: a worker's unrecovered panic ends the whole program.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit panic
// gostep:message worker failed
// gostep:stdout
//   main: waiting for the worker
//   worker: about to panic
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s
// gostep:exit panic
// gostep:message worker failed
// gostep:stdout
//   main: waiting for the worker
//   worker: about to panic
// gostep:end
package main

import "fmt"

func main() {
	// This deferred recover belongs to main's goroutine. A panic unwinds
	// only the stack of the goroutine that panicked, so it never gets here.
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("main recovered:", r) // never printed
		}
	}()

	done := make(chan bool)
	ready := make(chan bool)
	go func() {
		<-ready
		fmt.Println("worker: about to panic")
		panic("worker failed") // no recover on this goroutine: the program exits
	}()
	fmt.Println("main: waiting for the worker")
	ready <- true
	<-done // never returns
}
