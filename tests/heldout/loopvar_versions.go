// Loop variables captured by closures and goroutines: one shared variable before Go 1.22, one per iteration after.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   0 1 2 7 8 |
//   [0 1 2]
// gostep:end
//
// gostep:case name=go1.22 gomaxprocs=1 go=1.22 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   0 1 2 7 8 |
//   [0 1 2]
// gostep:end
//
// gostep:case name=go1.21 gomaxprocs=1 go=1.21 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   3 3 3 8 8 |
//   [0 0 0]
// gostep:end
package main

import (
	"fmt"
	"sync"
)

func main() {
	var fs []func() int
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i })
	}
	for _, v := range []int{7, 8} {
		fs = append(fs, func() int { return v })
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println("|")
	var wg sync.WaitGroup
	out := make([]int, 3)
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i < 3 {
				out[i] = i
			}
		}()
	}
	wg.Wait()
	fmt.Println(out)
}
