// Two goroutines hit a ball back and forth on an unbuffered channel.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=3
// gostep:exit ok
// gostep:stdout
//   ping 1
//   pong 2
//   ping 3
//   pong 4
//   done
// gostep:end
//
// gostep:case name=two-ps gomaxprocs=2 go=1.27 timeout=2s runs=3
// gostep:exit ok
// gostep:stdout
//   ping 1
//   pong 2
//   ping 3
//   pong 4
//   done
// gostep:end
package main

import "fmt"

// ping receives the ball, hits it and sends it back, twice.
// An unbuffered send blocks until the other side receives,
// so the two goroutines take turns.
func ping(table chan int) {
	for i := 0; i < 2; i++ {
		ball := <-table // parks (gopark) until main sends
		ball++
		fmt.Println("ping", ball)
		table <- ball // parks until main receives
	}
}

func main() {
	table := make(chan int) // unbuffered: no room to leave the ball
	go ping(table)

	table <- 0 // serve: main waits here until ping receives
	for i := 0; i < 2; i++ {
		ball := <-table
		ball++
		fmt.Println("pong", ball)
		if i == 0 {
			table <- ball // hit it back once; the second time we keep it
		}
	}
	fmt.Println("done")
}
