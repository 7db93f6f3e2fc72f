// The system's zlib, for the Flate streams of PDF files (cross-reference and object streams).
// No logic lives here: the inflater and its bounds are in TuanThuPKI (PDF/PDFFlate.swift).
#ifndef TUANTHU_CZLIB_SHIM_H
#define TUANTHU_CZLIB_SHIM_H
#include <zlib.h>
#endif
