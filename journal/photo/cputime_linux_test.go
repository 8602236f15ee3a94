package photo

import "syscall"

// cpuSeconds is the process's CPU time so far: on a shared machine a
// benchmark's wall time swings with the load, its CPU time much less.
func cpuSeconds() float64 { return rusageSeconds(syscall.RUSAGE_SELF) }

// threadCPUSeconds is the CPU time of the calling thread (lock it first): the
// work on the path the caller waits for, without what other goroutines do
// beside it.
func threadCPUSeconds() float64 { return rusageSeconds(1) } // RUSAGE_THREAD

func rusageSeconds(who int) float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(who, &ru) != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
