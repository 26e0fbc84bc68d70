// Integer arithmetic: division and modulo of negatives, bit operators including &^, iota, overflow, shadowing, switch.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   -3 -1 -3 1 3 -1
//   3002 -3002
//   0 10 20 40 1099511627776
//   9 2 5 4 -4 400
//   inner x 10
//   outer x 5
//   neg zero odd even |
//   five
//   -9223372036854775808
//   yes
// gostep:end
package main

import "fmt"

const (
	A = iota * 10
	B
	C
	_
	E
)

const Big = 1 << 40

func divmod(a int, b int) int {
	return a/b*1000 + a%b
}

func classify(n int) string {
	switch {
	case n < 0:
		return "neg"
	case n == 0:
		return "zero"
	case n%2 == 0:
		return "even"
	default:
		return "odd"
	}
}

func main() {
	fmt.Println(-7/2, -7%2, 7/-2, 7%-2, -7/-2, -7%-2)
	fmt.Println(divmod(17, 5), divmod(-17, 5))
	fmt.Println(A, B, C, E, Big)
	fmt.Println(1<<3|1, 6&3, 6^3, 5&^1, -8>>1, 100<<2)
	x := 5
	if x := 10; x > 5 {
		fmt.Println("inner x", x)
	}
	fmt.Println("outer x", x)
	for i := range 4 {
		fmt.Print(classify(i-1), " ")
	}
	fmt.Println("|")
	switch x {
	case 1, 2, 3:
		fmt.Println("small")
	case 5:
		fmt.Println("five")
	}
	y := 9223372036854775807
	y++
	fmt.Println(y)
	s := "go"
	switch s {
	case "rust":
		fmt.Println("no")
	case "go":
		fmt.Println("yes")
	}
}
