// An index out of range in a goroutine kills the program while main sleeps.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit panic
// gostep:message runtime error: index out of range [5] with length 3
// gostep:stdout
//   pick 2: 3
//   in goroutine
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s runs=5
// gostep:exit panic
// gostep:message runtime error: index out of range [5] with length 3
// gostep:stdout
//   pick 2: 3
//   in goroutine
// gostep:end
package main

import (
	"fmt"
	"time"
)

func pick(s []int, i int) int {
	return s[i]
}

func main() {
	s := []int{1, 2, 3}
	fmt.Println("pick 2:", pick(s, 2))
	go func() {
		fmt.Println("in goroutine")
		fmt.Println(pick(s, len(s)+2))
	}()
	time.Sleep(50 * time.Millisecond)
	fmt.Println("unreachable")
}
