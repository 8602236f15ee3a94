//go:build !unix

package photo

func cpuSeconds() float64 { return 0 }
