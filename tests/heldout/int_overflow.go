// int arithmetic wraps around at 64 bits; division truncates toward zero; shifts past the width give 0.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   wrapped: -9223372036854775808
//   wrapped back: 9223372036854775807
//   min: -9223372036854775808 neg: -9223372036854775808
//   3^65 mod 2^64: 7752514261426648835
//   -3 -1 1 -4 1
//   shift past width: 0
// gostep:end
package main

import "fmt"

const big = 1 << 62

func main() {
	x := big
	x = x * 2
	fmt.Println("wrapped:", x)
	x = x - 1
	fmt.Println("wrapped back:", x)
	y := -x - 1
	fmt.Println("min:", y, "neg:", -y)
	z := 3
	for i := 0; i < 64; i++ {
		z *= 3
	}
	fmt.Println("3^65 mod 2^64:", z)
	fmt.Println(7/-2, -7%3, 7%-3, -7>>1, 1<<63>>63)
	u := 1
	u <<= 70
	fmt.Println("shift past width:", u)
}
