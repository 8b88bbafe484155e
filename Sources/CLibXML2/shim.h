#ifndef DUIJIE_CLIBXML2_SHIM_H
#define DUIJIE_CLIBXML2_SHIM_H

// Debian's libxml2 headers pull in the system ICU, whose types clash with the ICU bundled in
// Foundation on a clean build ("'UErrorCode' has different definitions"). Duijie never uses
// libxml2's ICU encoders, so switch them off before any other libxml2 header is read.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>

/// `xmlFree` is a mutable global function pointer, which Swift 6 refuses to touch; call it here.
static inline void duijie_xml_free(void *pointer) { xmlFree(pointer); }

/// The global parser version check, wrapped for the same reason.
static inline void duijie_xml_init(void) { xmlInitParser(); }

#endif
