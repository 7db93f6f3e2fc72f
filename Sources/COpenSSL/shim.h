// The OpenSSL headers tuanthu uses, and static inline wrappers for the macros Swift cannot
// import. No logic lives here: ownership and error handling are in TuanThuPKI.
#ifndef TUANTHU_COPENSSL_SHIM_H
#define TUANTHU_COPENSSL_SHIM_H

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/cms.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/core_dispatch.h>
#include <openssl/decoder.h>
#include <openssl/ec.h>
#include <openssl/core_names.h>
#include <openssl/core_object.h>
#include <openssl/provider.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>
#include <openssl/ts.h>

static inline STACK_OF(X509) *tt_sk_X509_new_null(void) { return sk_X509_new_null(); }
static inline int tt_sk_X509_push(STACK_OF(X509) *stack, X509 *cert) { return sk_X509_push(stack, cert); }
static inline int tt_sk_X509_num(const STACK_OF(X509) *stack) { return sk_X509_num(stack); }
static inline X509 *tt_sk_X509_value(const STACK_OF(X509) *stack, int index) { return sk_X509_value(stack, index); }
static inline void tt_sk_X509_free(STACK_OF(X509) *stack) { sk_X509_free(stack); }
static inline STACK_OF(X509) *tt_sk_X509_dup(const STACK_OF(X509) *stack) { return sk_X509_dup(stack); }
static inline void tt_sk_X509_pop_free(STACK_OF(X509) *stack) { sk_X509_pop_free(stack, X509_free); }

static inline int tt_sk_ASN1_OBJECT_num(const STACK_OF(ASN1_OBJECT) *stack) { return sk_ASN1_OBJECT_num(stack); }
static inline ASN1_OBJECT *tt_sk_ASN1_OBJECT_value(const STACK_OF(ASN1_OBJECT) *stack, int index) {
    return sk_ASN1_OBJECT_value(stack, index);
}
static inline STACK_OF(ASN1_OBJECT) *tt_sk_ASN1_OBJECT_new_null(void) { return sk_ASN1_OBJECT_new_null(); }
static inline int tt_sk_ASN1_OBJECT_push(STACK_OF(ASN1_OBJECT) *stack, ASN1_OBJECT *object) {
    return sk_ASN1_OBJECT_push(stack, object);
}
static inline void tt_sk_ASN1_OBJECT_pop_free(STACK_OF(ASN1_OBJECT) *stack) {
    sk_ASN1_OBJECT_pop_free(stack, ASN1_OBJECT_free);
}
static inline void tt_EXTENDED_KEY_USAGE_free(EXTENDED_KEY_USAGE *eku) {
    sk_ASN1_OBJECT_pop_free(eku, ASN1_OBJECT_free);
}

static inline int tt_sk_CMS_SignerInfo_num(STACK_OF(CMS_SignerInfo) *stack) { return sk_CMS_SignerInfo_num(stack); }
static inline CMS_SignerInfo *tt_sk_CMS_SignerInfo_value(STACK_OF(CMS_SignerInfo) *stack, int index) {
    return sk_CMS_SignerInfo_value(stack, index);
}

static inline void tt_OPENSSL_free(void *pointer) { OPENSSL_free(pointer); }

static inline int tt_X509_STORE_CTX_set_app_data(X509_STORE_CTX *ctx, void *data) {
    return X509_STORE_CTX_set_app_data(ctx, data);
}
static inline void *tt_X509_STORE_CTX_get_app_data(X509_STORE_CTX *ctx) { return X509_STORE_CTX_get_app_data(ctx); }

static inline STACK_OF(X509_CRL) *tt_sk_X509_CRL_new_null(void) { return sk_X509_CRL_new_null(); }
static inline int tt_sk_X509_CRL_push(STACK_OF(X509_CRL) *stack, X509_CRL *crl) { return sk_X509_CRL_push(stack, crl); }
static inline void tt_sk_X509_CRL_free(STACK_OF(X509_CRL) *stack) { sk_X509_CRL_free(stack); }

static inline CMS_ContentInfo *tt_PEM_read_bio_CMS(BIO *bio) { return PEM_read_bio_CMS(bio, NULL, NULL, NULL); }

/* An EC public key on a named curve, made as OpenSSL 3.0's default provider makes one from a
   SubjectPublicKeyInfo (eckey_pub_decode): a new EC_KEY in `libctx`, a copy of `group`, the point
   read by EC_KEY_oct2key, which refuses a point off the curve. NULL when any step fails. Only
   NamedCurveDecoder calls it; the EC_KEY functions are deprecated in 3.0, not removed. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
static inline EC_KEY *tt_EC_KEY_from_point(OSSL_LIB_CTX *libctx, const EC_GROUP *group, const unsigned char *point,
                                           size_t length) {
    EC_KEY *key = EC_KEY_new_ex(libctx, NULL);
    if (key == NULL) return NULL;
    if (EC_KEY_set_group(key, group) != 1 || EC_KEY_oct2key(key, point, length, NULL) != 1) {
        EC_KEY_free(key);
        return NULL;
    }
    return key;
}
static inline void tt_EC_KEY_free(EC_KEY *key) { EC_KEY_free(key); }
#pragma GCC diagnostic pop

#endif
