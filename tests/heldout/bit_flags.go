// Bit flags with |=, &^=, ^=, <<=, >>=, &= and shifts past 63 bits.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   flags 5
//   flags 4 true false
//   30 4 -4
//   1 1024 1048576 1073741824 1099511627776 1125899906842624 1152921504606846976 |
//   -9223372036854775808 9223372036854775807 -9223372036854775808 true
//   0 -1 -1
// gostep:end
package main

import "fmt"

const (
	FlagRead = 1 << iota
	FlagWrite
	FlagExec
)

func toggle(flags int, mask int, on bool) int {
	if on {
		flags |= mask
	} else {
		flags &^= mask
	}
	return flags
}

func main() {
	f := 0
	f = toggle(f, FlagRead|FlagExec, true)
	fmt.Println("flags", f)
	f = toggle(f, FlagRead, false)
	fmt.Println("flags", f, f&FlagExec != 0, f&FlagRead != 0)
	x := 0xF0
	x ^= 0xFF
	x <<= 2
	x >>= 1
	x &= 0x1E
	fmt.Println(x, 12&^10, -1&^3)
	y := 1
	for i := 0; i < 70; i += 10 {
		fmt.Print(y<<i, " ")
	}
	fmt.Println("|")
	n := -9223372036854775807 - 1
	fmt.Println(n, n-1, -n, n/-1 == n)
	s := 65
	fmt.Println(s>>10, (-s)>>10, (-s)>>100)
}
