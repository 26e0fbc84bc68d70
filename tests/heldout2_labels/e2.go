package main

import "fmt"

func main() {
	switch x := 1; x {
	case 1:
		fallthrough
	case 2:
		if x > 0 {
			fallthrough
		}
		fmt.Println(x)
	default:
		fallthrough
	}
}
