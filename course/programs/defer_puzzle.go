// Deferred calls on a panic: they run newest first, each with the arguments it was given at its defer statement.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   recovered: stop
//   loop 1
//   loop 0
//   closure sees x = 3
//   first sees x = 1
//   run returned
// gostep:end
package main

import "fmt"

func run() {
	x := 1
	defer fmt.Println("first sees x =", x)
	x = 2
	defer func() {
		fmt.Println("closure sees x =", x)
	}()
	for i := 0; i < 2; i++ {
		defer fmt.Println("loop", i)
	}
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("recovered:", r)
		}
	}()
	x = 3
	panic("stop")
}

func main() {
	run()
	fmt.Println("run returned")
}
