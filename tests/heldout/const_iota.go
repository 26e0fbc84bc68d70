// iota in const blocks: skipped values, shifts, two names per spec, Duration constants.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit ok
// gostep:stdout
//   0 1 3
//   1024 1048576 1073741824
//   0 0 1 10
//   5ms 10ms 15ms
//   15000000 15ms
// gostep:end
package main

import (
	"fmt"
	"time"
)

const (
	Idle = iota
	Running
	_
	Stopped
)

const (
	KB = 1 << (10 * (iota + 1))
	MB
	GB
)

const (
	a, b = iota, iota * 10
	c, d
)

const step = 5 * time.Millisecond

const (
	short = step * (iota + 1)
	medium
	long
)

func main() {
	fmt.Println(Idle, Running, Stopped)
	fmt.Println(KB, MB, GB)
	fmt.Println(a, b, c, d)
	fmt.Println(short, medium, long)
	fmt.Printf("%d %v\n", long, long)
}
