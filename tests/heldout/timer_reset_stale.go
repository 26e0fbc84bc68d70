// t.Reset on an expired, unread timer: Go 1.22 returns false and keeps the stale value; 1.23+ does not.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   reset returned true
//   woke after the reset duration
//   len(t.C) = 0 cap(t.C) = 0
// gostep:end
//
// gostep:case name=go1.22 gomaxprocs=1 go=1.22 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   reset returned false
//   woke early: stale value from the first expiry
//   len(t.C) = 0 cap(t.C) = 1
// gostep:end
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	t := time.NewTimer(5 * time.Millisecond)
	time.Sleep(15 * time.Millisecond)
	active := t.Reset(30 * time.Millisecond)
	fmt.Println("reset returned", active)
	<-t.C
	el := time.Since(start)
	if el < 25*time.Millisecond {
		fmt.Println("woke early: stale value from the first expiry")
	} else {
		fmt.Println("woke after the reset duration")
	}
	fmt.Println("len(t.C) =", len(t.C), "cap(t.C) =", cap(t.C))
}
