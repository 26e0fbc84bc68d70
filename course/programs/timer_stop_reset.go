// Stop and Reset after a timer expired: before Go 1.23 a stale value waits in t.C; since 1.23 it never does.
//
// gostep:case name=go1.27 gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   cap(t.C) = 0
//   a.Stop() after expiry = true
//   a.C after Stop: empty
//   b.Reset(5ms) after expiry = true
//   b.C gave a stale value: false
// gostep:end
//
// gostep:case name=go1.22 gomaxprocs=1 go=1.22 timeout=2s
// gostep:exit ok
// gostep:stdout
//   cap(t.C) = 1
//   a.Stop() after expiry = false
//   a.C after Stop: stale value
//   b.Reset(5ms) after expiry = false
//   b.C gave a stale value: true
// gostep:end
package main

import (
	"fmt"
	"time"
)

func main() {
	a := time.NewTimer(5 * time.Millisecond)
	fmt.Println("cap(t.C) =", cap(a.C)) // 1 before Go 1.23, 0 since
	time.Sleep(100 * time.Millisecond)  // a expires; nobody receives

	// Before 1.23 the timer already sent its value into the 1-slot
	// buffer, so it cannot be stopped any more. Since 1.23 the send
	// happens only when someone receives, so Stop still stops it.
	fmt.Println("a.Stop() after expiry =", a.Stop())
	select {
	case <-a.C:
		fmt.Println("a.C after Stop: stale value")
	default:
		fmt.Println("a.C after Stop: empty")
	}

	b := time.NewTimer(5 * time.Millisecond)
	time.Sleep(100 * time.Millisecond) // b expires too
	fmt.Println("b.Reset(5ms) after expiry =", b.Reset(5*time.Millisecond))
	v := <-b.C // the value is the time the timer fired
	fmt.Println("b.C gave a stale value:", time.Since(v) > 50*time.Millisecond)
}
