#!/usr/bin/env bash
# Builds the release binary an install would use and the benchmarks measure:
# .build-release/release/veo-studio (the path is printed last). Extra arguments go to `swift build`.
#
#   --static-swift-stdlib        self-contained: the Swift runtime and Foundation are linked in, so
#                                nothing but the C libraries is needed at run time, and only the
#                                parts used are mapped
#   lld, --no-export-dynamic     no dynamic symbol table of the whole program (a Swift executable
#                                exports every symbol otherwise: megabytes the loader reads at start)
#   -z pack-relative-relocs      the start-up relocations in the compact DT_RELR form instead of
#                                3.5 MB read at every start; the binary stays position-independent.
#                                Needs glibc 2.36 or later at run time (Debian 12, Ubuntu 22.10);
#                                on an older system, drop these two lines.
#   -Osize                       the Swift code optimised for size: fewer code pages touched per
#                                job (about 1 MB less resident), at no measurable CPU cost
# A clean build takes about 10 minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product veo-studio --static-swift-stdlib --scratch-path .build-release \
    -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld \
    -Xlinker --no-export-dynamic -Xlinker -z -Xlinker pack-relative-relocs \
    -Xswiftc -Osize "$@" >&2
echo ".build-release/release/veo-studio"
