package main

import "fmt"

func main() {
unused:
	for i := 0; i < 2; i++ {
		fmt.Println(i)
	}
sw:
	switch {
	case true:
		continue sw
	}
	for {
		break nowhere
	}
}
