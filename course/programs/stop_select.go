// Stop a timer that expired unread, then look into its channel without blocking.
//
// gostep:case name=go1.21 gomaxprocs=1 go=1.21 timeout=2s
// gostep:exit ok
// gostep:stdout
//   Stop returned false and t.C held a value from {dur:30ms..200ms} ago
// gostep:end
//
// gostep:case name=go1.23-asynctimerchan gomaxprocs=1 go=1.23 godebug=asynctimerchan=1 timeout=2s
// gostep:exit ok
// gostep:stdout
//   Stop returned false and t.C held a value from {dur:30ms..200ms} ago
// gostep:end
//
// gostep:case name=go1.27 gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   Stop returned true and t.C was empty
// gostep:end
package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTimer(10 * time.Millisecond)
	time.Sleep(50 * time.Millisecond) // t expires; nobody reads t.C
	stopped := t.Stop()
	select {
	case v := <-t.C:
		fmt.Println("Stop returned", stopped, "and t.C held a value from", time.Since(v), "ago")
	default:
		fmt.Println("Stop returned", stopped, "and t.C was empty")
	}
}
