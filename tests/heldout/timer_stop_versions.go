// t.Stop after expiry, and the stale value in t.C, in Go 1.22 and 1.23+.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   stop after expiry: true
//   channel empty
//   stop before expiry: true
//   stop again: false
//   t2 never fires
// gostep:end
//
// gostep:case name=go1.22 gomaxprocs=1 go=1.22 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   stop after expiry: false
//   stale value received
//   stop before expiry: true
//   stop again: false
//   t2 never fires
// gostep:end
package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTimer(5 * time.Millisecond)
	time.Sleep(10 * time.Millisecond)
	stopped := t.Stop()
	fmt.Println("stop after expiry:", stopped)
	select {
	case <-t.C:
		fmt.Println("stale value received")
	default:
		fmt.Println("channel empty")
	}
	t2 := time.NewTimer(50 * time.Millisecond)
	fmt.Println("stop before expiry:", t2.Stop())
	fmt.Println("stop again:", t2.Stop())
	select {
	case <-t2.C:
		fmt.Println("t2 fired")
	case <-time.After(60 * time.Millisecond):
		fmt.Println("t2 never fires")
	}
}
