package main

import (
	"fmt"
	"time"
)

func main() {
	done := make(chan struct{})
	ticks := make(chan int)
	go func() {
		defer close(done)
	loop:
		for {
			select {
			case v, ok := <-ticks:
				if !ok {
					break loop
				}
				fmt.Println("tick", v)
			case <-time.After(50 * time.Millisecond):
				break loop
			}
		}
		fmt.Println("worker out")
	}()
loop:
	for i := 0; ; i++ {
		switch {
		case i == 3:
			break loop
		}
		ticks <- i
	}
	close(ticks)
	<-done
}
