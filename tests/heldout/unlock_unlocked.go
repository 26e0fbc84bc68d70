// Unlocking an unlocked mutex is a fatal error that recover cannot stop.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit fatal
// gostep:message sync: unlock of unlocked mutex
// gostep:stdout
//   locked
//   unlocked
// gostep:end
package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	defer func() {
		r := recover()
		fmt.Println("recover got", r)
	}()
	mu.Lock()
	fmt.Println("locked")
	mu.Unlock()
	fmt.Println("unlocked")
	mu.Unlock()
}
