//go:build !unix

package insights_test

func cpuSeconds() float64 { return 0 }
