/* dynload.h - libxml2 and uchardet, loaded with dlopen by the first input
 * that needs them (HTML; a legacy charset to guess), not at every start:
 * linked, the dynamic loader's work on them (and on ICU, liblzma and
 * libstdc++ behind them) was most of what a process start cost.
 *
 * Each library's functions are resolved, once per process and thread-safely,
 * into a table of pointers typed by the library's own headers; the macros at
 * the end route the usual names through it, so call sites read as plain
 * libxml2 and uchardet calls.  Include this header after any libxml2 or
 * uchardet header, and call the library's load function before its first
 * call.
 */
#ifndef BOILOFF_DYNLOAD_H
#define BOILOFF_DYNLOAD_H

#include <config.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>
#ifdef HAVE_UCHARDET
#include <uchardet.h>
#endif

#include "boiloff.h"

#ifndef LIBXML_THREAD_ENABLED
#error "boiloff needs a libxml2 built with thread support"
#endif

/* The libxml2 functions boiloff calls (the command's xml output too). */
#define BOILOFF__LIBXML2_FUNCTIONS(X)  \
  X(htmlCreatePushParserCtxt)          \
  X(htmlCtxtUseOptions)                \
  X(htmlFreeParserCtxt)                \
  X(htmlParseChunk)                    \
  X(xmlBufUse)                         \
  X(xmlFindCharEncodingHandler)        \
  X(xmlInitParser)                     \
  X(xmlParserInputShrink)              \
  X(xmlStopParser)                     \
  X(xmlStrcasecmp)                     \
  X(xmlSwitchEncoding)                 \
  X(xmlSwitchToEncoding)               \
  X(xmlSetGenericErrorFunc)            \
  X(xmlSetStructuredErrorFunc)         \
  X(xmlThrDefSetGenericErrorFunc)      \
  X(xmlThrDefSetStructuredErrorFunc)   \
  X(__xmlGenericError)                 \
  X(__xmlGenericErrorContext)          \
  X(__xmlStructuredError)              \
  X(__xmlStructuredErrorContext)       \
  X(xmlOutputBufferCreateIO)           \
  X(xmlOutputBufferClose)              \
  X(xmlNewTextWriter)                  \
  X(xmlFreeTextWriter)                 \
  X(xmlTextWriterStartDocument)        \
  X(xmlTextWriterEndDocument)          \
  X(xmlTextWriterStartElement)         \
  X(xmlTextWriterEndElement)           \
  X(xmlTextWriterWriteAttribute)       \
  X(xmlTextWriterWriteFormatAttribute) \
  X(xmlTextWriterWriteString)          \
  X(xmlTextWriterFlush)

#define BOILOFF__UCHARDET_FUNCTIONS(X) \
  X(uchardet_new)                      \
  X(uchardet_handle_data)              \
  X(uchardet_data_end)                 \
  X(uchardet_get_charset)              \
  X(uchardet_delete)

#define BOILOFF__DYNLOAD_POINTER(f) __typeof__(f) *p_##f;
struct boiloff__libxml2 {
  BOILOFF__LIBXML2_FUNCTIONS(BOILOFF__DYNLOAD_POINTER)
};
extern struct boiloff__libxml2 boiloff__libxml2;
#ifdef HAVE_UCHARDET
struct boiloff__uchardet {
  BOILOFF__UCHARDET_FUNCTIONS(BOILOFF__DYNLOAD_POINTER)
};
extern struct boiloff__uchardet boiloff__uchardet;
#endif

/* Loads libxml2 (and runs xmlInitParser) at the first call; BOILOFF_OK once
 * it is loaded, else BOILOFF_ERR_LIBRARY, now and at every later call. */
boiloff_status boiloff__libxml2_load(void);

/* The same for uchardet; BOILOFF_ERR_LIBRARY too when boiloff was built
 * without it. */
boiloff_status boiloff__uchardet_load(void);

/* What the dynamic loader said when libxml2 could not be loaded
 * ("libxml2.so.2: cannot open shared object file..."), or NULL when it
 * is loaded (loading it first if need be). */
const char *boiloff__libxml2_error(void);

#define BOILOFF__DYNLOAD_ROUTE(table, f) (table.p_##f)
#define htmlCreatePushParserCtxt \
  BOILOFF__DYNLOAD_ROUTE(boiloff__libxml2, htmlCreatePushParserCtxt)
#define htmlCtxtUseOptions \
  BOILOFF__DYNLOAD_ROUTE(boiloff__libxml2, htmlCtxtUseOptions)
#define htmlFreeParserCtxt \
  BOILOFF__DYNLOAD_ROUTE(boiloff__libxml2, htmlFreeParserCtxt)
#define htmlParseChunk BOILOFF__DYNLOAD_ROUTE(boiloff__libxml2, htmlParseChunk)
#define xmlBufUse BOILOFF__DYNLOAD_ROUTE(boiloff__libxml2, xmlBufUse)
#define xmlFindCharEncodingHandler \
  BOILOFF__DYNLOAD_ROUTE(boiloff__libxml2, xmlFindCharEncodingHandler)
#define xmlInitParser BOILOFF__DYNLOAD_ROUTE(boiloff__libxml2, xmlInitParser)
#define xmlParserInputShrink \
  BOILOFF__DYNLOAD_ROUTE(boiloff__libxml2, xmlParserInputShrink)
#define xmlStopParser BOILOFF__DYNLOAD_ROUTE(boiloff__libxml2, xmlStopParser)
#define xmlStrcasecmp BOILOFF__DYNLOAD_ROUTE(boiloff__libxml2, xmlStrcasecmp)
#define xmlSwitchEncoding \
  BOILOFF__DYNLOAD_ROUTE(boiloff__libxml2, xmlSwitchEncoding)
#define xmlSwitchToEncoding \
  BOILOFF__DYNLOAD_ROUTE(boiloff__libxml2, xmlSwitchToEncoding)
#define xmlSetGenericErrorFunc \
  BOILOFF__DYNLOAD_ROUTE(boiloff__libxml2, xmlSetGenericErrorFunc)
#define xmlSetStructuredErrorFunc \
  BOILOFF__DYNLOAD_ROUTE(boiloff__libxml2, xmlSetStructuredErrorFunc)
#define xmlThrDefSetGenericErrorFunc \
  BOILOFF__DYNLOAD_ROUTE(boiloff__libxml2, xmlThrDefSetGenericErrorFunc)
#define xmlThrDefSetStructuredErrorFunc \
  BOILOFF__DYNLOAD_ROUTE(boiloff__libxml2, xmlThrDefSetStructuredErrorFunc)
/* libxml2's thread-local xmlGenericError etc. are macros over these. */
#define __xmlGenericError \
  BOILOFF__DYNLOAD_ROUTE(boiloff__libxml2, __xmlGenericError)
#define __xmlGenericErrorContext \
  BOILOFF__DYNLOAD_ROUTE(boiloff__libxml2, __xmlGenericErrorContext)
#define __xmlStructuredError \
  BOILOFF__DYNLOAD_ROUTE(boiloff__libxml2, __xmlStructuredError)
#define __xmlStructuredErrorContext \
  BOILOFF__DYNLOAD_ROUTE(boiloff__libxml2, __xmlStructuredErrorContext)
#define xmlOutputBufferCreateIO \
  BOILOFF__DYNLOAD_ROUTE(boiloff__libxml2, xmlOutputBufferCreateIO)
#define xmlOutputBufferClose \
  BOILOFF__DYNLOAD_ROUTE(boiloff__libxml2, xmlOutputBufferClose)
#define xmlNewTextWriter \
  BOILOFF__DYNLOAD_ROUTE(boiloff__libxml2, xmlNewTextWriter)
#define xmlFreeTextWriter \
  BOILOFF__DYNLOAD_ROUTE(boiloff__libxml2, xmlFreeTextWriter)
#define xmlTextWriterStartDocument \
  BOILOFF__DYNLOAD_ROUTE(boiloff__libxml2, xmlTextWriterStartDocument)
#define xmlTextWriterEndDocument \
  BOILOFF__DYNLOAD_ROUTE(boiloff__libxml2, xmlTextWriterEndDocument)
#define xmlTextWriterStartElement \
  BOILOFF__DYNLOAD_ROUTE(boiloff__libxml2, xmlTextWriterStartElement)
#define xmlTextWriterEndElement \
  BOILOFF__DYNLOAD_ROUTE(boiloff__libxml2, xmlTextWriterEndElement)
#define xmlTextWriterWriteAttribute \
  BOILOFF__DYNLOAD_ROUTE(boiloff__libxml2, xmlTextWriterWriteAttribute)
#define xmlTextWriterWriteFormatAttribute \
  BOILOFF__DYNLOAD_ROUTE(boiloff__libxml2, xmlTextWriterWriteFormatAttribute)
#define xmlTextWriterWriteString \
  BOILOFF__DYNLOAD_ROUTE(boiloff__libxml2, xmlTextWriterWriteString)
#define xmlTextWriterFlush \
  BOILOFF__DYNLOAD_ROUTE(boiloff__libxml2, xmlTextWriterFlush)
#ifdef HAVE_UCHARDET
#define uchardet_new BOILOFF__DYNLOAD_ROUTE(boiloff__uchardet, uchardet_new)
#define uchardet_handle_data \
  BOILOFF__DYNLOAD_ROUTE(boiloff__uchardet, uchardet_handle_data)
#define uchardet_data_end \
  BOILOFF__DYNLOAD_ROUTE(boiloff__uchardet, uchardet_data_end)
#define uchardet_get_charset \
  BOILOFF__DYNLOAD_ROUTE(boiloff__uchardet, uchardet_get_charset)
#define uchardet_delete \
  BOILOFF__DYNLOAD_ROUTE(boiloff__uchardet, uchardet_delete)
#endif

#endif
