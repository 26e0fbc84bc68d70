// A timer expires unread, is reset for 100 ms, and its channel is read once more.
//
// gostep:case name=go1.22 gomaxprocs=1 go=1.22 timeout=2s
// gostep:exit ok
// gostep:stdout
//   the read returned after {dur:45ms..120ms}
// gostep:end
//
// gostep:case name=go1.23-asynctimerchan gomaxprocs=1 go=1.23 godebug=asynctimerchan=1 timeout=2s
// gostep:exit ok
// gostep:stdout
//   the read returned after {dur:45ms..120ms}
// gostep:end
//
// gostep:case name=go1.23 gomaxprocs=1 go=1.23 timeout=2s
// gostep:exit ok
// gostep:stdout
//   the read returned after {dur:145ms..400ms}
// gostep:end
//
// gostep:case name=go1.27 gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   the read returned after {dur:145ms..400ms}
// gostep:end
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	t := time.NewTimer(10 * time.Millisecond)
	time.Sleep(50 * time.Millisecond) // t expires here; nobody reads t.C
	t.Reset(100 * time.Millisecond)   // "fire 100 ms from now"
	<-t.C
	fmt.Println("the read returned after", time.Since(start))
}
