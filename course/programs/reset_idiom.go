// The pre-Go 1.23 idiom for resetting a timer, in three situations a reused timer meets.
//
// gostep:case name=go1.22 gomaxprocs=1 go=1.22 timeout=2s
// gostep:exit deadlock
// gostep:message all goroutines are asleep - deadlock!
// gostep:stdout
//   1. expired, unread: t.C gave a value after {dur:145ms..400ms}
//   2. pending: t.C gave a value after {dur:105ms..300ms}
// gostep:end
//
// gostep:case name=go1.27 gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit deadlock
// gostep:message all goroutines are asleep - deadlock!
// gostep:stdout
//   1. expired, unread: t.C gave a value after {dur:145ms..400ms}
//   2. pending: t.C gave a value after {dur:105ms..300ms}
// gostep:end
package main

import (
	"fmt"
	"time"
)

// resetTimer must make t fire d from now, with no value from before the call left in t.C.
// This is the idiom the time package's documentation gave before Go 1.23.
func resetTimer(t *time.Timer, d time.Duration) {
	if !t.Stop() {
		<-t.C
	}
	t.Reset(d)
}

func main() {
	// 1. t expired and nobody read t.C.
	start := time.Now()
	t := time.NewTimer(10 * time.Millisecond)
	time.Sleep(50 * time.Millisecond)
	resetTimer(t, 100*time.Millisecond)
	<-t.C
	fmt.Println("1. expired, unread: t.C gave a value after", time.Since(start))

	// 2. t is still pending.
	start = time.Now()
	t = time.NewTimer(100 * time.Millisecond)
	time.Sleep(10 * time.Millisecond)
	resetTimer(t, 100*time.Millisecond)
	<-t.C
	fmt.Println("2. pending: t.C gave a value after", time.Since(start))

	// 3. t fired and its value was read.
	start = time.Now()
	t = time.NewTimer(10 * time.Millisecond)
	<-t.C
	resetTimer(t, 100*time.Millisecond)
	<-t.C
	fmt.Println("3. already read: t.C gave a value after", time.Since(start))
}
