// Closures over for-clause, range and range-over-int variables: one variable per iteration (Go 1.22+).
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   0 1 2 3 |
//   10
//   120
//   230
//   apply: 16
//   0 10 20 200
//   counter=5
// gostep:end
package main

import "fmt"

func apply(fs []func() int, scale int, offset int) int {
	total := 0
	for _, f := range fs {
		total += f()*scale + offset
	}
	return total
}

func main() {
	var fs []func() int
	for i := 0; i < 4; i++ {
		fs = append(fs, func() int { return i })
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println("|")
	vals := []int{10, 20, 30}
	var gs []func() int
	for idx, v := range vals {
		gs = append(gs, func() int { return idx*100 + v })
	}
	for _, g := range gs {
		fmt.Println(g())
	}
	fmt.Println("apply:", apply(fs, 2, 1))
	var hs []func() int
	for k := range 3 {
		hs = append(hs, func() int { k *= 10; return k })
	}
	fmt.Println(hs[0](), hs[1](), hs[2](), hs[2]())
	counter := 0
	inc := func() { counter++ }
	for range 5 {
		inc()
	}
	fmt.Printf("counter=%d\n", counter)
}
