//go:build !linux

package photo

func cpuSeconds() float64       { return 0 }
func threadCPUSeconds() float64 { return 0 }
