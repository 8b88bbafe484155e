#include <zlib.h>

/// inflateInit2 is a macro in zlib.h; Swift cannot call macros, so this wraps it.
static inline int duijie_inflateInit2(z_stream *stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}
