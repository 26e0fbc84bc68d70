// fmt with slices, nil and empty slices, wrong verbs, missing and extra operands, precision on %v and %s.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   [] 0 true
//   [] 0 4 false
//   ["a" "b c"] [true false] [1 -2]
//   [<nil> x] [1ms 1m30s]
//   %!s(int=5)|%!d(string=str)|<nil>
//   1 %!d(MISSING)
//   1
//   %!(EXTRA int=2)true|e|f
//       03|ab      |    true|
// gostep:end
package main

import (
	"errors"
	"fmt"
	"time"
)

func main() {
	var empty []int
	fmt.Println(empty, len(empty), empty == nil)
	made := make([]string, 0, 4)
	fmt.Println(made, len(made), cap(made), made == nil)
	fmt.Printf("%q %v %d\n", []string{"a", "b c"}, []bool{true, false}, []int{1, -2})
	fmt.Println([]error{nil, errors.New("x")}, []time.Duration{time.Millisecond, 90 * time.Second})
	fmt.Printf("%s|%d|%v\n", 5, "str", nil)
	fmt.Printf("%d %d\n", 1)
	fmt.Printf("%d\n", 1, 2)
	fmt.Printf("%t|%v|%s\n", 1 == 1, errors.New("e"), errors.New("f"))
	fmt.Printf("%6.2v|%-8v|%8v|\n", 3, "ab", true)
}
