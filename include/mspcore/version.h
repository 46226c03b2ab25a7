/**
 * @file version.h
 * @brief The library version as macros, shared by the C header mspcore.h and the C++ core
 * (plain C; the VERSION file must agree, a test checks).
 */
#ifndef MSPCORE_VERSION_H
#define MSPCORE_VERSION_H

#define MSP_VERSION_MAJOR 0 /**< ABI major: also the SONAME suffix. */
#define MSP_VERSION_MINOR 3 /**< Backwards-compatible additions. */
#define MSP_VERSION_PATCH 0 /**< Fixes only. */

#endif /* MSPCORE_VERSION_H */
