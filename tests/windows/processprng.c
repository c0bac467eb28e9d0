/*
 * bcryptprimitives.dll for testing under Wine: TEST-ONLY, NEVER SHIPPED.
 *
 * Real Windows (10 and 11) has the genuine bcryptprimitives.dll in System32. This file must never go
 * into the installer, the release folder or anything a family or an agency receives.
 *
 * Why it exists: Rust's standard library for Windows gets its random numbers (for example the keys of
 * every HashMap) from bcryptprimitives.dll!ProcessPrng, so every Rust .exe imports it. Debian 12's
 * Wine 8.0 has no bcryptprimitives.dll, so every Rust .exe, harbour.exe included, fails to start under
 * that Wine. Put the DLL this file builds beside a test executable (in the same folder) and it starts.
 *
 * It exports one function, ProcessPrng, which fills the buffer from advapi32's RtlGenRandom (exported
 * by name as SystemFunction036), the system's cryptographic random source, and returns TRUE, as the
 * real ProcessPrng always does.
 *
 * Build (on Debian: apt-get install gcc-mingw-w64-x86-64):
 *   x86_64-w64-mingw32-gcc -O2 -s -shared -Wall -Wextra -o bcryptprimitives.dll \
 *       tests/windows/processprng.c -ladvapi32
 * Check that it exports ProcessPrng:
 *   x86_64-w64-mingw32-objdump -p bcryptprimitives.dll | grep ProcessPrng
 * (On 64-bit Windows there is no name decoration, so no .def file is needed.)
 */
#include <windows.h>
#include <ntsecapi.h> /* RtlGenRandom, which is SystemFunction036 */

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    /* RtlGenRandom takes a ULONG length, so hand it large buffers a piece at a time. */
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!RtlGenRandom(data, chunk)) {
            /* The real ProcessPrng cannot fail and callers do not check. Never hand back
             * bytes that are not random: stop the program at once instead. */
            __builtin_trap();
        }
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
