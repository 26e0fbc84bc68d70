// A context tree: a timeout at the root cancels child and grandchild; WithoutCancel does not; Cause.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   both done: true
//   grand err: context deadline exceeded
//   child err: context deadline exceeded
//   is deadline: true
//   cause: context deadline exceeded
//   detached err: <nil>
//   detached done nil: true
//   waited {dur:20ms..30ms}
//   context canceled shutdown
//   shutdown
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   both done: true
//   grand err: context deadline exceeded
//   child err: context deadline exceeded
//   is deadline: true
//   cause: context deadline exceeded
//   detached err: <nil>
//   detached done nil: true
//   waited {dur:20ms..30ms}
//   context canceled shutdown
//   shutdown
// gostep:end
package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

func watch(ctx context.Context, name string, out chan<- string) {
	<-ctx.Done()
	out <- name
}

func main() {
	start := time.Now()
	root, cancelRoot := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancelRoot()
	child, cancelChild := context.WithCancel(root)
	defer cancelChild()
	grand, cancelGrand := context.WithTimeout(child, time.Hour)
	defer cancelGrand()
	detached := context.WithoutCancel(child)
	out := make(chan string, 3)
	go watch(child, "child", out)
	go watch(grand, "grand", out)
	<-grand.Done()
	el := time.Since(start)
	a := <-out
	b := <-out
	fmt.Println("both done:", (a == "child" && b == "grand") || (a == "grand" && b == "child"))
	fmt.Println("grand err:", grand.Err())
	fmt.Println("child err:", child.Err())
	fmt.Println("is deadline:", errors.Is(grand.Err(), context.DeadlineExceeded))
	fmt.Println("cause:", context.Cause(grand))
	fmt.Println("detached err:", detached.Err())
	fmt.Println("detached done nil:", detached.Done() == nil)
	fmt.Printf("waited %v\n", el)
	c2, cancel2 := context.WithCancelCause(context.Background())
	cancel2(errors.New("shutdown"))
	fmt.Println(c2.Err(), context.Cause(c2))
	cancel2(errors.New("again"))
	fmt.Println(context.Cause(c2))
}
