#ifndef C_FUZZER_DRIVER_H
#define C_FUZZER_DRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver entry (libclang_rt.fuzzer, linked by -sanitize=fuzzer). The harnesses call it
/// from their own main because SwiftPM on Linux renames an executable's entry point to
/// `<module>_main` and links `main` to it, so libFuzzer's own `main` cannot be used.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
