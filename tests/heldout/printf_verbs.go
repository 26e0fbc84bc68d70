// fmt verbs %d %s %v %t %q %% on ints, bools, strings with quotes, errors, nil errors and durations; println to stderr.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   -42|-42|7
//   true false
//   say "hi"|"say \"hi\""|say "hi"
//   "tab\there"
//   <nil>
//   disk full|disk full|"disk full"
//   1.5s 1500000000
//   1.5s 2µs 0s 1h30m0s
//   3ns 1.234567ms
//   a 1 true b
//   x1 2y
//   1 2
//   50%
//   len 1 cap 3
//   end
// gostep:end
package main

import (
	"errors"
	"fmt"
	"time"
)

func main() {
	n := -42
	fmt.Printf("%d|%v|%d\n", n, n, 7)
	fmt.Printf("%t %v\n", true, false)
	s := `say "hi"`
	fmt.Printf("%s|%q|%v\n", s, s, s)
	fmt.Printf("%q\n", "tab\there")
	var err error
	fmt.Printf("%v\n", err)
	err = errors.New("disk full")
	fmt.Printf("%v|%s|%q\n", err, err, err)
	d := 1500 * time.Millisecond
	fmt.Printf("%v %d\n", d, d)
	fmt.Println(d, 2*time.Microsecond, time.Duration(0), 90*time.Minute)
	fmt.Println(3*time.Nanosecond, 1234567*time.Nanosecond)
	fmt.Println("a", 1, true, "b")
	fmt.Print("x", 1, 2, "y\n")
	fmt.Print(1, 2, "\n")
	fmt.Printf("%d%%\n", 50)
	ch := make(chan int, 3)
	ch <- 1
	fmt.Printf("len %d cap %d\n", len(ch), cap(ch))
	println("to stderr", 5, true)
	fmt.Println("end")
}
