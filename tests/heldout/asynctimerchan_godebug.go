// GODEBUG=asynctimerchan=1: the old buffered timer channel in Go 1.23; removed in Go 1.27 (a fatal error at start).
//
// gostep:case name=removed gomaxprocs=1 go=1.27 godebug=asynctimerchan=1 timeout=2s runs=5
// gostep:exit fatal
// gostep:message removed GODEBUG "asynctimerchan" set to old value "1" in environment (https://go.dev/doc/godebug#go-127)
// gostep:stdout
// gostep:end
//
// gostep:case name=old-timers gomaxprocs=1 go=1.23 godebug=asynctimerchan=1 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   len(t.C) after expiry: 1 cap: 1
//   stop: false
//   reset: false
//   early: true
// gostep:end
//
// gostep:case name=new-timers gomaxprocs=1 go=1.23 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   len(t.C) after expiry: 0 cap: 0
//   stop: true
//   reset: false
//   early: false
// gostep:end
package main

// Go 1.23 made timer channels synchronous (time/sleep.go, runtime/time.go: t.isChan, no buffered
// value left behind by an expired timer); asynctimerchan=1 restored the old channel of cap 1 until
// Go 1.27 removed the setting (runtime/proc.go: "removed GODEBUG ... set to old value").

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTimer(2 * time.Millisecond)
	time.Sleep(6 * time.Millisecond)
	fmt.Println("len(t.C) after expiry:", len(t.C), "cap:", cap(t.C))
	fmt.Println("stop:", t.Stop())
	fmt.Println("reset:", t.Reset(20*time.Millisecond))
	start := time.Now()
	<-t.C
	fmt.Println("early:", time.Since(start) < 10*time.Millisecond)
}
