// Printf widths and flags, %q, %x %X %o %b, slices with %v.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   alpha |  0|000|"alpha"
//   be    |  1|007|"be"
//   gamma |  2|014|"gamma"
//   [alpha be gamma] [1 2]
//   50%
//   true false
//   ff FF 10 101
//    true|false|
// gostep:end
package main

import "fmt"

func main() {
	names := []string{"alpha", "be", "gamma"}
	for i, n := range names {
		fmt.Printf("%-6s|%3d|%03d|%q\n", n, i, i*7, n)
	}
	fmt.Printf("%v %v\n", names, []int{1, 2})
	fmt.Printf("%d%%\n", 50)
	fmt.Printf("%t %v\n", true, false)
	fmt.Printf("%x %X %o %b\n", 255, 255, 8, 5)
	fmt.Printf("%5t|%-5t|\n", true, false)
}
