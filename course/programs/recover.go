// recover() in a deferred function stops a panic; deferred calls run while the panic unwinds.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:stdout
//   work 1 ok
//   work 1 deferred
//   work 2 deferred
//   work 2 recovered: boom
//   work 3 ok
//   work 3 deferred
//   main continues
// gostep:end
package main

import "fmt"

func work(id int) {
	defer func() {
		// recover returns the panic value only while panicking, else nil.
		if r := recover(); r != nil {
			fmt.Println("work", id, "recovered:", r)
		}
	}()
	defer fmt.Println("work", id, "deferred") // runs before the recovering defer (LIFO)
	if id == 2 {
		panic("boom") // unwinds work: runs its defers, newest first
	}
	fmt.Println("work", id, "ok")
}

func main() {
	for id := 1; id <= 3; id++ {
		work(id) // work 2 panics, recovers, and returns normally
	}
	fmt.Println("main continues")
}
