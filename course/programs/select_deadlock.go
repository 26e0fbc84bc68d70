// Two fetchers answer; main takes the first answer, then waits for the other by name.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=20
// gostep:stdout
//   first answer: {any}
//   ...
// gostep:end
package main

import (
	"fmt"
	"time"
)

func fetch(name string, out chan<- string) {
	out <- name
}

func main() {
	primary := make(chan string)
	backup := make(chan string)
	go fetch("primary", primary)
	go fetch("backup", backup)
	time.Sleep(time.Millisecond) // both fetchers are now waiting to send
	select {
	case v := <-primary:
		fmt.Println("first answer:", v)
	case v := <-backup:
		fmt.Println("first answer:", v)
	}
	// main assumes the primary answered first
	fmt.Println("second answer:", <-backup)
}
