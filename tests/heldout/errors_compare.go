// Sentinel errors: ==, errors.Is, nil errors printed, %q of an error.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   key 3: <nil> (ok)
//   key 42: not found (missing)
//   forbidden denied
//   nil error: <nil>
//   nil is nil: true
//   same text, equal: false false
//   canceled is deadline: false
//   "denied" context deadline exceeded
//   other
// gostep:end
package main

import (
	"context"
	"errors"
	"fmt"
)

var ErrNotFound = errors.New("not found")
var ErrDenied = errors.New("denied")

func lookup(key int, allowed bool) error {
	if !allowed {
		return ErrDenied
	}
	if key > 10 {
		return ErrNotFound
	}
	return nil
}

func describe(err error) string {
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, ErrNotFound):
		return "missing"
	case err == ErrDenied:
		return "forbidden"
	}
	return "other"
}

func main() {
	for _, k := range []int{3, 42} {
		err := lookup(k, true)
		fmt.Printf("key %d: %v (%s)\n", k, err, describe(err))
	}
	err := lookup(1, false)
	fmt.Println(describe(err), err)
	var nilErr error
	fmt.Printf("nil error: %v\n", nilErr)
	fmt.Println("nil is nil:", nilErr == nil)
	a := errors.New("x")
	b := errors.New("x")
	fmt.Println("same text, equal:", a == b, errors.Is(a, b))
	fmt.Println("canceled is deadline:", errors.Is(context.Canceled, context.DeadlineExceeded))
	fmt.Printf("%q %s\n", ErrDenied, context.DeadlineExceeded)
	fmt.Println(describe(errors.New("boom")))
}
