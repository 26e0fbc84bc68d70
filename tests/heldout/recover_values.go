// What recover() returns: a string, an error, nil, runtime errors (index, divide); then an unrecovered panic.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit panic
// gostep:message final
// gostep:stdout
//   recovered: plain string
//   as %v: plain string
//   recovered: an error
//   as %v: an error
//   recovered: <nil>
//   as %v: <nil>
//   recovered: runtime error: index out of range [1] with length 0
//   as %v: runtime error: index out of range [1] with length 0
//   recovered: runtime error: integer divide by zero
//   as %v: runtime error: integer divide by zero
//   last words
// gostep:end
package main

import (
	"errors"
	"fmt"
)

func try(f func()) {
	defer func() {
		r := recover()
		fmt.Println("recovered:", r)
		fmt.Printf("as %%v: %v\n", r)
	}()
	f()
}

func main() {
	try(func() { panic("plain string") })
	try(func() { panic(errors.New("an error")) })
	try(func() {})
	try(func() {
		var s []int
		fmt.Println(s[1])
	})
	try(func() {
		a := 0
		fmt.Println(10 / a)
	})
	defer fmt.Println("last words")
	panic("final")
}
