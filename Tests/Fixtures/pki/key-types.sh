#!/bin/sh
# Self-signed certificates with the key types the conformance suites lack, for
# ParsingProviderTests: Ed25519, Ed448, RSA-PSS, EC with explicit curve parameters, SM2, and an
# X25519 key (certified by an Ed25519 key: X25519 cannot sign), and two leaves (key usage
# digitalSignature only) on P-384 and P-521 whose points are compressed. Usage: key-types.sh FOLDER
# Every certificate is valid from 2026-01-01 to 2036-01-01 whatever the day it is made: `openssl ca`
# takes fixed dates, and the X25519 one keeps its template's (`-preserve_dates`).
# Any failing command stops the script with its own message.
set -eu
mkdir -p "$1"
cd "$1"
mkdir -p ca-db
: > ca-db/index.txt
echo 01 > ca-db/serial
cat > ca.cnf <<'CONF'
[ca]
default_ca = fixture
[fixture]
database = ca-db/index.txt
new_certs_dir = ca-db
serial = ca-db/serial
policy = any_name
default_md = default
unique_subject = no
[any_name]
commonName = supplied
[leaf]
keyUsage = critical,digitalSignature
basicConstraints = critical,CA:FALSE
CONF
self_signed() {
    openssl req -new -key "$1.key" -subj "/CN=$1" -out "$1.csr"
    openssl ca -batch -notext -config ca.cnf -selfsign -keyfile "$1.key" -in "$1.csr" \
        -startdate 20260101000000Z -enddate 20360101000000Z -out "$1.pem" 2>/dev/null
}
openssl genpkey -algorithm ed25519 -out ed25519.key
self_signed ed25519
openssl genpkey -algorithm ed448 -out ed448.key
self_signed ed448
openssl genpkey -algorithm rsa-pss -pkeyopt rsa_keygen_bits:2048 -out rsa-pss.key
self_signed rsa-pss
openssl ecparam -name prime256v1 -param_enc explicit -genkey -noout -out ec-explicit.key
self_signed ec-explicit
openssl genpkey -algorithm sm2 -out sm2.key
self_signed sm2
openssl genpkey -algorithm x25519 -out x25519.key
openssl pkey -in x25519.key -pubout -out x25519.pub
openssl x509 -in ed25519.pem -signkey ed25519.key -force_pubkey x25519.pub -subj /CN=x25519 -preserve_dates \
    -out x25519.pem
for curve in secp384r1 secp521r1; do
    openssl ecparam -name "$curve" -genkey -noout | openssl ec -conv_form compressed -out "$curve.key" 2>/dev/null
    openssl req -new -key "$curve.key" -subj "/CN=$curve compressed" -out "$curve.csr"
    openssl ca -batch -notext -config ca.cnf -selfsign -keyfile "$curve.key" -in "$curve.csr" -extensions leaf \
        -startdate 20260101000000Z -enddate 20360101000000Z -out "$curve-compressed.pem" 2>/dev/null
done
rm -rf ./*.key ./*.pub ./*.csr ca.cnf ca-db
