// cancel() cancels its context and the contexts below it, never the one above, and waits for nothing.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s
// gostep:exit ok
// gostep:goroutines 1
// gostep:stdout
//   handler: context canceled
//   query (child): context canceled
//   request (parent): <nil>
//   goroutines: 1
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s
// gostep:exit ok
// gostep:goroutines 1
// gostep:stdout
//   handler: context canceled
//   query (child): context canceled
//   request (parent): <nil>
//   goroutines: 1
// gostep:end
package main

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

func main() {
	request, clientGone := context.WithCancel(context.Background()) // stands for r.Context()
	defer clientGone()
	handler, cancel := context.WithTimeout(request, time.Second)
	query, cancelQuery := context.WithCancel(handler)
	defer cancelQuery()
	done := handler.Done()

	cancel()
	<-done
	fmt.Println("handler:", handler.Err())
	fmt.Println("query (child):", query.Err())
	fmt.Println("request (parent):", request.Err())
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
