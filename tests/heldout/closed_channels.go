// Receives from closed channels: buffered values first, then zero values with ok=false, struct{} and error elements.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   1 true
//   range 2
//   0 false
//   0 0
//   {} false
//   <nil> false true
//   ""
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   1 true
//   range 2
//   0 false
//   0 0
//   {} false
//   <nil> false true
//   ""
// gostep:end
package main

import "fmt"

func main() {
	ch := make(chan int, 3)
	ch <- 1
	ch <- 2
	close(ch)
	v, ok := <-ch
	fmt.Println(v, ok)
	for v := range ch {
		fmt.Println("range", v)
	}
	v, ok = <-ch
	fmt.Println(v, ok)
	fmt.Println(<-ch, len(ch))
	done := make(chan struct{})
	close(done)
	x, ok2 := <-done
	fmt.Println(x, ok2)
	errs := make(chan error, 1)
	close(errs)
	e, ok3 := <-errs
	fmt.Println(e, ok3, e == nil)
	s := make(chan string)
	close(s)
	fmt.Printf("%q\n", <-s)
}
