// sync.Mutex.Lock does not look at any context: a cancelled ctx still waits for the holder.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   holder: locked
//   main: ctx.Err() = context canceled, calling Lock
//   holder: unlocking
//   main: got the lock anyway
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   holder: locked
//   main: ctx.Err() = context canceled, calling Lock
//   holder: unlocking
//   main: got the lock anyway
// gostep:end
package main

import (
	"context"
	"fmt"
	"sync"
	"time"
)

func main() {
	var mu sync.Mutex
	locked := make(chan bool)
	go func() {
		mu.Lock()
		fmt.Println("holder: locked")
		locked <- true
		time.Sleep(20 * time.Millisecond) // hold the lock for a while
		fmt.Println("holder: unlocking")
		mu.Unlock()
	}()
	<-locked

	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the caller has already given up...
	fmt.Printf("main: ctx.Err() = %v, calling Lock\n", ctx.Err())
	mu.Lock() // ...but Lock parks until Unlock: ctx is not part of it
	fmt.Println("main: got the lock anyway")
	mu.Unlock()
}
