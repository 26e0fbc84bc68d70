package main

import "fmt"

func f() int {
L:
	for {
		select {
		default:
			break L
		}
	}
}

func g() int {
M:
	for {
		fmt.Println()
		break M
	}
	return 1
}

func main() {
	fmt.Println(g())
	f()
}
