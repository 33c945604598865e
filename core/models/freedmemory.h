#pragma once

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace hs::core {

// Gives memory freed in bulk (a large listing's scratch data, the rows of a
// closed file: hundreds of megabytes for a million members) back to the
// system. glibc keeps freed memory of every thread's arena for reuse, and the
// process would look that much larger for the rest of the session.
inline void releaseFreedMemory()
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

} // namespace hs::core
