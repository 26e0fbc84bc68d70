// Command vetcases is input for `go vet`'s lostcancel check: chapter 7 runs `go vet .` on it.
// It leaks contexts on purpose, so vet fails.
package main

import (
	"context"
	"time"
)

func deferred(parent context.Context) error {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	return ctx.Err()
}

func direct(parent context.Context) error {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	err := ctx.Err()
	cancel()
	return err
}

func discarded(parent context.Context) error {
	ctx, _ := context.WithTimeout(parent, time.Second)
	return ctx.Err()
}

func somePaths(parent context.Context, fast bool) error {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	if fast {
		return nil
	}
	defer cancel()
	return ctx.Err()
}

type job struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func inStruct(parent context.Context) *job {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	return &job{ctx: ctx, cancel: cancel} // nobody ever calls j.cancel
}

var pending []context.CancelFunc

func stored(parent context.Context) error {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	pending = append(pending, cancel) // never called either
	return ctx.Err()
}

func keep(f context.CancelFunc) {}

func passedAway(parent context.Context) error {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	keep(cancel) // keep drops it
	return ctx.Err()
}

func main() {
	bg := context.Background()
	_ = deferred(bg)
	_ = direct(bg)
	_ = discarded(bg)
	_ = somePaths(bg, true)
	_ = inStruct(bg)
	_ = stored(bg)
	_ = passedAway(bg)
}
