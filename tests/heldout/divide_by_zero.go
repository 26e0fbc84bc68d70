// Integer division by a zero variable panics at run time; the deferred call still prints.
//
// gostep:case name=default gomaxprocs=1 go=1.27 timeout=2s runs=5
// gostep:exit panic
// gostep:message runtime error: integer divide by zero
// gostep:stdout
//   5
//   deferred runs
// gostep:end
package main

import "fmt"

func average(sum, count int) int {
	return sum / count
}

func main() {
	fmt.Println(average(10, 2))
	defer fmt.Println("deferred runs")
	fmt.Println(average(10, 0))
}
