package main

import "fmt"

func loopy() int {
outer:
	for {
		for i := 0; ; i++ {
			if i == 3 {
				break outer
			}
		}
	}
	return 7
}

func main() {
	ch := make(chan int, 10)
	for i := 0; i < 10; i++ {
		ch <- i
	}
	close(ch)
	n := 0
recv:
	for v := range ch {
		switch {
		case v%2 == 0:
			continue recv
		case v > 6:
			break recv
		}
		n += v
	}
	fmt.Println("n", n)
rows:
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			if j > i {
				continue rows
			}
			fmt.Print(i, j, " ")
		}
	}
	fmt.Println()
	sw := 2
	switch sw {
	case 1:
		fmt.Println("one")
	case 2:
		fmt.Println("two")
		fallthrough
	case 3:
		fmt.Println("three")
		fallthrough
	default:
		fmt.Println("default")
	case 4:
		fmt.Println("four")
	}
	fmt.Println(loopy())
}
