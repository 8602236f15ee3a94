/*
 * A stand-in bcryptprimitives.dll for running Kindred under Wine 8 in CI only
 * (never shipped). Go's Windows runtime (1.24 and later) draws its random
 * bytes from ProcessPrng, which Windows 10 has and Wine 8 lacks; without it
 * every Go program dies at start. RtlGenRandom (advapi32's SystemFunction036)
 * gives the same: cryptographically random bytes, always filling the buffer.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
	while (length > 0) {
		ULONG n = length > 0x40000000 ? 0x40000000 : (ULONG)length;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		length -= n;
	}
	return TRUE;
}
